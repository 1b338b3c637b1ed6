import struct

print(struct.pack("<3s", b"abcdef"), struct.pack("<3s", b"a"), struct.pack("<3s", "ab"))
print(struct.pack("<0s"), struct.pack("<s", b"xy"), struct.pack("<5s", bytearray(b"hi")))
print(struct.unpack("2s3s", b"abcde"), struct.unpack("<s", b"z"))
print(struct.pack("<2x"), struct.pack("<2xb", 1), struct.pack("<b2x", 1), struct.pack("<bxb", 1, 2))
print(struct.unpack("<b2xb", b"\x01\x02\x03\x04"))
print(struct.pack("<h4sh", 1, b"ab", 2))
print(struct.unpack("<h4sh", b"\x01\x00ab\x00\x00\x02\x00"))
print(struct.calcsize("<2s3x4s"), struct.calcsize("s"), struct.calcsize("10s"))
print(struct.pack("<I2s", 5, memoryview(b"mv")))
