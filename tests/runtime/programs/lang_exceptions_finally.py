def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
def g():
    try:
        raise ValueError
    finally:
        return "finally wins"
print(g())
def h():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print("fin", i)
    return i
print(h())
def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("caught", repr(e))
    finally:
        print("outer finally")
nested()
try:
    raise ValueError("a")
except ValueError:
    try:
        raise TypeError("b")
    except TypeError as e:
        print("inner", e)
    print("still in handler")
