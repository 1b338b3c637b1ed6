# Constant conditions, range-for optimisation variants, unwinding jumps out of try/with.
from collections import OrderedDict

od = OrderedDict({"a": 1, "b": 2})
n = 10
if True:
    print("always")
if False:
    print("never")
elif n:
    print("elif")
if 0:
    pass
elif 1:
    print("const elif")
else:
    print("unreachable")
while False:
    print("never")
while 0:
    pass
else:
    print("while-else after false")
for i in range(n):
    print(i)
for i in range(2, n):
    print(i)
for i in range(n, 0, -2):
    print(i)
for i in range(1, n, 3):
    pass
else:
    print("range else", i)
for i in range(n, 0, 0 + 0):
    pass
for i in range(*[1, 2]):
    pass
for i in range(len(od)):
    if i:
        break
else:
    print("x")
for a, b in zip(range(3), range(3)):
    pass
while True:
    n -= 1
    if n < 5:
        break


def unwinding(items):
    for x in items:
        try:
            for y in items:
                try:
                    if y:
                        break
                    continue
                finally:
                    pass
            if x:
                break
        except Exception:
            continue
        finally:
            print(x)
    while items:
        with open("f") as f:
            if f:
                break
            continue
    for x in items:
        with open(x):
            return x
    return None


def return_in_finally():
    try:
        return 1
    finally:
        return 2


def try_except_return(x):
    try:
        return x()
    except ValueError as e:
        return e
    except:
        return None


def chained(a, b, c, d):
    return a < b < c < d, a == b != c, a is b is not c, a in b not in c


def if_expr_in_return(x, y):
    return x if y else (y if x else None)


def boolean_conditions(a, b, c):
    if a and b or c:
        return 1
    if not (a or b) and not c:
        return 2
    while a and not b:
        a -= 1
    return a or b and c


g = lambda: (yield)
print(unwinding([0, 1]), return_in_finally(), chained(1, 2, 3, 4), if_expr_in_return(1, 0))
