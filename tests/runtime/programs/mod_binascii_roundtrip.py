import ubinascii as binascii

samples = [b"", b"\x00", b"\xff" * 5, bytes(range(0, 256, 17)), "h\u00e9llo".encode()]
for s in samples:
    h = binascii.hexlify(s)
    b = binascii.b2a_base64(s, newline=False)
    print(h, b, binascii.unhexlify(h) == s, binascii.a2b_base64(b) == s, binascii.crc32(s))
print(binascii.unhexlify(b"de ad\nbe\tef"), binascii.hexlify(binascii.unhexlify("CAFE"), "."))
print(binascii.crc32(b"payload") ^ 0xFFFFFFFF, hex(binascii.crc32(b"123456789")))
