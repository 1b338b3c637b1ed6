class Animal:
    kind = "animal"
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return self.name + " makes a sound"
    def __repr__(self):
        return "Animal(%r)" % self.name
    @staticmethod
    def create(n):
        return Animal(n)
    @classmethod
    def make(cls, n):
        return cls(n)
    @property
    def upper(self):
        return self.name.upper()
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return super().speak() + ": woof"
d = Dog("rex")
print(d.speak(), d.kind, Animal.kind, d.upper, Animal.count, isinstance(d, Animal))
print(Animal.create("x"), Dog.make("y").speak(), type(d).__name__, repr(d), [d])
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        yield self.x
        yield self.y
    def __str__(self):
        return "V(%d,%d)" % (self.x, self.y)
    def __call__(self, k):
        return Vec(self.x * k, self.y * k)
    def __contains__(self, v):
        return v in (self.x, self.y)
    def __hash__(self):
        return hash((self.x, self.y))
v = Vec(1, 2) + Vec(3, 4)
print(v, v == Vec(4, 6), len(v), v[1], list(v), v(2), 4 in v, str(v), {v: 1}[Vec(4, 6)])
class Base:
    def __init__(self):
        self.tag = "base"
class Mix:
    def hello(self):
        return "mix " + self.tag
class Child(Base, Mix):
    pass
print(Child().hello(), hasattr(Child(), "tag"), getattr(Child(), "nope", "dflt"))
class Slots:
    def __init__(self):
        self.a = 1
s = Slots()
s.b = 2
setattr(s, "c", 3)
print(s.a, s.b, s.c, sorted(s.__dict__.items()))
try:
    s.missing
except AttributeError as e:
    print("AttributeError:", e)
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None, v)
        return True
with Ctx() as c:
    raise ValueError("swallowed")
print("after with")
import gc
class Fin:
    def __del__(self):
        print("__del__ called explicitly")
f = Fin()
f = None
gc.collect()
print("no finaliser ran")
Fin().__del__()
