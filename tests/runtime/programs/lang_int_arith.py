print(7 // 2, -7 // 2, 7 // -2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1, (-2) ** 3)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3, -16 >> 2, -1 << 3)
print(int.from_bytes(b"\x01\x00", "little"), int.from_bytes(b"\x01\x00", "big"), (258).to_bytes(2, "big"), (1).to_bytes(4, "little"))
print(True + True, 3 * False, 10 == 10.0, 1 < 2 < 3, 3 > 2 > 5, 0 == -0)
x = 5
x += 3; x -= 1; x *= 2; x //= 3; x **= 2; x %= 7; x <<= 2; x |= 1; x ^= 3; x &= 14
print(x)
print(abs(-2**31), -2**31 // 3, 12345678 * 87654321, 0x7fffffff + 1, -(-2**62))
print(int("1010", 2), int("z", 36), int("-0o17", 8) if False else int("17", 8), 1_000_000)
