import struct

for fmt, vals in (("<b", (-128, -1, 0, 127)), ("<B", (0, 1, 255)), ("<h", (-32768, -2, 32767)),
                  ("<H", (0, 65535)), ("<i", (-2**31, 2**31 - 1)), ("<I", (0, 2**32 - 1)),
                  ("<l", (-7, 123456789)), ("<L", (4000000000,)), ("<q", (-2**63, 2**63 - 1)),
                  ("<Q", (0, 2**64 - 1))):
    for v in vals:
        b = struct.pack(fmt, v)
        print(fmt, v, b, struct.unpack(fmt, b))
print(struct.pack("<bBhHiIlLqQ", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(struct.unpack("<bBhHiIlLqQ", bytes(range(1, 43))))
print(struct.pack("<3b2H", 1, 2, 3, 4, 5))
print(struct.unpack("<3b2H", b"\x01\x02\xff\x04\x00\x05\x00"))
print(struct.pack("<h", True), struct.pack("<B", False))
