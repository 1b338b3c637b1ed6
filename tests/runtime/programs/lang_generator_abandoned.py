def reader(name, items):
    try:
        for it in items:
            yield it
    finally:
        print("finally of", name)

for v in reader("broken", [1, 2, 3]):
    if v == 2:
        break
print("after break")

def use_and_drop():
    g = reader("dropped", "ab")
    next(g)
    return "returned"
print(use_and_drop())

class CM:
    def __enter__(self):
        print("enter")
    def __exit__(self, *a):
        print("exit")
def with_gen():
    with CM():
        yield 1
        yield 2
g = with_gen()
next(g)
g = None
print("with generator dropped")

g = reader("closed", [1, 2])
next(g)
g.close()
print("after close")

def outer():
    yield from reader("inner", [1, 2])
o = outer()
next(o)
o.close()
print("after outer close")

def catches_all():
    try:
        yield 1
    except BaseException as e:
        print("caught", type(e).__name__)
c = catches_all()
next(c)
c.close()
c2 = catches_all()
next(c2)
del c2
print("end")
