print((255).to_bytes(1, "big"), int.from_bytes(b"\xff\xff", "big"), int.from_bytes(b"\xff\xff", "little"))
print((1024).bit_length() if hasattr(1, "bit_length") else 11, int(-7 / 2), -7 // 2, round(7 / 2))
print(divmod(-7, 2), divmod(7, -2), pow(-2, 3), pow(2, 100) % 1000, abs(-10 ** 20))
print(max(1, 2, 3), min((4, 5)), int("  -0010  "), int(b"12") if False else 12, 0b1111, 0o17, 0xF)
