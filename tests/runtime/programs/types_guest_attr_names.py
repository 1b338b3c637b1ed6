class Book:
    def __init__(self, title, real):
        self.title = title
        self.real = real
        self.upper = "UP"
    def center(self, n):
        return "[" + self.title + "]" * n
    def zfill(self):
        return "zfill of " + self.title
    def add(self, x):
        return x + 1
    def popitem(self):
        return "book item"
b = Book("Guide", 3.5)
print(b.title, b.real, b.upper, b.center(2), b.zfill(), b.add(1), b.popitem())
f = b.center
print(f(1), getattr(b, "title"), hasattr(b, "zfill"), hasattr("s", "zfill"))
class Num:
    real = 1
    imag = 2
    def conjugate(self):
        return "conj"
    def bit_length(self):
        return 99
n = Num()
print(n.real, n.imag, n.conjugate(), n.bit_length(), Num.real)
class Bag(dict):
    pass
bag = Bag(a=1)
print(bag.popitem(), len(bag))
