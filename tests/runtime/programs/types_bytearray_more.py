ba = bytearray(b"hello world")
print(ba.upper(), ba.split(), ba.find(b"o"), ba.rfind(b"o"), ba.count(b"l"), ba.replace(b"l", b"L"))
print(ba.startswith(b"he"), ba.endswith(b"ld"), ba.strip(b"hd"), ba.decode().title() if False else ba.decode())
print(ba[0:5], ba[-5:], ba[6], bytes(ba[::-1]) if False else "", len(ba))
ba[0:5] = b"HELLO"
print(ba)
ba.extend(range(33, 36))
print(ba, list(ba[-3:]))
c = bytearray(b"abc")
d = c
d += b"d"
print(c, d, c is d)
e = bytearray(4)
for i in range(4):
    e[i] = i * 60
print(e, e.hex(), bytearray.fromhex("0a0b"), bytearray(b"x").join([b"1", b"2"]) if hasattr(bytearray, "join") else "")
