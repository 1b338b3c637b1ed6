class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __contains__(self, x):
        print("contains?", x)
        return x in self.items
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Bag(*self.items[i])
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __repr__(self):
        return "Bag(%r)" % (self.items,)

b = Bag(1, 2, 3, 4, 5)
print(len(b), 3 in b, 9 not in b)
print(b[1], b[-1], b[1:4], b[::2], b[::-1])
b[0] = 10
del b[1]
print(b)
print(bool(Bag()), bool(b))

class Truthy:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("bool called")
        return self.v
print(bool(Truthy(False)))
if Truthy(True):
    print("yes")
print(not Truthy(True))
class LenOnly:
    def __len__(self):
        return 0
print(bool(LenOnly()), "t" if LenOnly() else "f")

class SliceShow:
    def __getitem__(self, k):
        return k
s = SliceShow()
print(s[1:2], s[::3], s[1:2:3], s[:])
print(s[1, 2], s["key"])
