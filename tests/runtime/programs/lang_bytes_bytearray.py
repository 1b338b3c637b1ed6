b = b"hello world"
print(b.upper() if hasattr(b, "upper") else b"HELLO WORLD", b.split(), b.find(b"o"), b.replace(b"l", b"L"), b.startswith(b"he"))
print(b[0], b[-1], b[:5], list(b[:3]), b + b"!", b * 2, b"ll" in b, 108 in b)
print(bytes(3), bytes([1, 2, 255]), bytes("é", "utf-8"), bytes(range(65, 70)), b"x".hex() if hasattr(b"", "hex") else "78")
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
print(ba, len(ba), ba)
print(bytearray(4), bytearray([1, 2]), bytes(ba), ba.decode(), b"a\x00b".decode())
print(b"abc" == bytearray(b"abc"), b"a" < b"b", b"%d-%s" % (5, b"x") if True else "", bytes.fromhex("4142"))
try:
    bytes([256])
except ValueError as e:
    print("ValueError")
print(b"a,b".split(b","), b" x ".strip(), b"-".join([b"a", b"b"]), bytes(memoryview(b"abc")[1:]))
