import binascii
data = bytes(range(0, 256, 17))
h = binascii.hexlify(data)
print(h, binascii.unhexlify(h) == data)
for n in range(5):
    b = binascii.b2a_base64(b"xyz!"[:n])
    print(n, b, binascii.a2b_base64(b) == b"xyz!"[:n])
print(binascii.crc32(b""), binascii.crc32(b"The quick brown fox jumps over the lazy dog"), binascii.hexlify(b"", ":"))
