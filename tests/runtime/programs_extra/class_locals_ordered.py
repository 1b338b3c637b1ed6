# type() keeps an OrderedDict namespace as the class's locals: __dict__ lists its order
from collections import OrderedDict

names = OrderedDict()
for n in ("zeta", "alpha", "mid", "beta", "omega", "gamma"):
    names[n] = len(n)
A = type("A", (), names)
print([k for k in A.__dict__ if not k.startswith("_")])
print(A.mid, A.omega)
B = type("B", (), dict(names))
print(sorted(k for k in B.__dict__ if not k.startswith("_")))
