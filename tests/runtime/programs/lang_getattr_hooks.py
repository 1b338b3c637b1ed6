class Dyn:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("x"):
            return "dyn_" + name
        raise AttributeError(name)

d = Dyn()
print(d.real, d.xyz)
try:
    d.other
except AttributeError as e:
    print("AttributeError", e)
print(hasattr(d, "xa"), hasattr(d, "b"))
print(getattr(d, "nope", "default"))

class Rec:
    def __init__(self):
        object.__setattr__(self, "store", {})
    def __setattr__(self, name, value):
        self.store[name] = value * 2
    def __getattr__(self, name):
        try:
            return self.store[name]
        except KeyError:
            raise AttributeError(name)
    def __delattr__(self, name):
        del self.store[name]

r = Rec()
r.a = 5
print(r.a, r.store)
del r.a
print(r.store)
try:
    r.a
except AttributeError:
    print("gone")
setattr(r, "b", "s")
print(r.b)
