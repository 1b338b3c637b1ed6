def t(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

class GA:
    real = "real attr"
    def __getattribute__(self, name):
        return "intercepted " + name
t("getattribute real", lambda: GA().real)
t("getattribute missing", lambda: GA().foo)

class Base:
    seen = []
    def __init_subclass__(cls):
        Base.seen.append(cls.__name__)
class Child(Base):
    pass
t("init_subclass", lambda: Base.seen)

class Slotted:
    __slots__ = ("a",)
    def __init__(self):
        self.a = 1
def extra_attr():
    s = Slotted()
    s.b = 2
    return s.a + s.b
t("slots", extra_attr)
t("slots attr", lambda: Slotted.__slots__)

class Idx:
    def __index__(self):
        return 2
t("index range", lambda: list(range(Idx())))

class Meta(type):
    pass
def with_meta():
    class K(metaclass=Meta):
        pass
    return K
t("metaclass", with_meta)
def with_kw():
    class K(Base, flag=1):
        pass
    return K
t("class keyword", with_kw)
