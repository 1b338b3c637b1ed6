def a():
    x = "a"
    def b():
        def c():
            nonlocal x
            x = x + "c"
            return x
        r = c()
        return r + "|" + x
    return b() + "|" + x
print(a())

def counter_pair():
    count = 0
    def inc(n=1):
        nonlocal count
        count += n
        return count
    def dec():
        nonlocal count
        count -= 1
        return count
    return inc, dec
i, d = counter_pair()
i(); i(5); d()
print(i(0))

def shadow():
    x = 1
    def inner():
        x = 2
        def deepest():
            nonlocal x
            x = 3
        deepest()
        return x
    return inner(), x
print(shadow())

g = "global"
def reads_global():
    def inner():
        return g
    return inner()
print(reads_global())

def loop_nonlocal():
    total = 0
    def add(v):
        nonlocal total
        total += v
    for k in range(5):
        add(k)
    return total
print(loop_nonlocal())
