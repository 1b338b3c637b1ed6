# @micropython.native: loops, branches, exceptions, with, generators and closures
import micropython


@micropython.native
def loops(n):
    total = 0
    for i in range(n):
        if i % 2:
            continue
        total += i
        if total > 100:
            break
    else:
        total = -1
    while n > 0:
        n -= 1
        if n == 3:
            break
    return total, [i * i for i in range(n)], {k: k for k in "ab"}


@micropython.native
def exceptions(x):
    try:
        y = 1 // x
    except ZeroDivisionError as e:
        y = e
    except (TypeError, ValueError):
        y = None
    else:
        y = -y
    finally:
        x = 0
    try:
        raise ValueError("bad")
    except Exception:
        pass
    for i in range(3):
        try:
            if i:
                break
        finally:
            x += 1
    return x, y


@micropython.native
def with_block(cm):
    with cm as v:
        r = v
    with cm:
        return r


@micropython.native
def gen(n):
    for i in range(n):
        x = yield i
        if x:
            return x
    yield from range(3)


@micropython.native
def outer(a):
    b = a + 1

    def inner(c):
        nonlocal b
        b += c
        return a + b

    return inner, lambda q: q + a


@micropython.native
def expr_gen(items):
    return sum(i for i in items if i), any(x > 1 for x in items)


class C:
    @micropython.native
    def method(self, x):
        return super().__init__(), self, x

    @staticmethod
    @micropython.native
    def static(x):
        return x


print(loops(5), exceptions(0), list(gen(3)), outer(1)[0](2), expr_gen([0, 1, 2]), C().method(1))
