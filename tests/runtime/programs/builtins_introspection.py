class A:
    x = 1
    def m(self):
        return 2
a = A()
print(hasattr(a, "x"), hasattr(a, "y"), getattr(a, "x"), getattr(a, "y", 9))
setattr(a, "y", 5)
print(a.y, isinstance(a, A), isinstance(3, (str, int)), issubclass(bool, int))
delattr(a, "y")
print(hasattr(a, "y"), callable(a.m), callable(3), type(3).__name__, type("s") is str)
print(chr(65), ord("a"), chr(0x263a) == "\u263a", ord("\u00e9"), repr(chr(10)))
print(id(a) == id(a), hash(5), hash("abc") == hash("abc"), len("héllo"))
print(isinstance(True, int), type(None).__name__)
