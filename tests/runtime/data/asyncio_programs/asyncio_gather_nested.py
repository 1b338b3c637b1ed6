# gather with return_exceptions, nested gathers, cancelled members
import asyncio


async def ok(v, ms):
    await asyncio.sleep_ms(ms)
    return v


async def bad(exc, ms):
    await asyncio.sleep_ms(ms)
    raise exc


async def main():
    r = await asyncio.gather(ok(1, 30), bad(KeyError("k"), 10), bad(OSError(5), 20),
                             return_exceptions=True)
    print([type(x).__name__ for x in r], r[0], repr(r[1]), r[2].args)
    inner = asyncio.gather(ok("a", 10), ok("b", 5))
    outer = await asyncio.gather(inner, ok("c", 1))
    print(outer)
    t = asyncio.create_task(ok("t", 100))
    g = asyncio.gather(t, ok("u", 10), return_exceptions=True)
    await asyncio.sleep_ms(20)
    t.cancel()
    res = await g
    print(res[1], type(res[0]).__name__)
    try:
        await asyncio.gather(ok(1, 10), bad(ValueError("v"), 5))
    except ValueError as e:
        print("raised", repr(e))
    print(await asyncio.gather(*[ok(i * i, 10 - i) for i in range(5)]))


asyncio.run(main())
