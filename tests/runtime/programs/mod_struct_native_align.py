import struct

for fmt in ("bh", "bi", "bq", "bd", "bf", "hb", "bhb", "bQ", "b2h", "ib", "iq", "hhb", "P", "bP", "e", "be"):
    print(fmt, struct.calcsize(fmt), struct.calcsize("<" + fmt))
print(struct.pack("bh", 1, 2))
print(struct.pack("bq", 1, 2))
print(struct.pack("bd", 1, 1.0))
print(struct.unpack("bi", b"\x07\x00\x00\x00\x08\x00\x00\x00"))
print(struct.unpack("bxh", b"\x01\x00\x02\x00"))
print(struct.pack("@bI", 1, 2), struct.pack("<bI", 1, 2))
