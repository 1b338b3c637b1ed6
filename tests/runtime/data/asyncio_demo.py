import asyncio
async def worker(name, n, delay):
    for i in range(n):
        print(name, i)
        await asyncio.sleep_ms(delay)
    return name * 2
async def failing():
    await asyncio.sleep(0)
    raise ValueError("bad")
async def main():
    t = asyncio.create_task(worker("a", 3, 10))
    r = await asyncio.gather(worker("b", 2, 15), t)
    print("gathered", r)
    try:
        await asyncio.wait_for(worker("slow", 5, 100), 0.15)
    except asyncio.TimeoutError:
        print("timeout")
    ev = asyncio.Event()
    async def setter():
        await asyncio.sleep_ms(5)
        ev.set()
    asyncio.create_task(setter())
    await ev.wait()
    print("event set", ev.is_set())
    lock = asyncio.Lock()
    async with lock:
        print("locked", lock.locked())
    print("unlocked", lock.locked())
    try:
        await failing()
    except ValueError as e:
        print("caught", e)
    t2 = asyncio.create_task(worker("c", 10, 50))
    await asyncio.sleep_ms(60)
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError:
        print("cancelled")
    return 7
print(asyncio.run(main()))
