data = {"name": "dev'1", "vals": [1, 2.5, None, True], "t": ("a", b"b"), "s": "quote\"d", "n": {"k": []}}
print(data)
print(repr(data["s"]), repr("both ' and \""), repr("tab\there"), [("x", 1)], [[], [[]]], ((),))
print([1.0, -0.0, 1e100, 1.5e-10], {"é": "ü"}, ["\x01", "\x1f", "\x7f"], repr("\\"))
class P:
    def __repr__(self):
        return "P!"
print([P(), P()], {"p": P()}, (P(),), str([P()]), "%s %r" % (P(), P()))
class S:
    def __str__(self):
        return "S-str"
    def __repr__(self):
        return "S-repr"
print(S(), [S()], str(S()), repr(S()), "{} {!r}".format(S(), S()), f"{S()} {S()!r}")
