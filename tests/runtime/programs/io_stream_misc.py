import io
s = io.StringIO()
print("a", 1, [2], file=s)
print("b", end="", file=s)
print(repr(s.getvalue()))
s = io.StringIO("x\ny\n")
lines = []
while True:
    l = s.readline()
    if not l:
        break
    lines.append(l)
print(lines)
s = io.StringIO("abcdef")
print(s.read(2), s.read(2), s.read(10), repr(s.read(1)))
b = io.BytesIO(b"\x00\x01\x02")
print(list(b.read()), b.read(1))
