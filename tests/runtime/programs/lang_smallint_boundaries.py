vals = [2 ** 29, 2 ** 30 - 1, 2 ** 30, 2 ** 31 - 1, 2 ** 31, 2 ** 62, 2 ** 63 - 1, 2 ** 63, 2 ** 64]
for v in vals:
    print(v, -v, v + 1, v * 2, v - 1, v // 3, v % 1000, v >> 1, v << 1)
x = 2 ** 30 - 1
print(x + 1, (x + 1) - 1, type(x + 1) is int)
print(-(2 ** 30) - 1, (-(2 ** 30)) * -1)
print(1073741823 * 1073741823, 46341 * 46341)
print((1 << 31) | 1, (1 << 62) & ((1 << 62) - 1), ~(1 << 40))
n = 1
for i in range(70):
    n *= 2
print(n, n.to_bytes(9, "big"))
print(int.from_bytes(b"\xff" * 9, "little"), int("-" + "9" * 25))
