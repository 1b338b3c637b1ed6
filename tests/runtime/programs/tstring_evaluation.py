# interpolations are evaluated eagerly, left to right, each once
log = []
def f(x):
    log.append(x)
    return x * 10

t = t"{f(1)}-{f(2)}-{f(3)}"
print(log, t.values)
t.values
t.values
print(log)

def boom():
    raise ValueError("inside")
try:
    t = t"ok {f(4)} {boom()} {f(5)}"
except ValueError as e:
    print("ValueError", e, log)

items = [1, 2, 3]
t = t"{items.pop()} {items.pop()}"
print(t.values, items)
print(t"{[i * i for i in range(4)]}".values)
print(t"{'yes' if items else 'no'}".values)
