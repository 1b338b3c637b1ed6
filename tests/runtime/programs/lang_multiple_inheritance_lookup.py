class A:
    def m(self):
        return "A.m"
    def only_a(self):
        return "only A"
    tag = "A"
class B(A):
    pass
class C(A):
    def m(self):
        return "C.m"
    tag = "C"
class D(B, C):
    pass
d = D()
print(d.m(), d.tag, d.only_a(), D.tag)
print(isinstance(d, C), issubclass(D, A), isinstance(d, B))
class E(C, B):
    pass
print(E().m(), E.tag)
class X:
    def hello(self):
        return "X"
class Y:
    def hello(self):
        return "Y"
    def bye(self):
        return "Y bye"
class Z(X, Y):
    pass
print(Z().hello(), Z().bye())
class W(Z):
    def hello(self):
        return "W>" + super().hello()
print(W().hello(), W().bye())
class P:
    def __init__(self):
        self.p = 1
class Q:
    def __init__(self):
        self.q = 2
class R(P, Q):
    pass
r = R()
print(hasattr(r, "p"), hasattr(r, "q"))
class L(list, X):
    pass
l = L([1, 2])
print(l, len(l), l.hello())
print(type(D).__name__, D.__name__, D.__bases__ == (B, C), isinstance(D, type))
