class Both:
    def __str__(self):
        return "str-form"
    def __repr__(self):
        return "repr-form"
class ReprOnly:
    def __repr__(self):
        return "R"
class StrOnly:
    def __str__(self):
        return "S"
b = Both()
print(b, str(b), repr(b), [b], {"k": b}, (b,))
print("%s %r" % (b, b), "{} {!r} {!s}".format(b, b, b), f"{b} {b!r}")
r = ReprOnly()
print(r, str(r), [r])
s = StrOnly()
print(s, [s][0] is s, repr([s]).startswith("[<"))
print(str(None), repr("x"), str(b"b"), repr(1.5), str([1, "a"]))
class Fmt:
    def __format__(self, spec):
        return "formatted(" + spec + ")"
print(format(Fmt(), "xyz"), "{:abc}".format(Fmt()))
