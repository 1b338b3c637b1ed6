import struct

for v in (0.0, -0.0, 1.0, -1.5, 3.141592653589793, 1e300, 1e-300, float("inf"), -float("inf")):
    d = struct.pack("<d", v)
    print(d, struct.unpack("<d", d))
for v in (0.0, 1.0, 0.1, 3.4e38, 1e-45, -2.5, float("inf"), 1e39):
    f = struct.pack("<f", v)
    print(f, struct.unpack("<f", f))
print(struct.pack("<f", 1), struct.pack("<d", 2), struct.pack(">f", True))
n = struct.unpack("<d", struct.pack("<d", float("nan")))[0]
print(n != n)
print(struct.unpack("<2f", struct.pack("<2f", 0.5, 0.25)))
