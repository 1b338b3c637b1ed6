class Plain(Exception):
    pass

class Redirect(Exception):
    def __new__(cls, *args):
        print("Redirect.__new__", args)
        return Plain(*args)

class NotAnException(Exception):
    def __new__(cls, *args):
        return "a string"

try:
    raise Redirect("x", 1)
except Exception as e:
    print(type(e).__name__, e.args)

def attempt(fn):
    try:
        fn()
    except TypeError as e:
        print("TypeError", e)
    except Exception as e:
        print("other", type(e).__name__)

def raise_bad():
    raise NotAnException("y")
def raise_int():
    raise 5
def throw_bad():
    def gen():
        yield
    g = gen()
    next(g)
    g.throw(NotAnException)
def throw_unstarted():
    def gen():
        yield
    gen().throw(NotAnException)
for f in (raise_bad, raise_int, throw_bad, throw_unstarted):
    attempt(f)

class WithInit(ValueError):
    def __init__(self, a, b):
        super().__init__(a + b)
        self.parts = (a, b)
try:
    raise WithInit(1, 2)
except ValueError as e:
    print(e, e.args, e.parts)
