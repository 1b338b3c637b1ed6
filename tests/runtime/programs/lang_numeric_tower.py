print(1 + 2.0, 3 * 1.5, 2 ** 0.5 * 2 ** 0.5 == 2.0, 7 / 7, type(7 / 7).__name__, type(7 // 7).__name__)
print(int(1e3), float(10 ** 3), 10 ** 3 == 1e3, hash(1) == hash(1.0), 1 + True, 1.5 + False)
print(complex(1, 0) == 1, (1 + 1j) * (1 - 1j), abs(3 + 4j), (2j).imag, type(1j).__name__)
print(max(1, 1.5, True), min(0, -0.0), sorted([3, 1.5, True, -2]), sum([0.1] * 10))
