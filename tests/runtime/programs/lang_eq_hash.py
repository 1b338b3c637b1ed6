class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __eq__(self, o):
        return isinstance(o, Point) and self.x == o.x and self.y == o.y
    def __hash__(self):
        return hash((self.x, self.y))

a = Point(1, 2)
b = Point(1, 2)
c = Point(2, 1)
print(a == b, a == c, a != b, a != c)
print(a is b)
s = {a, b, c}
print(len(s))
d = {a: "first"}
d[b] = "second"
print(len(d), d[Point(1, 2)])
print(a == 5, 5 == a)

class NoEq:
    pass
n = NoEq()
print(n == n, n == NoEq(), n != n)
print(hash(n) == hash(n))

class Cmp:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return "Cmp(%d)" % self.v
print(sorted([Cmp(3), Cmp(1), Cmp(2)]))
try:
    print(max([Cmp(3), Cmp(5), Cmp(2)]))
except TypeError as e:
    print("TypeError", e)
print(Cmp(1) < Cmp(2))
try:
    print(Cmp(3) >= Cmp(2))
except TypeError as e:
    print("TypeError", e)
class Full(Cmp):
    def __gt__(self, o):
        return self.v > o.v
print(max([Full(3), Full(5), Full(2)]))
class OnlyEq:
    def __eq__(self, o):
        return True
try:
    hash(OnlyEq())
except TypeError as e:
    print("TypeError", e)
print(OnlyEq() == 3, OnlyEq() != 3)
for v in ([], {}, set(), bytearray(b"")):
    try:
        hash(v)
    except TypeError as e:
        print(e)
