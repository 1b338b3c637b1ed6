class R:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __le__(self, o):
        return self.v <= o.v
    def __hash__(self):
        return self.v
    def __eq__(self, o):
        return isinstance(o, R) and self.v == o.v
    def __str__(self):
        return "R%d" % self.v
    def __repr__(self):
        return "R(%d)" % self.v
rs = [R(3), R(1), R(2)]
print(sorted(rs), str(R(9)), R(1) == R(1), R(1) in rs, len({R(1), R(1)}))
class Box:
    def __init__(self):
        self.d = {}
    def __setitem__(self, k, v):
        self.d[k] = v
    def __getitem__(self, k):
        return self.d[k]
    def __delitem__(self, k):
        del self.d[k]
b = Box()
b["x"] = 1
print(b["x"])
del b["x"]
print(b.d)
class I:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        self.v += o
        return self
    def __radd__(self, o):
        return o + self.v
i = I(1)
i += 5
print(i.v, 10 + i)
