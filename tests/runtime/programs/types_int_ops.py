print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, divmod(7, 2), divmod(-7, 2), pow(2, 10), pow(3, 4, 5))
print(2 ** 100, -2 ** 63, (2 ** 64) // 3, (2 ** 64) % 1000, -(2 ** 80) // 7)
print(1 << 70, (1 << 70) >> 68, ~5, -5 & 0xff, 5 | 8, 6 ^ 3, abs(-2 ** 70))
print(hex(255), hex(-255), oct(8), bin(5), bin(-5), hex(2 ** 70))
print(10 / 4, 1 / 3, 2 ** -1, pow(2, -2), 7 // 2.0, 7 % 2.5)
print(int.__name__, type(2 ** 100).__name__, True + True, False * 3, -True)
for f in (lambda: 1 / 0, lambda: 1 // 0, lambda: 1 % 0, lambda: divmod(1, 0), lambda: 1 << -1,
          lambda: pow(2, 2, 0), lambda: 1.0 / 0, lambda: 2 ** 0.5 + "a",
          lambda: -1 >> -1, lambda: 0 ** -1, lambda: pow(2.0, 2, 3)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
