ba = bytearray(b"abcdef")
m = memoryview(ba)
print(len(m), m[0], m[-1], bytes(m[1:3]), list(m[::1]) if False else list(m))
m[0] = 65
print(ba)
m2 = m[2:5]
print(len(m2), bytes(m2), m2[0])
m2[0:2] = b"XY"
print(ba)
print(bytes(memoryview(b"xyz")[1:]))
print(type(m).__name__, type(m[1:2]).__name__)
print(m.hex() if hasattr(m, "hex") else "nohex")
print(bytes(m[10:]), len(m[4:2]))
for f in (lambda: m[10], lambda: memoryview(1)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
try:
    mb = memoryview(b"abc")
    mb[0] = 1
except Exception as e:
    print(type(e).__name__, e)
print(repr(m), [m], type(m))
