# wait_for / wait_for_ms: in time, timeout with cleanup in the waited coroutine, on tasks
import asyncio


async def job(name, ms):
    try:
        await asyncio.sleep_ms(ms)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
    finally:
        print(name, "cleanup")


async def main():
    print(await asyncio.wait_for(job("quick", 10), 1))
    try:
        await asyncio.wait_for(job("slow", 500), 0.05)
    except asyncio.TimeoutError as e:
        print("TimeoutError", type(e).__name__, e.args)
    try:
        await asyncio.wait_for_ms(job("slow ms", 500), 20)
    except asyncio.TimeoutError:
        print("TimeoutError ms")
    t = asyncio.create_task(job("task", 40))
    print(await asyncio.wait_for(t, 1), t.done())
    t2 = asyncio.create_task(job("task2", 400))
    try:
        await asyncio.wait_for(t2, 0.01)
    except asyncio.TimeoutError:
        print("task2 timed out", t2.done())
    try:
        await asyncio.wait_for(job("zero", 10), 0)
    except asyncio.TimeoutError:
        print("zero timeout")
    print(await asyncio.wait_for(asyncio.sleep_ms(5), None))
    print(issubclass(asyncio.TimeoutError, Exception))


asyncio.run(main())
