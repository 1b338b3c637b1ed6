# MicroPython's counting loops for range(): steps, constant and computed ends, floats and
# objects as bounds, break/continue/else, nesting, and an error in the test
def steps(n):
    out = []
    for i in range(n):
        out.append(i)
    for i in range(2, n, 3):
        out.append(i)
    for i in range(n, 0, -2):
        out.append(i)
    for i in range(n, -n, -5):
        out.append(i)
    for i in range(10, n):
        out.append('never')
    return out


print(steps(7), steps(0))


def control(n):
    out = []
    for i in range(n):
        if i == 2:
            continue
        if i == 6:
            break
        for j in range(i):
            if j == 2:
                break
            out.append((i, j))
        else:
            out.append(('else', i))
    else:
        out.append('outer else')
    k = 0
    for i in range(n):
        while k < i:
            k += 2
        out.append(k)
    return out


print(control(8), control(4))
print([i * 2 for i in range(5)], sum(i for i in range(100)), list(range(3)))
t = 0
for x in range(3):
    for y in range(x, 4):
        for z in (1, 2):
            t += x * y + z
print(t)


def floats():
    out = []
    for i in range(0.5, 3):
        out.append(i)
    for i in range(True, 4):
        out.append(i)
    return out


print(floats())


class Num:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print('lt', self.v, other)
        return self.v < other

    def __add__(self, k):
        print('add', self.v, k)
        return Num(self.v + k)

    def __repr__(self):
        return 'Num(%d)' % self.v


for n in range(Num(1), 3):
    print('got', n)


def gen(n):
    for i in range(n):
        yield i * i
        if i > 2:
            return


print(list(gen(10)))


def bad(n):
    t = 0
    for i in range(n):
        t += i
    return t


print(bad(3))
print(bad(None))
