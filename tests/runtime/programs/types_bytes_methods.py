b = b"Hello, World"
print(b.find(b"o"), b.rfind(b"o"), b.index(b"W"), b.count(b"l"), b.find(111))
print(b.split(b", "), b.lower(), b.upper(), b.strip(b"Hd"), b.replace(b"l", b"L"))
print(b.startswith(b"He"), b.endswith(b"ld"), b.partition(b","), b.rpartition(b"o"))
print(b"a b".split(), b"-".join([b"a", b"b"]), b.center(16))
print(b.hex(), b"\x01\xff".hex(), bytes.fromhex("01ff 10"), b"ab".isalpha(), b"12".isdigit())
print(b[0], b[-1], b[1:3], list(b"abc"), b"x" * 3, b"a" + b"b")
print(bytes(3), bytes([1, 2, 255]), bytes("é", "utf-8"), bytes(range(3)), bytes(b"q"))
print(b"abc" == b"abc", b"abc" < b"abd", b"abc" == "abc", 98 in b"abc", b"bc" in b"abc")
print(repr(b"\x00\n\t'\"\\\x7f\x80"), str(b"x"))
for f in (lambda: bytes([256]), lambda: bytes([-1]), lambda: b"a"[5],
          lambda: bytes("abc"), lambda: bytes.fromhex("0"), lambda: bytes.fromhex("zz"),
          lambda: b"abc".index(b"z"), lambda: b"abc".split(""), lambda: b"ab".join(["x"])):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
