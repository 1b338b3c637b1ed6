import struct

for order in "<>!@":
    fmt = order + "hI"
    b = struct.pack(fmt, -2, 0x01020304)
    print(order, len(b), b, struct.unpack(fmt, b), struct.calcsize(fmt))
print(struct.pack(">q", -2), struct.pack(">Q", 1))
print(struct.unpack(">i", b"\x80\x00\x00\x00"), struct.unpack("<i", b"\x80\x00\x00\x00"))
print(struct.unpack(">H", b"\x12\x34"), struct.unpack("<H", b"\x12\x34"))
print(struct.pack(">d", 1.5), struct.pack("<d", 1.5))
print(struct.pack(">f", -2.0), struct.pack("<f", -2.0))
try:
    struct.pack("=h", 1)
except ValueError as e:
    print("'=' order:", e)
print(struct.pack("<e", 1e10), struct.pack("<e", -1e6), struct.pack(">e", 70000.0))
