import struct
records = [(1, 2.5, b"ab"), (65535, -1.0, b"xyz")]
fmt = "<Hf3s"
packed = b"".join(struct.pack(fmt, *r) for r in records)
print(len(packed), struct.calcsize(fmt), packed)
for i in range(len(records)):
    print(struct.unpack_from(fmt, packed, i * struct.calcsize(fmt)))
print(struct.unpack(">i", struct.pack(">i", -123456)), struct.unpack("<Q", struct.pack("<Q", 2 ** 63)))
