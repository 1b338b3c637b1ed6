def g():
    yield 1
    return "ret"

it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("value:", e.value)

def bad():
    yield 1
    raise StopIteration("inside")
try:
    print(list(bad()))
except RuntimeError as e:
    print("RuntimeError", e)
except StopIteration as e:
    print("StopIteration", e)

def manual():
    i = iter([1, 2])
    while True:
        try:
            v = next(i)
        except StopIteration:
            print("end")
            break
        print(v)
manual()
e = StopIteration(3)
print(e.value, e.args)
e2 = StopIteration()
print(e2.value, e2.args)
print(next(iter([]), "empty"))
gen = (x for x in [])
print(next(gen, None))
