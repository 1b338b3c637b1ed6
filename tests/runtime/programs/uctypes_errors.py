# uctypes' errors and constants
import uctypes

buf = bytearray(16)
a = uctypes.addressof(buf)


def attempt(label, f, *args):
    try:
        print(label, f(*args))
    except Exception as e:
        print(label, type(e).__name__, e.args)


attempt("struct bytearray", uctypes.struct, buf, {})
attempt("struct few", uctypes.struct, a)
attempt("struct many", uctypes.struct, a, {}, 0, 1)
attempt("sizeof scalar", uctypes.sizeof, uctypes.UINT8)
attempt("sizeof list", uctypes.sizeof, [])
attempt("sizeof bad field", uctypes.sizeof, {"x": []})
attempt("sizeof short tuple", uctypes.sizeof, {"x": (uctypes.ARRAY | 0,)})
attempt("sizeof long ptr", uctypes.sizeof, {"x": (uctypes.PTR | 0, uctypes.UINT8, 1)})
attempt("sizeof long array", uctypes.sizeof, {"x": (uctypes.ARRAY | 0, 1, {}, 4)})
attempt("sizeof struct 2 args", uctypes.sizeof, uctypes.struct(a, {}), 0)
attempt("addressof int", uctypes.addressof, 5)
s = uctypes.struct(a, [])
attempt("list attr", lambda: s.x)
s = uctypes.struct(a, {"x": [], "arr": (uctypes.ARRAY | 0, uctypes.INT8 | 2), "v": uctypes.UINT8 | 0})
attempt("bad field", lambda: s.x)
attempt("missing", lambda: s.nothing)
attempt("index dict", lambda: s[0])


def store_arr():
    s.arr = 1


attempt("store aggregate", store_arr)


def store_float():
    s.v = 1.5


attempt("store float", store_float)
attempt("hash", hash, s)
attempt("int", int, s)
for name in ("NATIVE", "LITTLE_ENDIAN", "BIG_ENDIAN", "VOID", "UINT8", "INT8", "UINT16", "INT16",
             "UINT32", "INT32", "UINT64", "INT64", "BFUINT8", "BFINT8", "BFUINT16", "BFINT16",
             "BFUINT32", "BFINT32", "BF_POS", "BF_LEN", "FLOAT32", "FLOAT64", "PTR", "ARRAY",
             "SHORT", "USHORT", "INT", "UINT", "LONG", "ULONG", "LONGLONG", "ULONGLONG"):
    print(name, getattr(uctypes, name))
digits = bytearray(b"12\x00\x00")
attempt("int digits", int, uctypes.struct(uctypes.addressof(digits), {"v": uctypes.UINT16 | 0}))
letters = bytearray(b"xy")
attempt("int letters", int, uctypes.struct(uctypes.addressof(letters), {"v": uctypes.UINT16 | 0}))
