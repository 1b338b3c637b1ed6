import sys
def shape(text):
    # the address between the words differs between runs; keep the rest
    return " ".join(w for w in text.split() if not all(c in "0123456789abcdef" for c in w))
print(shape(repr("x".upper)), shape(repr([].append)), shape(repr({}.get)), shape(repr(b"".hex)))
print(repr(len), repr(print), repr(sys.exit), repr(int.from_bytes) if False else "", repr(abs))
class C:
    def m(self):
        pass
print(shape(repr(C().m)).split(" at ")[0], repr(C.m)[:12], repr(type(C().m)), repr(type(len)))
print([len, print], {"f": abs}, (min,))
