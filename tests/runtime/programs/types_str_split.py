print("a b  c ".split())
print("a,b,,c".split(","))
print("a,b,,c".split(",", 1))
print("a,b,,c".rsplit(",", 1))
print("  x  y  ".rsplit())
print("".split(), "".split(","))
print("abc".split("abc"))
print("line1\nline2\r\nline3\rline4".splitlines())
print("x\n\ny\n".splitlines(), "x\ny\n".splitlines(True))
print("k=v=w".partition("="), "k=v=w".rpartition("="))
print("kvw".partition("="), "kvw".rpartition("="))
for f in (lambda: "abc".split(""), lambda: "abc".partition(""), lambda: "a".split(1)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
