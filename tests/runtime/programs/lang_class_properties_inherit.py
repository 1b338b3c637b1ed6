class Shape:
    sides = 0
    def __init__(self, name):
        self.name = name
    def describe(self):
        return "%s with %d sides, area %s" % (self.name, self.sides, self.area())
    def area(self):
        raise NotImplementedError
class Sq(Shape):
    sides = 4
    def __init__(self, s):
        super().__init__("square")
        self.s = s
    def area(self):
        return self.s ** 2
class Tri(Shape):
    sides = 3
    def __init__(self, b, h):
        super().__init__("triangle")
        self.b, self.h = b, h
    def area(self):
        return self.b * self.h / 2
for s in [Sq(3), Tri(4, 5)]:
    print(s.describe())
try:
    Shape("x").describe()
except NotImplementedError as e:
    print("NotImplementedError", e.args)
print(Sq.sides, Shape.sides, isinstance(Sq(1), Shape), hasattr(Tri(1, 1), "s"))
