def acc():
    total = 0
    while True:
        try:
            v = yield total
        except ValueError as e:
            print("caught", e)
            total = 0
            continue
        if v is None:
            break
        total += v
    yield "done"

g = acc()
print(next(g))
print(g.send(5), g.send(7))
print(g.throw(ValueError("reset")))
print(g.send(3))
print(g.send(None))
try:
    next(g)
except StopIteration:
    print("exhausted")

def gen2():
    yield 1
    yield 2
g = gen2()
try:
    g.send(5)
except TypeError as e:
    print("TypeError", e)
print(next(g))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
try:
    next(g)
except StopIteration:
    print("closed after throw")
g = gen2()
try:
    g.throw(RuntimeError("early"))
except RuntimeError as e:
    print("unstarted throw", e)
