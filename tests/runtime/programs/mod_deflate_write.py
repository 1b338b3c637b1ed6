import deflate
import io

text = b"MicroPython " * 40 + bytes(range(64)) + b"the end"
for fmt in (deflate.RAW, deflate.ZLIB, deflate.GZIP):
    for wbits in (8, 10, 15):
        out = io.BytesIO()
        w = deflate.DeflateIO(out, fmt, wbits)
        for i in range(0, len(text), 50):
            w.write(text[i:i + 50])
        w.close()
        blob = out.getvalue()
        back = deflate.DeflateIO(io.BytesIO(blob), fmt if fmt != deflate.GZIP else deflate.AUTO, wbits).read()
        print(fmt, wbits, back == text, len(blob) < len(text), blob[:2] if fmt != deflate.RAW else b"")
out = io.BytesIO()
with deflate.DeflateIO(out, deflate.GZIP) as w:
    print(w.write(b"abc"), w.write(bytearray(b"def")), w.write("ghi"))
blob = out.getvalue()
print(blob[:10], blob[-8:])
print(deflate.DeflateIO(io.BytesIO(blob)).read())
out = io.BytesIO()
w = deflate.DeflateIO(out, deflate.ZLIB)
w.write(b"")
w.close()
print(out.getvalue())
try:
    deflate.DeflateIO(io.BytesIO(out.getvalue())).read()
except EOFError:
    print("EOFError: nothing was written")
inner = io.BytesIO()
w = deflate.DeflateIO(inner, deflate.RAW, 8, True)
w.write(b"x" * 100)
w.close()
try:
    inner.getvalue()
except ValueError as e:
    print("closed with the DeflateIO:", e)
try:
    w.write(b"more")
except OSError as e:
    print("OSError", e)
for data in (b"a", b"hello hello hello hello", b"abcabcabcabcabcabc" * 3, b"\x00" * 300):
    out = io.BytesIO()
    w = deflate.DeflateIO(out, deflate.RAW)
    w.write(data)
    w.close()
    print(data[:10], out.getvalue())
