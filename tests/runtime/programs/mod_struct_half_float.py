import struct

for v in (0.0, 1.0, -2.0, 0.5, 1.5, 65504.0, 0.000061035156, 5.96e-08, 1e-10, 0.1, 3.14159, float("inf"), -float("inf")):
    b = struct.pack("<e", v)
    print(v, b, struct.unpack("<e", b))
for raw in (b"\x00\x3c", b"\x01\x00", b"\xff\x03", b"\x00\x7c", b"\x00\xfc", b"\xff\x7b", b"\x00\x80"):
    print(raw, struct.unpack("<e", raw), struct.unpack(">e", raw))
print(struct.calcsize("<e"), struct.calcsize("e"), struct.calcsize("be"))
n = struct.unpack("<e", b"\x01\x7e")[0]
print(n != n)
