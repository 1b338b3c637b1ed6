a = 2 ** 100
b = 3 ** 70
print(a, b, a + b, a - b, a * b, b // a, b % a, -a // 7, -a % 7)
print(a >> 50, a << 3, a & (2 ** 64 - 1), a | 1, a ^ b, ~a, -a >> 3)
print(a == 2 ** 100, a > b, hash(a) == hash(2 ** 100), pow(b, 5, a + 7), divmod(b, 12345))
f = 1
for i in range(1, 30):
    f *= i
print(f, len(str(f)), str(f)[:10], int(str(f)) == f, hex(f), int(hex(f), 16) == f)
print(10 ** 30 // 10 ** 29, (10 ** 20) / (10 ** 10), float(2 ** 70), int(1e20), abs(-a))
print((2 ** 64).to_bytes(9, "big"), int.from_bytes(b"\xff" * 10, "big"))
