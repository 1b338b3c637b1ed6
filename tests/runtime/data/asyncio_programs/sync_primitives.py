# Event, Lock, ThreadSafeFlag.
import asyncio


async def waiter(ev, name):
    print(name, "waits")
    r = await ev.wait()
    print(name, "woken", r)


async def locker(lock, name, hold_ms):
    print(name, "wants lock")
    async with lock:
        print(name, "has lock", lock.locked())
        await asyncio.sleep_ms(hold_ms)
    print(name, "released")


async def flag_waiter(flag):
    for i in range(3):
        await flag.wait()
        print("flag seen", i)


async def main():
    ev = asyncio.Event()
    print("is_set", ev.is_set())
    ts = [asyncio.create_task(waiter(ev, "w%d" % i)) for i in range(3)]
    await asyncio.sleep_ms(20)
    print("setting")
    ev.set()
    await asyncio.sleep_ms(20)
    print("is_set", ev.is_set())
    print(await ev.wait())
    ev.clear()
    print("cleared", ev.is_set())

    lock = asyncio.Lock()
    ts = [asyncio.create_task(locker(lock, "L%d" % i, 50)) for i in range(3)]
    await asyncio.gather(*ts)
    print("locked at end", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)

    # a waiter cancelled while queued on the lock
    await lock.acquire()
    t = asyncio.create_task(locker(lock, "C", 10))
    await asyncio.sleep_ms(10)
    t.cancel()
    await asyncio.sleep_ms(10)
    lock.release()
    print("after cancel, locked", lock.locked())

    flag = asyncio.ThreadSafeFlag()
    t = asyncio.create_task(flag_waiter(flag))
    for i in range(3):
        await asyncio.sleep_ms(30)
        print("set flag", i)
        flag.set()
    await t
    flag.set()
    flag.clear()
    print("flag cleared")


asyncio.run(main())
