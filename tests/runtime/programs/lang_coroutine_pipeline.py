def printer():
    while True:
        item = yield
        print("got", item)

def filter_even(target):
    while True:
        item = yield
        if item % 2 == 0:
            target.send(item)

def scaler(factor, target):
    while True:
        item = yield
        target.send(item * factor)

p = printer()
next(p)
f = filter_even(p)
next(f)
s = scaler(3, f)
next(s)
for i in range(5):
    s.send(i)

def averager():
    total = 0
    count = 0
    avg = None
    while True:
        v = yield avg
        total += v
        count += 1
        avg = total / count
a = averager()
next(a)
print([a.send(v) for v in (10, 20, 60)])
