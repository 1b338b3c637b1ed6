class Suspend:
    def __iter__(self):
        yield "tick"

class ACM:
    async def __aenter__(self):
        print("aenter")
        await Suspend()
        return "resource"
    async def __aexit__(self, et, ev, tb):
        print("aexit", et.__name__ if et else None)
        return True

class AIter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Suspend()
        return self.i

async def main():
    async with ACM() as r:
        print("body", r)
    async with ACM():
        raise ValueError("swallowed")
    total = 0
    async for v in AIter(3):
        total += v
    print("total", total)
    return "end"

def run(co):
    ticks = 0
    while True:
        try:
            co.send(None)
            ticks += 1
        except StopIteration as e:
            return e.value, ticks
print(run(main()))
