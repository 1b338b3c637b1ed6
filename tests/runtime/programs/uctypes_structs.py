# uctypes structures over a bytearray: scalars in each layout, bit fields, nested structs,
# arrays, pointers, sizeof; the bytes each store leaves
import uctypes

HEADER = {
    "magic": uctypes.UINT16 | 0,
    "flags": uctypes.UINT8 | 2,
    "kind": uctypes.INT8 | 3,
    "length": uctypes.UINT32 | 4,
    "delta": uctypes.INT32 | 8,
    "big": uctypes.UINT64 | 12,
    "neg": uctypes.INT64 | 20,
    "ratio": uctypes.FLOAT32 | 28,
    "exact": uctypes.FLOAT64 | 32,
    "lo": uctypes.BFUINT8 | 2 | 0 << uctypes.BF_POS | 3 << uctypes.BF_LEN,
    "hi": uctypes.BFUINT8 | 2 | 3 << uctypes.BF_POS | 5 << uctypes.BF_LEN,
    "mid": uctypes.BFUINT16 | 0 | 4 << uctypes.BF_POS | 8 << uctypes.BF_LEN,
    "top": uctypes.BFUINT32 | 4 | 28 << uctypes.BF_POS | 4 << uctypes.BF_LEN,
}

for name, layout in (("LE", uctypes.LITTLE_ENDIAN), ("BE", uctypes.BIG_ENDIAN),
                     ("NATIVE", uctypes.NATIVE)):
    buf = bytearray(40)
    s = uctypes.struct(uctypes.addressof(buf), HEADER, layout)
    s.magic = 0x1234
    s.flags = 0x1FF
    s.kind = -3
    s.length = 0xDEADBEEF
    s.delta = -100000
    s.big = 0x0102030405060708
    s.neg = -2
    s.ratio = 1.5
    s.exact = -0.1
    print(name, buf.hex())
    print(s.magic, s.flags, s.kind, hex(s.length), s.delta, hex(s.big), s.neg, s.ratio, s.exact)
    print(s.lo, s.hi, s.mid, s.top)
    s.lo = 5
    s.hi = 0x3F
    s.mid = 0xA5
    s.top = 0x1F
    print(name, buf[:8].hex(), s.lo, s.hi, s.mid, s.top)
    print(uctypes.sizeof(HEADER, layout), uctypes.sizeof(s))

POINT = {"x": uctypes.INT16 | 0, "y": uctypes.INT16 | 2}
SHAPE = {
    "id": uctypes.UINT8 | 0,
    "origin": (0 | 4, POINT),
    "points": (uctypes.ARRAY | 8, 3, POINT),
    "name": (uctypes.ARRAY | 20, uctypes.UINT8 | 6),
    "codes": (uctypes.ARRAY | 26, uctypes.UINT16 | 3),
    "signed": (uctypes.ARRAY | 32, uctypes.INT8 | 2),
}
buf = bytearray(40)
s = uctypes.struct(uctypes.addressof(buf), SHAPE, uctypes.LITTLE_ENDIAN)
s.id = 7
s.origin.x = -5
s.origin.y = 300
for i in range(3):
    s.points[i].x = i * 10
    s.points[i].y = -i
s.codes[0] = 0xABCD
s.codes[2] = 65537
s.signed[1] = -1
name = s.name
name[0] = 72
name[1] = 105
print(buf.hex())
print(s.origin.x, s.origin.y, [(p.x, p.y) for p in (s.points[0], s.points[1], s.points[2])])
print(s.name, s.codes[0], s.codes[1], s.codes[2], s.signed[0], s.signed[1], type(s.signed).__name__)
print(uctypes.sizeof(SHAPE), uctypes.sizeof(SHAPE, uctypes.LITTLE_ENDIAN), uctypes.sizeof(s.points),
      uctypes.sizeof(s.origin), uctypes.sizeof(s.name), uctypes.sizeof(bytearray(9)))
try:
    s.codes[3]
except IndexError as e:
    print("IndexError", e)

# pointers: a 32-bit address in the structure
target = bytearray(b"\x01\x02\x03\x04\x05\x06\x07\x08")
holder = bytearray(8)
PTRS = {"p8": (uctypes.PTR | 0, uctypes.UINT8), "p16": (uctypes.PTR | 4, uctypes.UINT16)}
h = uctypes.struct(uctypes.addressof(holder), PTRS, uctypes.LITTLE_ENDIAN)
raw = uctypes.struct(uctypes.addressof(holder), {"a": uctypes.UINT32 | 0, "b": uctypes.UINT32 | 4},
                     uctypes.LITTLE_ENDIAN)
raw.a = uctypes.addressof(target)
raw.b = uctypes.addressof(target) + 2
print(h.p8[0], h.p8[3], h.p16[0], h.p16[1], int(h.p8) == uctypes.addressof(target))
ps = uctypes.struct(uctypes.addressof(holder), {"p": (uctypes.PTR | 0, POINT)})
print(ps.p[0].x, ps.p[0].y, ps.p[1].x)
print(uctypes.sizeof(PTRS), uctypes.sizeof({"a": uctypes.UINT8 | 0, "b": uctypes.UINT32 | 1}),
      uctypes.sizeof({"a": uctypes.UINT8 | 0, "b": uctypes.UINT32 | 1}, uctypes.LITTLE_ENDIAN))

# bytes_at / bytearray_at over a buffer the guest owns
mem = bytearray(b"hello world")
a = uctypes.addressof(mem)
print(uctypes.bytes_at(a + 6, 5), uctypes.addressof(mem) == a)
view = uctypes.bytearray_at(a, 5)
view[0] = 74
print(view, mem, uctypes.addressof(view) == a)
print(repr(uctypes.struct(a, POINT)).startswith("<struct STRUCT "),
      repr(s.points).startswith("<struct ARRAY "), repr(h.p8).startswith("<struct PTR "))
