from array import array

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("bad typecode", lambda: array("z"))
attempt("unicode typecode", lambda: array("u"))
attempt("long typecode", lambda: array("bb"))
attempt("not iterable", lambda: array("b", 5))
attempt("float into int", lambda: array("b", [1.5]))
attempt("str into int", lambda: array("i", ["x"]))
attempt("str into float", lambda: array("f", ["x"]))
a = array("h", [1, 2])
attempt("index", lambda: a[2])
attempt("neg index", lambda: a[-3])
def setbad():
    a[5] = 1
attempt("set index", setbad)
def delitem():
    del a[0]
attempt("del", delitem)
attempt("add mismatch", lambda: a + array("b", [1]))
attempt("add list", lambda: a + [1])
attempt("extend list", lambda: a.extend([3, 4]) or a)
attempt("extend other", lambda: a.extend(array("b", [5])) or a)
attempt("str index", lambda: a["x"])
attempt("no args", lambda: array())
attempt("pop", lambda: a.pop())
attempt("insert", lambda: a.insert(0, 1))
attempt("remove", lambda: a.remove(1))
attempt("index method", lambda: a.index(1))
attempt("tobytes", lambda: a.tobytes())
attempt("decode", lambda: array("B", b"ab").decode())
attempt("compare layouts", lambda: array("b") == array("h"))
attempt("compare list", lambda: array("b", [1]) == [1])
attempt("compare bytes", lambda: array("b", [1]) == b"\x01")
attempt("hash", lambda: hash(array("b")))
attempt("less", lambda: array("b") < array("b"))
