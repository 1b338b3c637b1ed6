b = b"Hello, Bytes"
print(b.lower() if False else b, b.find(b"B"), b.count(b"l"), b.index(b","), b.rfind(b"e"), b.endswith(b"s"))
print(b.split(b", "), b.strip(b"Hs"), b.replace(b"l", b""), b.decode("utf-8"), b[7:].decode())
print(b.isdigit() if False else "", bytes(b"abc") == b"abc", b"abc"[::-1] if False else b"cba", b"a" * 3)
ba = bytearray(b"xyz")
ba += b"!"
ba[1:2] = b"YY"
print(ba, ba.find(b"Y"), ba.decode(), bytes(ba[::1]), len(ba))
print(list(bytearray(b"\x00\x10")), bytearray(b"abc") + b"d", b"%s:%d" % (b"k", 7))
