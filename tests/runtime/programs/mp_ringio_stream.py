from micropython import RingIO

r = RingIO(8)
print(r.any(), r.read())
print(r.write(b"hello"), r.any())
print(r.write(b"world!"), r.any())
print(r.read(3), r.any())
print(r.write("ab"), r.read())
r.write(b"line1\nline2\nrest")
print(r.readline(), r.readline(), r.readline())
buf = bytearray(4)
r.write(b"xyz")
print(r.readinto(buf), buf)
r2 = RingIO(bytearray(5))
print(r2.write(b"0123456789"), r2.read())
for bad in (0, 70000):
    try:
        RingIO(bad)
    except ValueError:
        print("ValueError", bad)
try:
    r.write(5)
except TypeError as e:
    print("TypeError", e)
print(r.close())
print(type(r).__name__)
