# The event-loop interface: get_event_loop, run_until_complete, run_forever/stop, new_event_loop.
import asyncio
import uasyncio


async def count(name, n, ev=None):
    for i in range(n):
        print(name, i)
        if i == 3 and ev:
            ev.set()
        await asyncio.sleep_ms(20)
    return name


async def stopper(loop, ev):
    await ev.wait()
    print("stopping loop")
    loop.stop()


loop = asyncio.get_event_loop()
print(loop is asyncio.get_event_loop(), loop is asyncio.Loop)
print(loop.run_until_complete(count("ruc", 2)))
t = loop.create_task(count("task", 2))
print(loop.run_until_complete(t))

ev = asyncio.Event()
loop.create_task(count("forever", 20, ev))
loop.create_task(stopper(loop, ev))
loop.run_forever()
print("run_forever returned")

loop2 = asyncio.new_event_loop()
print(loop2 is loop)
print(asyncio.run(count("fresh", 1)))
loop.close()

print(uasyncio.sleep is asyncio.sleep, uasyncio.run is asyncio.run)
print(uasyncio.CancelledError is asyncio.CancelledError)
print(issubclass(asyncio.CancelledError, BaseException), issubclass(asyncio.CancelledError, Exception))
print(issubclass(asyncio.TimeoutError, Exception))
print(asyncio.__version__ if hasattr(asyncio, "__version__") else None)

# calling the exception handler directly, with the default handler and a custom one
t = loop.create_task(count("ctx", 0))
loop.run_until_complete(t)
ctx = {"message": "custom message", "exception": ValueError("never raised"), "future": t}
loop.call_exception_handler(ctx)
loop.set_exception_handler(lambda lp, c: print("handled:", c["message"], lp is loop))
print(loop.get_exception_handler() is not None)
loop.call_exception_handler(ctx)
loop.set_exception_handler(None)
print(loop.get_exception_handler())
