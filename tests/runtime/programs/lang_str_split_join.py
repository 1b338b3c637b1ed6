print("a b\tc\n d".split(), " a ".split(" "), "a||b".split("|"), "abc".split("abc"), "".split(), "".split(","))
print("1,2,3".split(",", 0), "1,2,3".split(",", 5), "a b c".rsplit(" ", 1), "  x y  ".split(None, 1))
print("line1\r\nline2\rline3\n".splitlines(), "x\n\ny".splitlines(True) if False else "x\n\ny".splitlines())
print(",".join([]), ",".join(["only"]), "".join(["a", "b"]), " ".join(str(x) for x in [1, 2]))
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError")
try:
    "a".split("")
except ValueError as e:
    print("ValueError", e)
