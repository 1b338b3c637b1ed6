data = [1, 5, 9, 2]
if (n := len(data)) > 3:
    print("long", n)
total = 0
while (v := data.pop()) != 5:
    total += v
print(total, data)
vals = [y for x in range(5) if (y := x * x) > 4]
print(vals, y)
def f():
    [(last := i) for i in range(3)]
    return last
print(f())
print((z := 10), z + 1)
def gen():
    while (chunk := (yield)) is not None:
        print("chunk", chunk)
g = gen()
next(g)
g.send("a")
g.send("b")
try:
    g.send(None)
except StopIteration:
    print("done")
print([w for w in [3, 4] if (w2 := w * 2) and w2 > 6], w2)
