import ubinascii as binascii

for data in (b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256))[:40]):
    enc = binascii.b2a_base64(data)
    print(enc, binascii.a2b_base64(enc) == data)
print(binascii.b2a_base64(b"hello", newline=False), binascii.b2a_base64(b"hello", newline=True))
print(binascii.b2a_base64(b"x", False), binascii.b2a_base64("text"), binascii.b2a_base64(b"\xff\xfe"))
for enc in ("aGVsbG8=", b"aGVs\nbG8=", b"aGVsbG8", b"aGVs bG8=", b"a!GVsbG8=", b"YQ==", b"YQ==YQ==",
            b"YQ", "", b"a", b"abcde", b"YQ=", b"Y===", b"YWJj", b"YW=Jj", b"f4D+", b"f4D/", b"====",
            bytearray(b"Zm9v")):
    try:
        print(enc, binascii.a2b_base64(enc))
    except ValueError as e:
        print(enc, "ValueError", e)
