# Tasks: creation order, sleeping, results, done(), current_task, awaiting a task twice.
import asyncio


async def worker(name, delay, steps):
    for i in range(steps):
        print(name, "step", i)
        await asyncio.sleep_ms(delay)
    return name + " finished"


async def quick(n):
    print("quick", n)
    return n * n


async def main():
    print("main starts")
    t1 = asyncio.create_task(worker("a", 100, 3))
    t2 = asyncio.create_task(worker("b", 150, 2))
    print("created, done:", t1.done(), t2.done())
    await asyncio.sleep(0)
    print("after one yield")
    print(await t1)
    print(await t2)
    print("done:", t1.done(), t2.done())
    print("again:", await t1)
    print("data:", type(t1.data).__name__, t1.data.value, t1.state)
    pending = asyncio.create_task(quick(9))
    print("pending data:", pending.data, pending.state)
    await pending
    # tasks created together run in creation order
    ts = [asyncio.create_task(quick(i)) for i in range(5)]
    for t in ts:
        print("result", await t)
    print(asyncio.current_task() is not None, type(asyncio.current_task()).__name__)
    print(isinstance(t1, asyncio.Task))
    return 42


print("run returned", asyncio.run(main()))
try:
    asyncio.current_task()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    asyncio.create_task(42)
except TypeError as e:
    print("TypeError:", e)
print(asyncio.run(quick(7)))
