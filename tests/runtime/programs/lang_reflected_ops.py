class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        if isinstance(o, int):
            return V(self.x + o)
        return NotImplemented
    def __radd__(self, o):
        return V(o * 100 + self.x)
    def __sub__(self, o):
        return V(self.x - (o.x if isinstance(o, V) else o))
    def __rsub__(self, o):
        return V(o - self.x)
    def __mul__(self, k):
        return V(self.x * k)
    def __rmul__(self, k):
        return V(-self.x * k)
    def __neg__(self):
        return V(-self.x)
    def __pos__(self):
        return V(abs(self.x))
    def __invert__(self):
        return V(~self.x)
    def __repr__(self):
        return "V(%d)" % self.x

print(V(1) + V(2), V(1) + 5, 5 + V(1))
print(V(9) - 4, 10 - V(3))
print(V(2) * 3, 3 * V(2))
print(-V(4), +V(-4), ~V(0))
print(sum([V(1), V(2)], V(0)))
try:
    V(1) + "s"
except TypeError as e:
    print("TypeError", e)

class Num:
    def __init__(self, v):
        self.v = v
    def __truediv__(self, o):
        return "div"
    def __rtruediv__(self, o):
        return "rdiv"
    def __floordiv__(self, o):
        return "fdiv"
    def __mod__(self, o):
        return "mod"
    def __rmod__(self, o):
        return "rmod"
    def __pow__(self, o):
        return "pow"
    def __rpow__(self, o):
        return "rpow"
    def __and__(self, o):
        return "and"
    def __ror__(self, o):
        return "ror"
    def __lshift__(self, o):
        return "lshift"
print(Num(1) / 2, 2 / Num(1), Num(1) // 2, Num(1) % 3, 3 % Num(1))
print(Num(1) ** 2, 2 ** Num(1), Num(1) & 1, 1 | Num(1), Num(1) << 2)
