print(str(123), repr("a\nb"), repr("tab\t"), repr("\x00\x7f"), repr("é"), repr("'\""), ascii("é") if False else "")
print(str(1.0), str(1e20), str(1.5e-7), str(123.456), repr(0.1), str(-1e-10), str(2.0 ** 53))
print(str([1, "a", None, True, 2.5]), str((1,)), str({"a": [1]}), str(set()), str(b"\x01a"))
print(int(True), float(False), str(0), str(-0), str(10 ** 20), list("ab"), "".join(map(str, range(5))))
