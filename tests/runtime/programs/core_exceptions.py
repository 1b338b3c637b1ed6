class MyError(ValueError):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
def risky(n):
    if n == 0:
        raise MyError("zero", 7)
    return 10 // n
for n in (2, 0):
    try:
        print(risky(n))
    except MyError as e:
        print("MyError", e, e.code, e.args, isinstance(e, ValueError))
    else:
        print("no error")
    finally:
        print("finally", n)
def nested():
    try:
        try:
            [][1]
        except KeyError:
            print("wrong")
        finally:
            print("inner finally")
    except IndexError as e:
        print("IndexError", e)
        try:
            raise
        except IndexError:
            print("re-raised")
nested()
def loop_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(-i)
    return out
print(loop_finally())
def ret_finally():
    try:
        return "try"
    finally:
        print("cleanup")
print(ret_finally())
for bad in (lambda: 1 / 0, lambda: {}["k"], lambda: undefined_name, lambda: int("x"), lambda: [1].remove(2), lambda: None.attr):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
try:
    raise KeyError("k")
except LookupError as e:
    print(repr(e))
e = ValueError("a", 1)
print(e, repr(e), e.args)
def deep(n):
    if n == 0:
        raise RuntimeError("bottom")
    deep(n - 1)
try:
    deep(3)
except RuntimeError as err:
    print("caught", err)
assert 1 == 1
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("AssertionError", e)
def outer():
    deep(2)
outer()
