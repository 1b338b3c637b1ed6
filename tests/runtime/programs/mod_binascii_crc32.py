import ubinascii as binascii

print(binascii.crc32(b""), binascii.crc32(b"hello"), binascii.crc32(b"The quick brown fox"))
print(binascii.crc32(b"world", binascii.crc32(b"hello ")), binascii.crc32(b"hello world"))
print(binascii.crc32(b"abc", 0), binascii.crc32(b"abc", 12345), binascii.crc32(b"abc", -1))
print(binascii.crc32(bytearray(b"xyz")), binascii.crc32(memoryview(b"xyz")))
crc = 0
for chunk in (b"ab", b"cd", b"ef"):
    crc = binascii.crc32(chunk, crc)
print(crc == binascii.crc32(b"abcdef"), hex(crc))
print(binascii.crc32(bytes(1000)))
