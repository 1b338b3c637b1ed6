import io
s = io.StringIO()
s.write("hello ")
print(s.write("world"), s.getvalue())
s = io.StringIO("line1\nline2\nline3")
print(repr(s.readline()), repr(s.read(3)), repr(s.read()), repr(s.read()))
s.seek(0)
print([s.readline(), s.readline()])
print(s.tell() >= 0)
s.close()
try:
    s.write("x")
except Exception as e:
    print(type(e).__name__)
print("to", "file", sep="-", end="!\n", file=io.StringIO())
