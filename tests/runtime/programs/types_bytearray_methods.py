ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba.extend([103])
print(ba, len(ba), ba[0], ba[-1], ba[1:3])
ba[0] = 65
ba[1:3] = b"XYZ"
print(ba)
ba[0:2] = b""
print(ba)
print(bytearray(3), bytearray([1, 2]), bytearray("hi", "utf-8"), bytearray(b"q") + b"r")
ba += b"!!"
print(ba, ba == b"Zdefg!!", ba.find(b"d"), ba.decode(), bytes(ba))
x = bytearray(b"xy")
x += b"xy"
print(x)
print(x + x, bytearray(b"ab") + bytearray(b"cd"), b"ab" + bytearray(b"cd"))
for f in (lambda: ba[100],
          lambda: bytearray("abc")):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
try:
    ba[50] = 1
except Exception as e:
    print(type(e).__name__, e)
