# Lock: FIFO hand-over, locked(), async with, errors
import asyncio


async def worker(lock, name, log):
    async with lock:
        log.append(name + "+")
        await asyncio.sleep_ms(10)
        log.append(name + "-")


async def main():
    lock = asyncio.Lock()
    print(lock.locked())
    log = []
    await asyncio.gather(*[worker(lock, n, log) for n in "abcd"])
    print(log)
    print(lock.locked())
    await lock.acquire()
    print(lock.locked())
    lock.release()
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError", e)

    async def holder():
        async with lock:
            await asyncio.sleep_ms(100)

    h = asyncio.create_task(holder())
    await asyncio.sleep_ms(1)
    try:
        await asyncio.wait_for(lock.acquire(), 0.02)
    except asyncio.TimeoutError:
        print("acquire timed out", lock.locked())
    await h
    print("after holder", lock.locked())
    async with lock:
        print("reacquired")


asyncio.run(main())
