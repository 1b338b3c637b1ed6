# for loops of every shape: break, continue, else, nesting, while loops and handlers inside,
# return and yield in the body, iterators with only __next__, errors raised by an iterator
def shapes(xs):
    out = []
    for x in xs:
        if x == 3:
            continue
        if x == 7:
            break
        out.append(x)
    else:
        out.append('else')
    return out


print(shapes(range(10)), shapes(range(5)), shapes([]))


def nested(n):
    acc = []
    for i in range(n):
        for j in [1, 2, 3]:
            if j == i:
                break
            for k in 'ab':
                if k == 'b' and j == 2:
                    continue
                acc.append((i, j, k))
        else:
            acc.append(('no break', i))
    return acc


print(nested(4))


def with_while(xs):
    t = 0
    for x in xs:
        n = x
        while n > 0:
            n -= 2
            t += 1
        for y in range(x):
            t += y
    return t


print(with_while([1, 5, 8]))


def ret_inside(d, want):
    for k, v in d.items():
        if v == want:
            return k
    return None


print(ret_inside({'a': 1, 'b': 2, 'c': 3}, 2), ret_inside({}, 1))


def try_around(xs):
    try:
        for x in xs:
            for y in (1, 2):
                print(10 // x + y)
    except ZeroDivisionError as e:
        print('caught', e)


try_around([5, 2, 0, 1])


def try_inside(xs):
    for x in xs:
        try:
            print(10 // x)
        except ZeroDivisionError:
            print('zero')
            continue
        finally:
            print('fin')
    for x in xs:
        with Ctx(x):
            if x == 0:
                break
            print('in with', x)


class Ctx:
    def __init__(self, x):
        self.x = x

    def __enter__(self):
        return self

    def __exit__(self, *a):
        print('exit', self.x)


try_inside([2, 0, 5])


def gen(xs):
    for x in xs:
        for y in xs:
            if x != y:
                yield x + y
    for z in xs:
        got = yield z
        if got:
            print('sent', got)


print(list(gen('abc')))
g = gen('xy')
for _ in range(3):
    next(g)
print(g.send('hi'))


class Counter:
    def __init__(self):
        self.i = 0

    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i


class OnlyNext:
    def __iter__(self):
        print('iter called')
        return Counter()


for v in OnlyNext():
    print('v', v)
print([v * 2 for v in OnlyNext() if v != 2])


class SelfIter:
    def __init__(self):
        self.left = 2

    def __iter__(self):
        print('self iter')
        return self

    def __next__(self):
        if not self.left:
            raise StopIteration
        self.left -= 1
        return self.left


for v in SelfIter():
    for w in SelfIter():
        print(v, w)


class Bad:
    def __iter__(self):
        return self

    def __next__(self):
        raise ValueError('bad next')


def use_bad():
    for x in Bad():
        print('never', x)


try:
    use_bad()
except ValueError as e:
    print('ValueError', e)


def deep():
    t = 0
    for a in (1,):
        for b in (1, 2):
            for c in (1,):
                for d in (1,):
                    for e in (1,):
                        for f in (1,):
                            for g in (1,):
                                for h in (1,):
                                    for i in (1, 2):
                                        for j in (1,):
                                            t += a + b + i + j
    return t


print(deep())
d = {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7}
s = {'one', 'two', 'three', 'four', 'five', 'six', 'seven'}
print([k for k in d], [k for k in s], [v for v in d.values()])
for k in d:
    for m in s:
        if m == k:
            print(k, end=' ')
print()
for k, v in sorted(d.items()):
    print(k, v, end='; ')
print()


def fail():
    for a in [1, 2]:
        for b in [1, 0]:
            print(a // b)


fail()
