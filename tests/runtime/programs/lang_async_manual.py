class Future:
    def __init__(self, name):
        self.name = name
        self.result = None
    def __iter__(self):
        print("waiting on", self.name)
        v = yield self
        return v
    __await__ = __iter__

async def fetch(n):
    v = await Future("f%d" % n)
    return v * 2

async def main():
    a = await fetch(1)
    b = await fetch(2)
    return a + b

co = main()
print(type(co).__name__)
fut = co.send(None)
print(fut.name)
fut = co.send(10)
print(fut.name)
try:
    co.send(20)
except StopIteration as e:
    print("result", e.value)

async def simple():
    return "no awaits"
c = simple()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

async def agen_like():
    for i in range(2):
        await Future(str(i))
    return "loop done"
c = agen_like()
r = c.send(None)
while True:
    try:
        r = c.send(None)
    except StopIteration as e:
        print(e.value)
        break
