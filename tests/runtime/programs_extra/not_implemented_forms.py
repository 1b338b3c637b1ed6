# forms MicroPython does not implement (NotImplementedError) or refuses (AttributeError)
def attempt(label, fn):
    try:
        print(label, fn())
    except (NotImplementedError, AttributeError) as e:
        print(label, type(e).__name__, e)


attempt("str kw", lambda: str(b"abc", encoding="utf8"))
attempt("str kw2", lambda: str(b"abc", "utf8", errors="strict"))
attempt("bytes kw", lambda: bytes("abc", encoding="utf8"))
attempt("str", lambda: str(b"abc", "utf8"))
attempt("bytes", lambda: bytes("abc", "utf8"))
attempt("rsplit None n", lambda: "a b  c".rsplit(None, 1))
attempt("rsplit None -1", lambda: "a b  c".rsplit(None, -1))
attempt("rsplit None", lambda: "a b  c".rsplit(None))
attempt("rsplit sep n", lambda: "a,b,c".rsplit(",", 1))


def assign_list():
    b = bytearray(4)
    b[0:1] = [1, 2]
    return b


def assign_bytes():
    b = bytearray(4)
    b[1:3] = b"xyz"
    b[0:1] = bytearray(b"q")
    b[4:] = memoryview(b"!")
    return b


attempt("bytearray slice = list", assign_list)
attempt("bytearray slice = bytes", assign_bytes)


class A:
    pass


class B(A):
    pass


class C:
    pass


class D:
    @property
    def p(self):
        return 1


class E(D):
    pass


def add(cls, name, value):
    def fn():
        setattr(cls, name, value)
        return "ok"
    return fn


attempt("property on subclassed", add(A, "bar", property()))
attempt("plain on subclassed", add(A, "baz", 5))
attempt("property on leaf", add(C, "bar", property()))
attempt("property where one exists", add(D, "q", property()))
print(C.baz if hasattr(C, "baz") else "no baz", A.baz)
