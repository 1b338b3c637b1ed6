def g():
    print("start")
    yield 1
    print("middle")
    yield 2
    print("end")
it = g()
print("created")
for v in it:
    print("v", v)
def acc():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
a = acc()
next(a)
print(a.send(5), a.send(10), a.send(1))
try:
    a.send(None)
except StopIteration:
    print("done")
def gen_exc():
    yield 1
    raise ValueError("inside")
try:
    list(gen_exc())
except ValueError as e:
    print("ValueError", e)
