# errno names as MicroPython 1.29's table has them; .errno/.value; generator reprs
import errno
for n in (1, 2, 13, 17, 20, 21, 22, 28, 30, 39, 97, 110, 999):
    try:
        raise OSError(n)
    except OSError as e:
        print(n, repr(e), str(e), e.errno)
print(errno.errorcode.get(20), errno.errorcode.get(2), hasattr(errno, "ENOTDIR"), errno.EISDIR)
try:
    raise OSError(28, "full")
except OSError as e:
    print(e.args, e.errno, str(e))
def g():
    yield 1
    return 5
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(e.value, e.args)
print(StopIteration(3).value, StopIteration().value)
print(g)
print(type(it))
print(repr(it)[:22])
class A:
    def m(self):
        yield 2
print(A.m)
print(repr(A().m)[:13])
raise OSError(2, "gone")
