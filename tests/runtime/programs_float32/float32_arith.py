# arithmetic in single precision: every result rounded to binary32
a = 0.1
b = 0.2
print(a + b, a * 3, b - a, a / 3, 1 / 3, 2 / 3, 10 / 7)
print(0.1 + 0.2 == 0.3, a + b == 0.3, 1 / 3 * 3)
x = 0.0
for i in range(10):
    x += 0.1
print(x, x == 1.0)
y = 1.0
for i in range(30):
    y *= 1.1
print(y)
z = 100.0
z -= 0.01
z /= 3
print(z)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, 7 // 0.1, 7 % 0.1)
print(2 ** 0.5, 10 ** -2, 2 ** -1, 3 ** 40 / 1, 1.5 ** 10, (-2.0) ** 3)
print(16777216.0 + 1, 16777217 / 1, 16777217 * 1.0, 2 ** 24 + 1.0)
n = 16777217
print(n / 3, float(n), n * 0.5, n + 0.0)
print(123456789 / 1000, 1e10 / 3, 1e-10 / 3)
print(3.4e38 * 10, -3.4e38 * 10, 1e38 + 1e38 + 1e38 + 1e38, 3.4e38 + 1e31)
print(1e-38 / 10, 1e-40, 1e-45, 1.4e-45, 1e-46, 5e-324)
print(abs(-2.5), -(-0.0), 0.0 * -1, divmod(7.5, 2), divmod(-7, 2.5))
print(sum([0.1] * 10), sum([0.1, 0.2, 0.3]), sum((1, 2.5, 1e-8)))
print(round(2.675, 2), round(0.125, 2), round(1234.5678, -2), round(2.5), round(3.5), round(1 / 3, 5))
print(pow(2, 0.5), pow(2.0, -3), pow(10, -1))
c = complex(1, 2) / 3
print(c, abs(3 + 4j), (1 + 2j) * 0.1, (1 + 2j) + 0.1)
print(max(0.1, 1 / 3), min(2 / 3, 0.7))
