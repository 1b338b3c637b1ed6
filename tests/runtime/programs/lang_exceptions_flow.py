def f(k):
    try:
        if k == 0:
            raise ValueError("v")
        if k == 1:
            raise KeyError("k")
        return "ok"
    except ValueError as e:
        return "ve " + str(e)
    except (KeyError, IndexError) as e:
        return "ki " + repr(e)
    finally:
        print("finally", k)
print(f(0), f(1), f(2))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("wrapped")
except RuntimeError as e:
    print(e, type(e.__cause__) if hasattr(e, "__cause__") else "")
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            print("body", i)
        finally:
            print("fin", i)
g()
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
try:
    assert 1 == 2, "msg"
except AssertionError as e:
    print("assert", e)
else:
    print("no")
try:
    pass
except Exception:
    pass
else:
    print("else ran")
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
