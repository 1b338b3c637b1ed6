def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: (1).foo)
t(lambda: "s".foo)
t(lambda: [].foo)
t(lambda: {}.foo)
t(lambda: None.foo)
t(lambda: (1.5).foo)
t(lambda: int.foo)
t(lambda: len.foo)
class C:
    pass
t(lambda: C().foo)
t(lambda: C.foo)
import sys
t(lambda: sys.foo)
import errno
t(lambda: errno.ENOSPC)
t(lambda: errno.ENOENT)
def setx():
    x = [1]
    x.y = 2
t(setx)
def sets():
    s = "abc"
    s.upper = 1
t(sets)
