print(hash(0), hash(1), hash(-1), hash(12345), hash(True), hash(False), hash(None) != 0)
print(hash("") == hash(""), hash("abc") == hash("abc"), hash(b"abc") == hash("abc"))
print(hash((1, 2)) == hash((1, 2)), hash(1.0) == hash(1), hash(2 ** 100) == hash(2 ** 100))
print(hash(frozenset()) == hash(frozenset()), type(hash("x")).__name__, hash(1.5) == hash(1.5))
for f in (lambda: hash([]), lambda: hash({}), lambda: hash(set()), lambda: hash(bytearray())):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class A:
    pass
a = A()
print(hash(a) == hash(a), type(hash(a)).__name__)
class B:
    def __hash__(self):
        return 7
print(hash(B()))
class C:
    def __eq__(self, o):
        return True
try:
    print(hash(C()))
except Exception as e:
    print(type(e).__name__, e)
