import micropython
from micropython import const
X = const(10)
_Y = const(X * 2)
print(X, _Y, micropython.const(3))
print(hasattr(micropython, "opt_level"))
