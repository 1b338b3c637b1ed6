def append_to(v, target=[]):
    target.append(v)
    return target
print(append_to(1), append_to(2))
print(append_to(3, []))

def f(a, b=10, *args, c, d=20, **kw):
    return (a, b, args, c, d, sorted(kw))
print(f(1, c=2))
print(f(1, 2, 3, 4, c=5, e=6))
print(f(*[1, 2], **{"c": 3, "d": 4, "z": 0}))
print(f(1, *(7, 8), c=9, **{"q": 1}))

X = 5
def capture(v=X):
    return v
X = 6
print(capture())

def g(a, b):
    return a - b
print(g(b=1, a=10))
args = (3,)
kwargs = {"b": 1}
print(g(*args, **kwargs))

def counter(start=0, *, step=1):
    return list(range(start, start + 3 * step, step))
print(counter(), counter(5), counter(step=2), counter(1, step=3))
print(f.__name__, capture.__name__)
def defaults_expr(n=len("abc") * 2):
    return n
print(defaults_expr())
