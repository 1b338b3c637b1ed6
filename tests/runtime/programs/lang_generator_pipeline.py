def read(lines):
    for l in lines:
        yield l
def grep(pat, src):
    for l in src:
        if pat in l:
            yield l
def upper(src):
    for l in src:
        yield l.upper()
lines = ["apple pie", "banana", "apple tart", "cherry"]
print(list(upper(grep("apple", read(lines)))))
def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
print(list(chunks(list(range(7)), 3)))
def take(n, it):
    for _ in range(n):
        yield next(it)
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(take(5, naturals())))
g = (i for i in range(3))
print(next(g), list(g))
def ret():
    yield 1
    return "value"
try:
    it = ret()
    next(it)
    next(it)
except StopIteration as e:
    print("StopIteration", e.value if hasattr(e, "value") else e.args)
