class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, what):
        self.what = what
        super().__init__(what + " not found")
def find(k):
    raise NotFound(k)
try:
    find("key")
except AppError as e:
    print(type(e).__name__, e, e.what, isinstance(e, Exception))
def layered():
    try:
        find("a")
    except NotFound:
        raise ValueError("outer")
try:
    layered()
except ValueError as e:
    print("got", e)
e = ValueError(1, 2)
print(e.args, str(e), repr(KeyError("x")), repr(Exception()))
try:
    raise TypeError("t") from None
except TypeError as e:
    print("from None ok", e)
class NoMsg(Exception):
    pass
print(repr(NoMsg()), str(NoMsg("a", "b")))
