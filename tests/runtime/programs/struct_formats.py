import struct
print(struct.pack("<bBhHiIlL", -1, 1, -2, 2, -3, 3, -4, 4))
print(struct.unpack("<bBhHiI", struct.pack("<bBhHiI", -128, 255, -32768, 65535, -2**31, 2**32 - 1)))
print(struct.pack(">hh", 1, 2), struct.pack("!I", 258))
print(struct.calcsize("<bhiq"), struct.calcsize(">d"), struct.calcsize("<4B2H"), struct.pack("<4B", 1, 2, 3, 4))
print(struct.unpack("<2H", b"\x01\x00\x02\x00"), struct.unpack("<x B", b"\x00\x07") if False else struct.unpack("<xB", b"\x00\x07"))
print(struct.unpack("<e", struct.pack("<e", 0.5)) if hasattr(struct, "pack") and False else "", struct.pack("<P", 0) if False else "")
