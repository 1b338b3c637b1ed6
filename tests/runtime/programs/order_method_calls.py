# set and dict methods that keep MicroPython's table order, called on sets, dicts and other
# objects: the method is looked up before the arguments are evaluated
class Tracer:
    def __getattr__(self, name):
        print('lookup', name)
        return lambda *a: print('call', name, a)


def arg(v):
    print('arg', v)
    return v


def calls(t, s, d):
    t.add(arg(1))
    t.pop(arg(2))
    t.discard(5)
    s.add(arg(3))
    s.add(4)
    s.discard(arg(3))
    print(sorted(s), d.pop(arg('b')), d.pop('zz', arg('dflt')), d)
    box = [s, d]
    box[0].add(arg(9))
    print(box[1].popitem(), sorted(s))
    for w in ('x', 'y', 'zz', 'q', 'r'):
        s.add(w)
    print(list(s), s.pop(), list(s))


calls(Tracer(), {1, 2}, {'a': 1, 'b': 2, 'c': 3})
try:
    None.add(arg(7))
except AttributeError as e:
    print('AttributeError', e)
