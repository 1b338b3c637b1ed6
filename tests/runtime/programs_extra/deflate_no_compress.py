import deflate, io
# reading works everywhere; writing needs MICROPY_PY_DEFLATE_COMPRESS ("full features")
d = deflate.DeflateIO(io.BytesIO(b'\xcbH\xcd\xc9\xc9W\xc8@\x90:\n)\xa9i9\x89%\xa9\\\x19dI\x01\x00'), deflate.RAW)
print(d.read())
w = deflate.DeflateIO(io.BytesIO(), deflate.RAW)
print(hasattr(w, "write"), hasattr(w, "read"), hasattr(w, "close"))
try:
    w.write(b"abc")
except AttributeError as e:
    print("AttributeError:", e)
w.close()
print(type(w))
