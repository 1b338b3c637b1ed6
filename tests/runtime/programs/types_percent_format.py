print("%d %i %s %r" % (1, 2, "x", "y"))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %o %#x %#o %#X" % (255, 255, 8, 255, 8, 255))
print("%f %.2f %10.3f %-10.1f| %e %.3E %g %G" % (3.14159, 2.5, 1.0, 2.75, 12345.678, 0.00012, 0.0001, 1e20))
print("%c%c" % (65, "B"), "%%", "%s" % [1, 2], "%s" % (("a",),), "%5s|%-5s|" % ("ab", "cd"))
print("%.2s" % "abcdef", "%*d" % (5, 3), "%-*d|" % (4, 7), "%.*f" % (2, 1.23456))
print("%(a)s-%(b)d" % {"a": "x", "b": 5}, "%s" % None, "%s %s" % (True, 1.5))
print("%d" % 3.9, "%d" % True, "%x" % -255, "%s" % b"ab", "%r" % b"ab", "%10.4s|" % "abcdefg")
for f in (lambda: "%d" % "x", lambda: "%d %d" % (1,), lambda: "%d" % (1, 2), lambda: "%z" % 1,
          lambda: "%(a)s" % 1, lambda: "%c" % "ab", lambda: "%x" % 1.5, lambda: "%(a)s" % {},
          lambda: "%f" % "x", lambda: "%s %s" % [1, 2], lambda: "%" % ()):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
