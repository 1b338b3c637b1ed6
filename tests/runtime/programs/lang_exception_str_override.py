class AppError(Exception):
    def __str__(self):
        return "AppError<%s>" % (self.args[0] if self.args else "")
class Detailed(AppError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
    def __repr__(self):
        return "Detailed(%d)" % self.code
e = AppError("x")
print(e, str(e), repr(e))
d = Detailed(5, "oops")
print(d, repr(d), d.args, d.code)
print([d], (e,))
print("%s | %r" % (d, d))
print("{} {!r}".format(d, d))
m = ValueError("a", "b")
print(m, str(m), repr(m))
print(str(Exception()), repr(Exception()), str(Exception(None)), str(Exception(1, None)))
try:
    raise Detailed(9, "uncaught-ish")
except AppError as caught:
    print("caught:", caught)
raise Detailed(7, "final")
