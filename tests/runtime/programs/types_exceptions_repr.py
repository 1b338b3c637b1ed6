for e in (ValueError(), ValueError("v"), ValueError("a", 2), TypeError(None), KeyError("k"),
          IndexError(0), OSError(2, "no such"), StopIteration(7), RuntimeError("r"), Exception([1]),
          ZeroDivisionError("d"), AttributeError("x"), NameError("n"), AssertionError()):
    print(type(e).__name__, repr(e), str(e), e.args, len(e.args))
class MyErr(Exception):
    pass
class MyErr2(ValueError):
    def __str__(self):
        return "custom text"
print(repr(MyErr("m")), str(MyErr("m", 1)), repr(MyErr2()), str(MyErr2("x")), MyErr2("q").args)
try:
    raise MyErr2("x")
except ValueError as e:
    print("caught", e, type(e).__name__, isinstance(e, Exception))
print(issubclass(MyErr, BaseException), MyErr.__name__, MyErr.__bases__ if hasattr(MyErr, "__bases__") else "")
