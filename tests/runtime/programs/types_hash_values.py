for s in ("", "a", "ab", "hello", "hello world", "é", "€uro", "x" * 50):
    print(repr(s), hash(s), hash(s.encode()))
for n in (0, 1, -1, 7, -12345, 2 ** 20, 2 ** 29, -(2 ** 30), True, False):
    print(n, hash(n))
print(hash(b"\x00\xff"), hash(bytes(3)), hash("é") == hash("é".encode()))
