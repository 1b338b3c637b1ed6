print("tab\there", 'quote\'s', "dq\"s")
print("\x41\x42", "\u00e9", "\101", "\0".encode())
print(r"raw\n\t", len(r"\n"))
print("""triple
quoted""")
print('implicit' ' concat' " works")
print(b"bytes\x00\xff", rb"\x00", len(b"\x00\x01"))
print("a\
b")
print(repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("\n\r\t\x01\x7f"), repr("é"))
print(repr(b"\n\x80'"), repr(b'"'))
print("%s|%r" % ("x", "x"))
print(f"{'nested'!r} {3 + 4} {{}}")
s = "unicode: \u03b1\u03b2"
print(s, len(s), s.encode())

