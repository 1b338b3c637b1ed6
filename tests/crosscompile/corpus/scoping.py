# Cells, frees, deletes of cells, class-body scoping, walrus scoping and relative imports.
def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def reset():
        nonlocal count
        del count
    return inc, reset


def param_is_cell(a, b, *rest, key=None, **extra):
    def read():
        return a, rest, key, extra
    return read


def many_free():
    a = b = c = d = 1
    def f():
        def g():
            return a + b + c + d
        return g
    return f


class Scoped:
    value = 5
    doubled = [value for _ in range(2)]

    def method(self):
        return [self for _ in range(2)]

    def uses_class(self):
        def inner():
            return __class__
        return inner


def walrus_in_function(data):
    total = 0
    result = [total := total + x for x in data]
    if (n := len(result)) > 2:
        return n, total
    return result


def global_walrus():
    global gw
    return [gw := x for x in range(3)]


def keyword_walrus(f):
    return f(x := 3), x


def star_targets(seq):
    first, *middle, last = seq
    [*head, tail] = seq
    for a, *b in [seq]:
        pass
    return first, middle, last, head, tail


def deletes(obj, lst):
    x = 1
    del x
    del obj.attr, lst[0], lst[1:2]
    del (lst[0], obj.attr)


def relative_imports():
    from . import sibling
    from .. import parent
    from .pkg.mod import name as alias
    from ... import grand
    from .... import great
    import pkg.sub.mod
    import pkg.sub.mod as m
    return sibling, parent, alias, grand, great, pkg, m


print(make_counter()[0](), param_is_cell(1, 2)(), many_free()()(), Scoped.doubled)
print(walrus_in_function([1, 2, 3]), global_walrus(), keyword_walrus(print), star_targets([1, 2, 3]))
