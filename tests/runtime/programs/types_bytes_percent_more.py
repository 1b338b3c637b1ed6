# bytes % formatting: str conversions, bytes arguments of %s inserted as they are
print(b"%s|%r|%d|%x|%5s|%-4s|%c" % (b"ab", b"cd", 12, 255, b"x", "y", 65))
print(b"%s %s" % ("\u00e9", bytearray(b"z")))
print(b"%r %r" % ("\u00e9", [b"q", 1]))
print(b"%(a)s-%(b)d" % {"a": b"A", "b": 3})
print(b"100%% %s" % b"sure")
print(b"%s" % b"single", b"%d" % 7, b"%s" % ((1, 2),))
print(b"%.2s|%6.3f|%+d" % (b"abcdef", 3.14159, 5))
line = b"%s %s HTTP/1.0\r\n"
print(line % (b"GET", "/index.html"))
template = b"%s=%s;"
parts = [template % (k, v) for k, v in ((b"a", 1), ("b", b"2"), (b"c", None))]
print(b"".join(parts))
text = "%s:%r"
print(text % (b"q", {1: 2}))
x = 17
y = 5
print(x % y, -x % y, 7.5 % 2, x % 3)
v = b"<%s>"
v %= (b"in",)
print(v)
for args in ((1,), (1, 2, 3)):
    try:
        print(b"%s %s" % args)
    except TypeError as e:
        print("TypeError", e)
three = 3
try:
    print(bytearray(b"%d") % three)
except TypeError as e:
    print("TypeError", e)
try:
    print(b"%d" % b"x")
except TypeError:
    print("TypeError")
try:
    print(b"%z" % 1)
except ValueError as e:
    print("ValueError", e)
