# float(text) reads as MicroPython's parser reads (its last bit may differ from CPython's)
import struct

for text in ("1e126", "1e23", "8.888e32", "0.1", "2.5e-300", "123456789012345678901234567890",
             " -1_000.5 ", "+.5", "5.", "infinity", "-INF", "nan"):
    v = float(text)
    print(repr(text), v, struct.pack("<d", v) if v == v else "nan")
print(float(b"2.5"), float(bytearray(b"1e126")), float("1e126") == 1e126)
for bad in ("_1.5", "1__0", "1.5_", "1e", "", "0x10", "1.5j", "."):
    try:
        print(float(bad))
    except ValueError as e:
        print(repr(bad), "ValueError", e)
