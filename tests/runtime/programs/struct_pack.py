import struct
print(struct.pack("<I", 1), struct.pack(">I", 1), struct.pack("<h", -2), struct.pack("B", 255))
print(struct.pack("<HBb", 513, 7, -1), struct.pack("<q", -1), struct.pack(">Q", 2**40))
print(struct.pack("<f", 1.5), struct.pack("<d", -0.25), struct.pack("3s", b"abcd"), struct.pack("2s", b"a"))
print(struct.calcsize("<IHB"), struct.calcsize("IHB"), struct.calcsize("<5s"), struct.calcsize("<3I"))
print(struct.unpack("<I", b"\x01\x02\x03\x04"), struct.unpack(">hH", b"\xff\xfe\x00\x10"))
print(struct.unpack("<fd", struct.pack("<fd", 2.5, 3.25)), struct.unpack_from("<H", b"xxab", 2))
buf = bytearray(8)
struct.pack_into("<HI", buf, 1, 0x1234, 0xdeadbeef)
print(buf)
try:
    struct.unpack("<I", b"ab")
except Exception as e:
    print(type(e).__name__)
