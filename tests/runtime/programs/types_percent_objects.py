d = {"zeta": 1, "alpha": 2, "mid": 3, "beta": 4}
s = {"kiwi", "fig", "pear", "plum"}
print("%s" % d, "%r" % (d,), "%s|%s" % (s, [d]), "%s" % (-1j,), "%s %r" % (KeyError("k"), KeyError("k")))
print("%(a)s and %(b)r" % {"a": d, "b": "x"}, "%s" % [1.5, "q", None], "%s" % ((1, 2),))
print("%d items, %.1f%%, %s" % (len(d), 12.345, "ok"), "%5s|%-6s|" % ("ab", "cd"), "%x" % 255)
class P:
    pass
print(("%s" % P())[:9], ("%r" % [P()])[:10], "%s" % len, "%s" % (print,))
for f in (lambda: "%d" % d, lambda: "%d" % "x", lambda: "%s %s" % (1,), lambda: "%f" % [1]):
    try:
        print(f())
    except TypeError as e:
        print("TypeError", e)
