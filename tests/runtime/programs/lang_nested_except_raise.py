def f():
    try:
        raise ValueError("a")
    except ValueError:
        try:
            raise KeyError("b")
        except KeyError as e:
            print("inner caught", repr(e))
        print("back in outer handler")
        raise
try:
    f()
except ValueError as e:
    print("re-raised original", e)

def g():
    try:
        1 / 0
    finally:
        try:
            raise IndexError("in finally")
        except IndexError:
            print("handled in finally")
try:
    g()
except ZeroDivisionError as e:
    print("zero still propagates", e)

def h():
    try:
        raise ValueError
    except ValueError:
        raise TypeError("replaced")
try:
    h()
except TypeError as e:
    print("TypeError", e)

def loop_handlers():
    out = []
    for i in range(4):
        try:
            if i % 2:
                raise ValueError(i)
            out.append(i)
        except ValueError as e:
            out.append("e%s" % e)
            continue
        finally:
            out.append("f")
    return out
print(loop_handlers())
