# Common patterns: producer/consumer, timeouts around gathers, nested wait_for, a task that
# ignores its cancellation, a lock shared by workers.
import asyncio


async def producer(queue, ev, n):
    for i in range(n):
        await asyncio.sleep_ms(40)
        queue.append(i)
        ev.set()
    queue.append(None)
    ev.set()


async def consumer(queue, ev):
    got = []
    while True:
        await ev.wait()
        ev.clear()
        while queue:
            item = queue.pop(0)
            if item is None:
                return got
            got.append(item * 10)


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn ignores cancel")
    await asyncio.sleep_ms(30)
    return "stubborn result"


async def slow(name, ms):
    try:
        await asyncio.sleep_ms(ms)
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def worker(lock, shared, name):
    for _ in range(2):
        async with lock:
            v = shared[0]
            await asyncio.sleep_ms(10)
            shared[0] = v + 1
            print(name, "->", shared[0])


async def main():
    queue, ev = [], asyncio.Event()
    p = asyncio.create_task(producer(queue, ev, 5))
    print(await consumer(queue, ev))
    await p

    try:
        await asyncio.wait_for(stubborn(), 0.05)
    except asyncio.TimeoutError:
        print("stubborn timed out")

    try:
        await asyncio.wait_for(asyncio.gather(slow("g1", 100), slow("g2", 500)), 0.2)
    except asyncio.TimeoutError:
        print("gather timed out")

    async def inner():
        return await asyncio.wait_for(slow("deep", 300), 1)
    try:
        await asyncio.wait_for(inner(), 0.1)
    except asyncio.TimeoutError:
        print("outer wait_for timed out")

    print(await asyncio.wait_for_ms(asyncio.wait_for(slow("both ok", 50), 1), 500))

    lock, shared = asyncio.Lock(), [0]
    await asyncio.gather(*(worker(lock, shared, "w%d" % i) for i in range(3)))
    print("total", shared[0])


asyncio.run(main())
