# Task.cancel: before it runs, while sleeping, swallowed CancelledError, done tasks
import asyncio


async def sleeper(name, ms):
    try:
        await asyncio.sleep_ms(ms)
        return name + " done"
    except asyncio.CancelledError:
        print(name, "got CancelledError")
        raise


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("stubborn ignores cancel")
    return "stubborn result"


async def main():
    t = asyncio.create_task(sleeper("early", 10))
    print(t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("early cancelled before running", t.done())
    t = asyncio.create_task(sleeper("mid", 100))
    await asyncio.sleep_ms(10)
    print(t.cancel(), t.done())
    try:
        await t
    except asyncio.CancelledError as e:
        print("mid cancelled", type(e).__name__, e.args)
    t = asyncio.create_task(stubborn())
    await asyncio.sleep_ms(1)
    t.cancel()
    print(await t)
    t = asyncio.create_task(sleeper("fin", 1))
    await asyncio.sleep_ms(10)
    print(t.done(), t.cancel())
    print(await t)
    print(issubclass(asyncio.CancelledError, BaseException),
          issubclass(asyncio.CancelledError, Exception))


asyncio.run(main())
