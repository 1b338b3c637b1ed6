import struct

def attempt(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("bad char", struct.pack, "<Z", 1)
attempt("bool fmt", struct.pack, "?", 1)
attempt("n fmt", struct.calcsize, "n")
attempt("late order", struct.calcsize, "i<")
attempt("space", struct.calcsize, " i")
attempt("count only", struct.calcsize, "10")
attempt("int fmt", struct.calcsize, 5)
attempt("short buf", struct.unpack, "<h", b"\x01")
attempt("no buffer", struct.unpack, "h", 5)
attempt("float for int", struct.pack, "<I", 1.5)
attempt("str for int", struct.pack, "<i", "x")
attempt("None", struct.pack, "<h", None)
attempt("str for float", struct.pack, "<f", "x")
attempt("int for s", struct.pack, "s", 5)
attempt("too few", struct.pack, "<H")
attempt("too few 2", struct.pack, "<HH", 1)
attempt("too few count", struct.pack, "<2I", 1)
attempt("too many", struct.pack, "<H", 1, 2)
attempt("too many 2", struct.pack, "<hh", 1, 2, 3)
attempt("empty", struct.pack, "")
attempt("no args", struct.pack)
attempt("unpack few args", struct.unpack, "<h")
