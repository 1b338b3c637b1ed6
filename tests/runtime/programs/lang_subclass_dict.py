class Default(dict):
    def __init__(self, factory, *a, **k):
        super().__init__(*a, **k)
        self.factory = factory
    def get_or_make(self, k):
        if k not in self:
            self[k] = self.factory()
        return self[k]

d = Default(list, a=[1])
d.get_or_make("b").append(2)
d.get_or_make("a").append(3)
print(sorted(d.items()))
print(isinstance(d, dict), len(d), "a" in d)
class Attr(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)
a = Attr(x=1, y=2)
print(a.x, a.y, a["x"])
try:
    a.z
except AttributeError:
    print("no z")
class Counting(dict):
    def __setitem__(self, k, v):
        print("set", k)
        super().__setitem__(k, v * 10)
c = Counting()
c["k"] = 1
print(c["k"])
print(c.get("k"), c.get("q", "dflt"), list(c.keys()))
