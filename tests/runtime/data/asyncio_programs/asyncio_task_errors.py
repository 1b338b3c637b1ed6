# exceptions in tasks: awaited ones propagate, unawaited ones reach the loop's handler
import asyncio


async def boom(msg):
    await asyncio.sleep_ms(1)
    raise ValueError(msg)


async def main():
    t = asyncio.create_task(boom("awaited"))
    try:
        await t
    except ValueError as e:
        print("caught", e, t.done())
    try:
        await t
    except ValueError as e:
        print("again", e)
    loop = asyncio.get_event_loop()
    seen = []

    def handler(loop, context):
        seen.append((type(context["exception"]).__name__, str(context["exception"])))
        print("handler", sorted(context.keys()))

    loop.set_exception_handler(handler)
    asyncio.create_task(boom("ignored"))
    await asyncio.sleep_ms(20)
    print(seen)
    loop.set_exception_handler(None)
    print(loop.get_exception_handler())


asyncio.run(main())
