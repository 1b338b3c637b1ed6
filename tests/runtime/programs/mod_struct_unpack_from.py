import struct

data = bytes(range(10))
print(struct.unpack_from("<h", data))
print(struct.unpack_from("<h", data, 2), struct.unpack_from("<h", data, 8))
print(struct.unpack_from("<h", data, -2), struct.unpack_from("<2B", data, -10))
print(struct.unpack_from(">I", bytearray(data), 1))
print(struct.unpack_from("<bxb", memoryview(data), 3))
for off in (9, -11, 10):
    try:
        struct.unpack_from("<h", data, off)
    except ValueError as e:
        print(off, "ValueError", e)
# unpack accepts a longer buffer too
print(struct.unpack("<h", b"\x01\x02\x03"))
print(struct.unpack("<", b""), struct.unpack("", b"abc"))
