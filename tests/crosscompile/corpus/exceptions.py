# try/except/else/finally, raise forms, with statements, assert.
class MyError(Exception):
    pass

def risky(n):
    if n == 0:
        raise MyError("zero")
    if n == 1:
        raise ValueError from None
    if n == 2:
        raise
    return n

def handler(n):
    try:
        risky(n)
    except MyError as e:
        print("my", e)
    except (ValueError, TypeError):
        print("value")
    except Exception:
        print("other")
    else:
        print("else")
    finally:
        print("finally")

def only_finally():
    try:
        return 1
    finally:
        print("f")

def loops_in_try():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
        finally:
            print(i)
    while True:
        try:
            break
        except:
            pass

class CM:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False

def withs():
    with CM() as a, CM() as b:
        print(a, b)
    with CM():
        pass
    with CM() as (x, y):
        pass

def asserts(x):
    assert x
    assert x > 0, "positive"
    return __debug__

def bare_except():
    try:
        pass
    except:
        raise

for n in range(4):
    handler(n)
print(only_finally(), asserts(1))
