print(int("42"), int(" -7 "), int("+3"), int("0x1f", 16), int("1f", 16), int("0b101", 0), int("0o17", 0))
print(int("z", 36), int("10", 2), int("0x10", 0), int("1_000"), int(3.99), int(-3.99), int(True))
print(int("123456789012345678901234567890"), int(b"12"), int(bytearray(b"7")))
for f in (lambda: int("1", 99), lambda: int("1", 1), lambda: int("abc"), lambda: int("1.5"),
          lambda: int(""), lambda: int(None), lambda: int([1]),
          lambda: int("12", 2), lambda: int(float("inf")), lambda: int(float("nan")),
          lambda: int("9" * 40, 8)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
