# closures in @micropython.native functions (compiled to .mpy): cells the machine code reads
# and writes, shared with bytecode functions
import micropython


@micropython.native
def counter(start):
    n = start

    def bump(by=1):
        nonlocal n
        n += by
        return n
    return bump


@micropython.native
def adders(k):
    return [lambda x, i=i: x + i * k for i in range(3)]


def bytecode_parent(base):
    total = [base]

    @micropython.native
    def add(x):
        total[0] += x
        return total[0] + base
    return add


@micropython.native
def late_binding():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]


c = counter(10)
print(c(), c(5), c())
print([f(100) for f in adders(7)])
add = bytecode_parent(1000)
print(add(1), add(2))
print(late_binding())


class Base:
    def describe(self, x):
        return "Base(%s)" % x


class Child(Base):
    @micropython.native
    def describe(self, x):
        return "Child+" + super().describe(x * 2)


print(Child().describe(21))
