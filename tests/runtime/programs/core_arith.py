print(1 + 2 * 3, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 2 ** -1, 7 / 2)
print(10 ** 30 + 1, -(10 ** 20) // 7, (1 << 70) >> 3, 0xff & 0x0f, 5 ^ 3, ~5)
print(divmod(17, 5), divmod(-17, 5), abs(-3), abs(-2.5), round(2.5), round(3.5), round(1.234, 2))
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1.0, 'a' < 'b', [1, 2] < [1, 3], (1, 2) == (1, 2))
print(int('123'), int('-0x1f', 16), int(3.9), float('1.5'), str(12), bool(0), bool([1]))
print(True + True, 3 * 'ab', [0] * 3, max(3, 9, 2), min([4, 1, 8]), sum(range(101)))
print(hex(255), oct(8), bin(5), ord('A'), chr(66), 1e3, 1.5e-3, 0.1 + 0.2)
x = 5
x += 3
x *= 2
x -= 1
x //= 2
x **= 2
print(x)
print(isinstance(1, int), isinstance(True, int), isinstance('s', (int, str)), issubclass(bool, int))
print(complex(1, 2) * 2, (3 + 4j).real, abs(3 + 4j))
