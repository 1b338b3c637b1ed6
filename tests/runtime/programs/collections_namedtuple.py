from collections import namedtuple
P = namedtuple("P", ("x", "y"))
p = P(1, 2)
print(p, p.x, p[1], len(p), p == (1, 2), tuple(p))
Q = namedtuple("Q", "a b c")
q = Q(c=3, a=1, b=2)
print(q)
x, y = p
print(x + y, isinstance(p, tuple))
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError")
