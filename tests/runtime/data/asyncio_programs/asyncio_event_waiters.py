# Event: several waiters wake in order, set before wait, clear, is_set
import asyncio


async def waiter(ev, name):
    print(name, "waiting")
    await ev.wait()
    print(name, "woke", ev.is_set())
    return name


async def main():
    ev = asyncio.Event()
    print(ev.is_set())
    tasks = [asyncio.create_task(waiter(ev, "w%d" % i)) for i in range(3)]
    await asyncio.sleep_ms(10)
    print("setting")
    ev.set()
    print("set done")
    print(await asyncio.gather(*tasks))
    print("already set:", await waiter(ev, "late"))
    ev.clear()
    print(ev.is_set())
    t = asyncio.create_task(waiter(ev, "again"))
    await asyncio.sleep_ms(5)
    print(t.done())
    ev.set()
    ev.set()
    await t
    print(t.done())
    try:
        await asyncio.wait_for(asyncio.Event().wait(), 0.02)
    except asyncio.TimeoutError:
        print("wait timed out")


asyncio.run(main())
