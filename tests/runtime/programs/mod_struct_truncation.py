import struct

# MicroPython 1.x truncates out-of-range integers instead of raising
for fmt, v in (("<b", 300), ("<B", -1), ("<B", 256), ("<h", 40000), ("<H", -1), ("<i", 2**40),
               ("<I", -1), ("<q", 2**70), ("<q", 2**63), ("<Q", -1), ("<Q", 2**64),
               ("<Q", 2**64 + 5), ("<Q", -2**65 - 3), (">h", -40000), ("<l", 2**32 + 7)):
    b = struct.pack(fmt, v)
    print(fmt, v, b, struct.unpack(fmt, b))
print(struct.unpack(">Q", b"\xff" * 8), struct.unpack(">q", b"\x80" + b"\x00" * 7))
