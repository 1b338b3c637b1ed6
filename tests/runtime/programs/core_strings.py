s = "Hello, World"
print(s.lower(), s.upper(), s.split(", "), s.replace("l", "L"), s.find("o"), s.rfind("o"))
print(s[0], s[-1], s[2:5], len(s), "lo" in s, s.startswith("He"))
print("-".join(["a", "b", "c"]), "  x  ".strip(), "x,y,,z".split(","))
print("%d items cost %.2f (%s)" % (3, 4.5, "ok"), "{} and {}".format(1, 2), "{:>5}|{:<5}|".format("r", "l"))
print("{0}{1}{0}".format("a", "b"), "{x}-{y}".format(x=1, y=2), "%5.1f%%" % 12.345)
print(f"{s!r} {len(s):04d} {3.14159:.3f}")
b = b"bytes\x00\xff"
print(b, len(b), b[1], b[1:3], bytes([65, 66]), bytearray(b"ab"), b.hex())
print("abc".encode(), b"abc".decode(), str(b"x", "utf-8"), repr("q'uote"), repr('d"q'))
print("a\tb\nc".splitlines(), "x".isalpha(), "1".isdigit(), " ".isspace(), "Ab".islower())
words = "the quick brown fox jumps".split()
print(sorted(words), sorted(words, key=lambda w: (len(w), w)), sorted(words, reverse=True))
print("%s %r" % ("s", "s"), "a" "b", "x" * 0, "%x %X %o" % (255, 255, 8))
