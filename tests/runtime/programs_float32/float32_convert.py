# int <-> float conversions, float() of text, nan/inf, overflow, struct and array storage
import struct, array, json
print(float("0.1"), float("3.14159265358979"), float("1e-45"), float("1e39"), float("-1e39"))
print(float("  2.5  "), float("1_000.5"), float(" -inf "), float("NaN"), float("infinity"))
print(float(1), float(16777217), float(2 ** 31 - 1), float(2 ** 63), float(-2 ** 100), float(True))
print(int(1e10), int(3.9e9), int(-2.5), int(16777217.0), int(1.5e20))
for t in ("0.1", "1.17549435e-38", "3.4028235e38", "3.4028236e38", "340282350000000000000000000000000000000", "0.000001", "123456789012345678901234567890"):
    f = float(t)
    print(t, f, struct.pack("<f", f), struct.pack("<d", f))
print(struct.unpack("<d", struct.pack("<d", 0.1)), struct.unpack("<d", b"\x9a\x99\x99\x99\x99\x99\xb9?"))
print(struct.unpack("<f", b"\xcd\xcc\xcc="), struct.unpack("<ff", struct.pack("<ff", 1 / 3, 1e39)))
print(struct.unpack(">d", struct.pack(">d", 1 / 3)), struct.unpack("<e", struct.pack("<e", 0.1)))
a = array.array("d", [0.1, 1 / 3, 1e39])
print(a, a[1], array.array("f", [0.1, 1 / 3]), sum(a[:2]))
print(json.loads("[0.1, 1e-45, 3.14159265358979, 1e39, 2.5e3]"), json.dumps([1 / 3, 0.1]))
inf = float("inf")
nan = float("nan")
print(inf - inf, inf * 0, nan == nan, inf > 3.4e38, -inf < -3.4e38, 1e38 * 10 == inf)
try:
    int(inf)
except OverflowError as e:
    print("OverflowError", e)
try:
    int(nan)
except ValueError as e:
    print("ValueError", e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(isinstance(0.1, float), type(1 / 3).__name__, (0.5).is_integer() if hasattr(0.5, "is_integer") else "-")
