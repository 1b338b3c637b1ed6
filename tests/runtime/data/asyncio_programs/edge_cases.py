# Less common paths: cancelling tasks blocked on events, locks and streams; wait_for
# cancelled from outside; awaiting one task from two places; gather restrictions.
import asyncio
import io


class Silent(io.IOBase):
    def ioctl(self, req, flags):
        return 0

    def read(self, n=-1):
        return None


async def waits_event(ev, name):
    try:
        await ev.wait()
        print(name, "woken")
    except asyncio.CancelledError:
        print(name, "cancelled while waiting")


async def waits_stream(s):
    try:
        await asyncio.StreamReader(s).read(10)
    except asyncio.CancelledError:
        print("stream reader cancelled")


async def value(v, ms):
    await asyncio.sleep_ms(ms)
    return v


async def wrapped_wait_for():
    try:
        await asyncio.wait_for(value("x", 1000), 5)
    except asyncio.CancelledError:
        print("wait_for cancelled from outside")
        raise


async def await_it(t, name):
    print(name, "got", await t)


async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waits_event(ev, n)) for n in ("e1", "e2", "e3")]
    await asyncio.sleep_ms(10)
    ts[1].cancel()
    await asyncio.sleep_ms(10)
    ev.set()
    await asyncio.sleep_ms(10)

    t = asyncio.create_task(waits_stream(Silent()))
    await asyncio.sleep_ms(10)
    t.cancel()
    await asyncio.sleep_ms(10)
    print("stream task done", t.done())

    t = asyncio.create_task(wrapped_wait_for())
    await asyncio.sleep_ms(50)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer saw CancelledError")

    t = asyncio.create_task(value("shared", 50))
    print(await asyncio.wait_for(t, 1))
    t = asyncio.create_task(value("twice", 50))
    a = asyncio.create_task(await_it(t, "first"))
    await asyncio.sleep_ms(10)
    try:
        await t
    except RuntimeError as e:
        print("RuntimeError:", e)
    await a

    t = asyncio.create_task(value(1, 50))
    waiter = asyncio.create_task(await_it(t, "w"))
    await asyncio.sleep_ms(10)
    try:
        await asyncio.gather(t)
    except RuntimeError as e:
        print("RuntimeError:", e)
    await waiter

    r = await asyncio.gather(value(1, 10), asyncio.wait_for(value(2, 500), 0.05),
                             return_exceptions=True)
    print(r[0], type(r[1]).__name__)

    await asyncio.sleep(-1)
    await asyncio.sleep_ms(-10)
    await asyncio.sleep(0.0123)
    print("negative and fractional sleeps ok")

    async def nested():
        inner = asyncio.create_task(value("inner", 10))
        return await inner
    print(await nested())
    print("end")


asyncio.run(main())
