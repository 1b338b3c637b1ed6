def g():
    n = 0
    while True:
        try:
            yield n
        except ValueError as e:
            print("got", repr(e))
        n += 1

it = g()
print(next(it))
print(it.pend_throw(ValueError("p1")))
print(next(it))
print(next(it))
prev = it.pend_throw(ValueError("p2"))
print(prev)
prev = it.pend_throw(ValueError("p3"))
print(repr(prev))
print(next(it))

def h():
    yield 1
    yield 2
it = h()
it.pend_throw(KeyError("early"))
try:
    next(it)
except KeyError as e:
    print("KeyError before start", e)

it = h()
print(next(it))
it.pend_throw(None)
print(next(it))
