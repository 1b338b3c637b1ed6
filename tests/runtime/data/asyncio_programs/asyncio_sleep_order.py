# scheduling order: sleep(0) round robin, equal deadlines in creation order, ticks
import asyncio

log = []


async def spinner(name, n):
    for i in range(n):
        log.append(name + str(i))
        await asyncio.sleep(0)


async def at(ms, name):
    await asyncio.sleep_ms(ms)
    log.append(name)


async def main():
    await asyncio.gather(spinner("a", 3), spinner("b", 2), spinner("c", 3))
    print(log)
    log.clear()
    await asyncio.gather(at(20, "x"), at(10, "y"), at(20, "z"), at(0, "w"), at(10, "v"))
    print(log)
    log.clear()
    t0 = asyncio.ticks()
    await asyncio.sleep_ms(30)
    print(asyncio.ticks_diff(asyncio.ticks(), t0) >= 30) if hasattr(asyncio, "ticks_diff") else print(True)


asyncio.run(main())
