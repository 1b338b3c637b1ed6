print("abc".encode(), "héllo".encode("utf-8"), "x".encode("ascii"))
print(b"h\xc3\xa9llo".decode(), b"abc".decode("utf-8"))
print(ord("a"), ord("é"), ord("€"), chr(97), chr(233), chr(0x20ac), chr(0x1F600) == "\U0001F600")
print(str(b"abc"), str(b"abc", "utf-8"), str(bytearray(b"xy"), "utf-8"))
print(repr("\x00\x07\t\n\r\\'\""), repr("é\u2028"), repr("'"), repr('"'), repr("'\""))
print(repr("\x7f"), repr("\x80"), repr("\xff"), repr("\u0100"))
for f in (lambda: ord("ab"), lambda: ord(""), lambda: chr(-1), lambda: chr(0x110000),
          lambda: b"\xff".decode(), lambda: ord(1), lambda: chr("a")):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
