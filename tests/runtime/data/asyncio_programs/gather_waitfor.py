# gather (results, return_exceptions, failures, cancellation) and wait_for / wait_for_ms.
import asyncio


async def value_after(v, ms):
    await asyncio.sleep_ms(ms)
    return v


async def fail_after(msg, ms):
    await asyncio.sleep_ms(ms)
    raise ValueError(msg)


async def slow(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    print(await asyncio.gather(value_after(1, 100), value_after(2, 50), value_after(3, 0)))
    print(await asyncio.gather())
    r = await asyncio.gather(value_after("ok", 50), fail_after("bad", 100),
                             return_exceptions=True)
    print(r[0], type(r[1]).__name__, r[1])
    try:
        await asyncio.gather(value_after(1, 50), fail_after("first", 100), fail_after("second", 200))
    except ValueError as e:
        print("gather raised", e)
    await asyncio.sleep_ms(300)
    # a task that is already finished
    t = asyncio.create_task(value_after(5, 0))
    await asyncio.sleep_ms(50)
    print("finished task", await asyncio.gather(t))

    print(await asyncio.wait_for(value_after("in time", 50), 1))
    print(await asyncio.wait_for_ms(value_after("in time ms", 50), 500))
    print(await asyncio.wait_for(value_after("no timeout", 10), None))
    try:
        await asyncio.wait_for(slow("waited"), 0.1)
    except asyncio.TimeoutError:
        print("TimeoutError")
    try:
        await asyncio.wait_for_ms(fail_after("inner", 50), 500)
    except ValueError as e:
        print("wait_for raised", e)

    # cancelling a gather cancels what it gathers
    g = asyncio.create_task(asyncio.gather(slow("g1"), slow("g2")))
    await asyncio.sleep_ms(50)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled")
    return "end"


print(asyncio.run(main()))
