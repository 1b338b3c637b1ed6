print(int(3.7), int(-3.7), int("  12\n"), int("-0x1A", 16), int("0B11", 0), int("0O7", 0))
print(float(7), float(-0), float("  -1.25e-2 "), float("nan") != float("nan"), float(True))
print(str(12), str(-1.5), str(1e100), str(1e-100), str(0.1 + 0.2), str(123.0), str(2 ** 64))
print(repr(1.0), repr(10.0 ** 16), repr(1.23e-7), repr(-0.0), repr(float("inf")))
print(bool(1.0), int(False), complex(True), abs(-0.0), float("1" * 20))
print(hex(0), oct(0), bin(0), hex(-1), bin(255), oct(-8))
print(int(str(2 ** 100)), int(repr(-5)), float(str(0.1)))
print(chr(65) + chr(0x3b1), ord("\n"), ord("\x00"), ord("\uffff"))
for f in (lambda: hex(1.5), lambda: oct(None), lambda: chr(1.5), lambda: int("1e3"),
          lambda: float("1,5")):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
