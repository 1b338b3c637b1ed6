import struct
for fmt in ["<bi", "<ib", "bi", "ib", "<hq", ">Hb", "<5sH", "<?" if False else "<2b"]:
    print(fmt, struct.calcsize(fmt))
print(struct.pack("<bi", 1, 2), struct.pack(">ib", 1, 2))
