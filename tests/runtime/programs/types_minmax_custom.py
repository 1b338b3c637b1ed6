class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return "V(%d)" % self.v
vs = [V(3), V(1), V(2)]
print(min(vs), sorted(vs), max(vs, key=lambda x: -x.v))
try:
    print(max(vs))
except TypeError as e:
    print("TypeError", e)
print(max([1, 5, 3]), min("hello"), max("a", "b", "c"), max([], default=7), min((4, 2), key=abs))
print(max([2, 1], key=None) if False else "", max(1, 2.5), min([[2], [1, 5]]))
class G:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return "G(%d)" % self.v
try:
    print(max([G(1), G(5)]))
except TypeError as e:
    print("TypeError", e)
try:
    print(sorted([G(2), G(1)]))
except TypeError as e:
    print("TypeError", e)
for f in (lambda: max([]), lambda: min(()), lambda: max(1), lambda: max([1, "a"]), lambda: max()):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
