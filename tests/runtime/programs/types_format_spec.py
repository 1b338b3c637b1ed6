for spec in ("", "10", "<10", ">10", "^10", "*^10", "+", "-", " ", "010", "x", "#x", "#X", "o", "b", "#b", "c", "d", "n"):
    print(repr(spec), repr(format(65, spec)))
for spec in ("", ".2f", "10.3f", "<10.1f", "e", ".2e", "E", "g", ".3g", "G", "%", ".1%", "+.1f", "010.2f", "n"):
    print(repr(spec), repr(format(1234.5678, spec)))
for spec in ("", "10", "<5", ">5", "^6", ".2", "*>7"):
    print(repr(spec), repr(format("abc", spec)))
print(format(True), format(None), format(1.0), format(10 ** 20), format(-0.0), format(3, ""))
for f in (lambda: format("a", "d"), lambda: format(1, "s"), lambda: format(1.5, "x"), lambda: format(1, "z")):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
