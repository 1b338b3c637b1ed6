a = 1 << 100
print(a, a >> 99)
print(hex(a - 1), oct(a), bin(a >> 90))
b = (1 << 70) - 1
print(b & 0xFFFF, b | (1 << 80), b ^ (b >> 3))
print(~b, -b >> 3, -b & 0xFF)
print((-(1 << 65)) >> 1, (-(1 << 65)) // 3, (-(1 << 65)) % 7)
print(2 ** 200 // 3 ** 50)
print(123456789 ** 5)
print(-(10 ** 30) // 7, -(10 ** 30) % 7)
print(divmod(10 ** 25, -13))
print(int("1" * 40) * int("9" * 30))
print(abs(-(2 ** 90)), -(2 ** 90) < -(2 ** 89))
print((1 << 64) == 2 ** 64, hash(3) == hash(3))
print(pow(3, 200, 10 ** 9 + 7), pow(2, 100, 1))
n = 0
for i in range(100):
    n = n * 3 + i
print(n, n % 1000003)
print(int.from_bytes(b"\x01" * 12, "big"), (2 ** 72 + 5).to_bytes(10, "little"))
