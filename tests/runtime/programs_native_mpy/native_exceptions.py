# try/except/finally, raise and with in @micropython.native functions (compiled to .mpy)
import micropython


class Ctx:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None)
        return self.name == "swallow"


def bytecode_raiser(n):
    if n:
        raise ValueError("from bytecode", n)
    return "no raise"


@micropython.native
def catch(n):
    try:
        r = bytecode_raiser(n)
    except ValueError as e:
        return "caught", e.args
    else:
        return "else", r
    finally:
        print("finally", n)


@micropython.native
def nested(x):
    try:
        try:
            return 10 // x
        except ZeroDivisionError:
            print("inner zero")
            raise KeyError(x)
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer KeyError", e)
        return -1


@micropython.native
def reraise():
    try:
        [][1]
    except IndexError as e:
        print("re-raising")
        raise e


@micropython.native
def loop_with_try(items):
    total = 0
    for x in items:
        try:
            total += 100 // x
        except ZeroDivisionError:
            continue
        except TypeError as e:
            print("TypeError", e)
            break
        finally:
            total += 1
    return total


@micropython.native
def with_blocks():
    with Ctx("plain") as c:
        print("body", c.name)
    with Ctx("swallow"):
        raise OSError(5)
    try:
        with Ctx("propagate"):
            raise RuntimeError("out")
    except RuntimeError as e:
        print("caught", e)


@micropython.native
def raise_class():
    raise StopIteration


print(catch(0))
print(catch(3))
print(nested(5))
print(nested(0))
try:
    reraise()
except IndexError as e:
    print("caller got IndexError", e)
print(loop_with_try([1, 0, 5, 0, 20]))
print(loop_with_try([1, "a", 2]))
with_blocks()
try:
    raise_class()
except StopIteration as e:
    print("StopIteration", type(e).__name__)
try:
    nested(None)
except TypeError as e:
    print("TypeError escaped", e)
