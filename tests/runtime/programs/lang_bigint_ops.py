n = 123456789012345678901234567890
print(n * n, n // 97, n % 97, -n // 97, -n % 97, n ** 3 % (10 ** 9 + 7))
print(str(n)[::1] == str(n), int(str(n)) == n, n > 2 ** 64, n.to_bytes(16, "big"), hex(n))
print(n & 0xffffffff, n | 0xff, n ^ n, n >> 64, 1 << 100, (1 << 100) - 1 == 2 ** 100 - 1)
print(pow(3, 200, 10 ** 9), divmod(-n, 12345), abs(-n) == n, -(-n) == n, bool(n), n == n + 0)
print(int("9" * 40) + 1, int("-" + "1" * 30), float(n), round(n, -20))
