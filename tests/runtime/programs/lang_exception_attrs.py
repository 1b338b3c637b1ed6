e = ValueError("msg", 42)
print(e.args, str(e), repr(e))
print(str(ValueError()), repr(ValueError()))
print(repr(KeyError("k")))
print(str(KeyError()), repr(IndexError(1)), str(IndexError("i")))
try:
    {}["missing"]
except KeyError as k:
    print("KeyError", k, k.args)
try:
    [][3]
except IndexError as i:
    print(i)
try:
    int("xyz")
except ValueError as v:
    print(v)
try:
    1 / 0
except ZeroDivisionError as z:
    print(z, z.args)
try:
    undefined_name
except NameError as n:
    print(n)
try:
    None.attr
except AttributeError as a:
    print(a)
try:
    "a" + 1
except TypeError as t:
    print(t)
class MyErr(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code
try:
    raise MyErr(7)
except MyErr as m:
    print(m, m.code, m.args)
ex = OSError(2, "No such file")
print(ex.args, ex.errno)
print(isinstance(ex, Exception), issubclass(KeyError, LookupError))
print(type(e).__name__, e.__class__.__name__)
print(SystemExit(3).args, StopIteration(4).value)
