# The order tasks run in: round robin on sleep(0), wake-up by deadline, cancelled sleepers.
import asyncio

log = []


async def spinner(name, n):
    for i in range(n):
        log.append("%s%d" % (name, i))
        await asyncio.sleep(0)


async def sleeper(name, ms):
    try:
        await asyncio.sleep_ms(ms)
        log.append(name)
    except asyncio.CancelledError:
        log.append(name + "!")


async def main():
    await asyncio.gather(spinner("a", 3), spinner("b", 2), spinner("c", 4))
    print(" ".join(log))
    del log[:]

    delays = [700, 300, 1000, 100, 500, 900, 200, 800, 400, 600]
    ts = [asyncio.create_task(sleeper("s%d" % i, d)) for i, d in enumerate(delays)]
    await asyncio.sleep_ms(10)
    for i in (2, 3, 7, 0):
        ts[i].cancel()
    await asyncio.sleep_ms(1100)
    print(" ".join(log))
    del log[:]

    # many tasks due at the same moment run in the order they went to sleep
    ts = [asyncio.create_task(sleeper("t%d" % i, 50)) for i in range(12)]
    await asyncio.gather(*ts)
    print(" ".join(log))


asyncio.run(main())
