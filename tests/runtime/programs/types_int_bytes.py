print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (255).to_bytes(1, "big"))
print((1).to_bytes(4, "little"), (0).to_bytes(3, "big"), (-1).to_bytes(2, "little", True) if False else "")
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print(int.from_bytes(b"\xff\xff", "big"), int.from_bytes(b"", "big"), int.from_bytes(bytearray(b"\x02"), "little"))
print(int.from_bytes(b"\x01" * 12, "big"))
print((2 ** 70).to_bytes(10, "big"))
for f in (lambda: (-1).to_bytes(2, "big"),):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
