import io

def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

s = io.StringIO("abc")
attempt("seek negative", lambda: s.seek(-1))
attempt("seek whence", lambda: s.seek(0, 5))
attempt("seek str", lambda: s.seek("1"))
attempt("read str", lambda: s.read("1"))
attempt("write int", lambda: s.write(5))
attempt("write none", lambda: io.BytesIO().write(None))
attempt("init none", lambda: io.StringIO(None))
attempt("init list", lambda: io.BytesIO([1, 2]))
attempt("readinto bytes", lambda: io.BytesIO(b"ab").readinto(b"xx"))
attempt("readinto int", lambda: io.BytesIO(b"ab").readinto(3))
attempt("too many", lambda: s.read(1, 2))
attempt("write no args", lambda: s.write())
u = io.StringIO()
u.write("\u00e9")
u.seek(1)
attempt("half char", lambda: u.read())
attempt("half char value", lambda: (u.write("x"), u.getvalue()))
attempt("no module attrs", lambda: [hasattr(io, n) for n in ("TextIOWrapper", "FileIO", "BufferedReader", "open", "IOBase")])
