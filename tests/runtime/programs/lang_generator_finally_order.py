log = []
def g(name):
    try:
        log.append(name + " start")
        yield 1
        yield 2
    finally:
        log.append(name + " finally")

for v in g("a"):
    pass
print(log)
log.clear()
it = g("c")
next(it)
it.close()
print(log)
log.clear()
def outer():
    try:
        yield from g("inner")
    finally:
        log.append("outer finally")
o = outer()
next(o)
o.close()
print(log)
def counting():
    n = 0
    try:
        while True:
            n += 1
            yield n
    except GeneratorExit:
        log.append("exit at %d" % n)
log.clear()
c = counting()
for _ in range(3):
    next(c)
c.close()
print(log)
