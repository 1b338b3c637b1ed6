import ubinascii as binascii

print(binascii.hexlify(b""), binascii.hexlify(b"\x00\x01\xfe\xff"), binascii.hexlify(bytearray(b"AZ")))
print(binascii.hexlify(b"\x01\x02\x03", ":"), binascii.hexlify(b"\x01\x02\x03", b"-"))
print(binascii.hexlify(b"\x01", ":"), binascii.hexlify(b"", ":"), binascii.hexlify(b"abc", ""))
print(binascii.hexlify(b"ab", "::"))
print(binascii.hexlify(memoryview(b"mv")), binascii.hexlify("str"))
print(binascii.unhexlify(b"0001feff"), binascii.unhexlify("4142"), binascii.unhexlify(b"AbCd"))
print(binascii.unhexlify(""), binascii.unhexlify(bytearray(b"7a")))
for bad in ("abc", "zz", "0g", b"1"):
    try:
        print(binascii.unhexlify(bad))
    except ValueError as e:
        print(repr(bad), "ValueError", e)
try:
    binascii.hexlify(5)
except TypeError as e:
    print("TypeError", e)
