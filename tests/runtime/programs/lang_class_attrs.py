class K:
    count = 0
    def __init__(self):
        K.count += 1
    @staticmethod
    def s(x):
        return x * 2
    @classmethod
    def c(cls):
        return cls.__name__
    @property
    def p(self):
        return "prop"
class L(K):
    pass
K(); K(); L()
print(K.count, K.s(4), K().s(5), K.c(), L.c(), L().p)
class Q:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, val):
        self._v = val * 10
q = Q()
q.v = 3
print(q.v)
try:
    K().p = 1
except AttributeError:
    print("AttributeError")
class G:
    def __getattr__(self, name):
        return "dyn_" + name
print(G().foo, G().bar)
