# ThreadSafeFlag: set from a scheduled callback and from another task; wait clears it
import asyncio
import micropython


async def waiter(flag, n):
    for i in range(n):
        await flag.wait()
        print("flag", i)


async def main():
    flag = asyncio.ThreadSafeFlag()
    t = asyncio.create_task(waiter(flag, 3))
    await asyncio.sleep_ms(5)
    flag.set()
    await asyncio.sleep_ms(5)
    micropython.schedule(lambda _: flag.set(), None)
    await asyncio.sleep_ms(5)
    flag.set()
    flag.set()
    await asyncio.sleep_ms(5)
    print(t.done())
    flag.set()
    await t
    print(t.done())
    flag.clear()
    try:
        await asyncio.wait_for(flag.wait(), 0.02)
    except asyncio.TimeoutError:
        print("not set: timeout")
    flag.set()
    await flag.wait()
    print("pre-set wait returns")


asyncio.run(main())
