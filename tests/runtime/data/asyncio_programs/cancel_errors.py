# Cancellation, exceptions from tasks, the exception handler and its default report.
import asyncio


async def sleeper(name, secs):
    print(name, "sleeps")
    try:
        await asyncio.sleep(secs)
        print(name, "woke")
    except asyncio.CancelledError:
        print(name, "got CancelledError")
        raise
    finally:
        print(name, "finally")


async def ignores_cancel():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("swallowed the cancel")
    return "kept going"


async def waits_for(t):
    print("waiting for other task")
    return await t


async def self_cancel():
    try:
        asyncio.current_task().cancel()
    except RuntimeError as e:
        print("RuntimeError:", e)


async def boom():
    await asyncio.sleep_ms(10)
    raise OSError(5)


async def main():
    t = asyncio.create_task(sleeper("s1", 5))
    await asyncio.sleep_ms(50)
    print("cancel ->", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting cancelled task raised CancelledError")
    print("cancel again ->", t.cancel(), t.done())

    t = asyncio.create_task(ignores_cancel())
    await asyncio.sleep_ms(10)
    t.cancel()
    print(await t)

    inner = asyncio.create_task(sleeper("inner", 5))
    outer = asyncio.create_task(waits_for(inner))
    await asyncio.sleep_ms(20)
    outer.cancel()  # forwarded to the task it waits on
    await asyncio.sleep_ms(20)
    print("inner done", inner.done(), "outer done", outer.done())

    await self_cancel()

    # not awaited: reported by the exception handler
    def handler(loop, context):
        print("handler:", context["message"], type(context["exception"]).__name__,
              context["exception"], context["future"] is t2)
    loop = asyncio.get_event_loop()
    loop.set_exception_handler(handler)
    t2 = asyncio.create_task(boom())
    await asyncio.sleep_ms(100)
    loop.set_exception_handler(None)

    # an exception collected before the handler runs is not reported
    t3 = asyncio.create_task(boom())
    await asyncio.sleep_ms(50)
    try:
        await t3
    except OSError as e:
        print("collected", e)

    # the default handler prints to stderr
    asyncio.create_task(boom())
    await asyncio.sleep_ms(100)
    print("main ends")


asyncio.run(main())


async def fails():
    await asyncio.sleep_ms(1)
    raise KeyError("from main task")


try:
    asyncio.run(fails())
except KeyError as e:
    print("run raised KeyError", e)
asyncio.run(fails())
