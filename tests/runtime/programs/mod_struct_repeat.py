import struct

print(struct.calcsize("0h"), struct.pack("0h"), struct.unpack("0h", b""))
print(struct.calcsize("<3h2b"), struct.pack("<3h2b", 1, 2, 3, 4, 5))
print(struct.unpack(">2H3B", b"\x00\x01\x00\x02\x03\x04\x05"))
print(struct.calcsize("10x"), struct.pack("<3x"), struct.unpack("<3xB", b"\x00\x00\x00\x07"))
print(struct.calcsize("<12s2H"), struct.unpack("<2s2s", b"abcd"))
print(struct.pack("<0sB", b"ignored", 9), struct.unpack("<0sB", b"\x09"))
fmt = "<BHIQ"
data = struct.pack(fmt, 1, 2, 3, 4)
print(len(data), struct.calcsize(fmt), struct.unpack(fmt, data))
records = b"".join(struct.pack("<hf", i, i / 2) for i in range(4))
size = struct.calcsize("<hf")
print([struct.unpack_from("<hf", records, i * size) for i in range(4)])
print(struct.pack(b"<h", 5), struct.calcsize(b"<i"))
