import struct

b = bytearray(8)
print(struct.pack_into("<hh", b, 1, 0x102, 0x304), b)
struct.pack_into("<h", b, -2, 7)
print(b)
struct.pack_into(">I", b, 0, 0xdeadbeef)
print(b)
struct.pack_into("<2s", b, 4, b"zz")
print(b)
def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
attempt("overrun", lambda: struct.pack_into("<hh", b, 6, 1, 2))
attempt("neg overrun", lambda: struct.pack_into("<h", b, -9, 7))
attempt("bytes target", lambda: struct.pack_into("<h", b"ab", 0, 7))
attempt("few values", lambda: struct.pack_into("<hh", b, 0, 9))
print(b)
m = memoryview(b)
struct.pack_into("<B", m, 7, 0xaa)
print(b)
import array
a = array.array("H", [0, 0])
struct.pack_into("<H", a, 2, 0x1234)
print(a)
