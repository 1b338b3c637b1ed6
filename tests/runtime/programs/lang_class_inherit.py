class A:
    def who(self):
        return "A"
    def hello(self):
        return "hello from " + self.who()
class B(A):
    def who(self):
        return "B"
class C(B):
    def who(self):
        return "C+" + super().who()
print(A().hello(), B().hello(), C().hello())
class M1:
    def f(self):
        return "M1"
class M2:
    def f(self):
        return "M2"
    def g(self):
        return "g2"
class D(M1, M2):
    pass
print(D().f(), D().g(), isinstance(D(), M2), issubclass(D, M1), issubclass(A, B))
class E(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code
try:
    raise E(7)
except Exception as e:
    print(type(e).__name__, e, e.code, e.args)
