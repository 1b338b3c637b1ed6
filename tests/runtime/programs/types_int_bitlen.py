for n in (0, 1, 255, 256, -1, 2 ** 40):
    print(n, n.bit_length() if hasattr(n, "bit_length") else len(bin(abs(n))) - 2)
print(int("-0"), -0, 0 == -0, int("00"), int("007"), int("0", 0))
print(1_000_000, 0x_ff, 0b_1, 0o_7)
print(abs(-5), abs(5), -(-5), +5, ~0, ~-1)
print(5 == 5.0, 5 is 5, (2 ** 100) == (2 ** 100), hash(5) == hash(5.0))
for f in (lambda: int("0", 0) + int("08", 0), lambda: int("0_0", 0)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
