# async def, await, async for, async with.
class AIter:
    def __init__(self):
        self.n = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        self.n += 1
        if self.n > 3:
            raise StopAsyncIteration
        return self.n

class ACM:
    async def __aenter__(self):
        return 1
    async def __aexit__(self, *a):
        return False

async def inner():
    return 5

async def main():
    x = await inner()
    async for i in AIter():
        print(i)
    else:
        print("end")
    async with ACM() as a, ACM():
        print(a)
    async with ACM():
        return x

def decorator(f):
    return f

@decorator
async def decorated():
    await main()

coro = main()
try:
    coro.send(None)
except StopIteration as e:
    print(e.value)
