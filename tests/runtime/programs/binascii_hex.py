import binascii
print(binascii.hexlify(b"\x00\xffab"), binascii.hexlify(b"abc", "-"), binascii.unhexlify("414243"))
print(binascii.b2a_base64(b"hello"), binascii.a2b_base64(b"aGVsbG8="), binascii.b2a_base64(b""))
print(binascii.b2a_base64(b"ab", newline=False), binascii.crc32(b"hello"), binascii.crc32(b"lo", binascii.crc32(b"hel")))
try:
    binascii.unhexlify("abc")
except ValueError as e:
    print("ValueError")
