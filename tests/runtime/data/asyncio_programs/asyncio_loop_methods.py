# event loop API: new_event_loop, run_until_complete, run_forever/stop, current_task
import asyncio


async def named(n):
    await asyncio.sleep_ms(n)
    print("current is a Task:", type(asyncio.current_task()).__name__)
    return n * 2


loop = asyncio.new_event_loop()
print(loop.run_until_complete(named(5)))
t = loop.create_task(named(3))
print(loop.run_until_complete(t), t.done())


async def stopper():
    await asyncio.sleep_ms(10)
    print("stopping")
    loop.stop()

loop.create_task(stopper())
loop.run_forever()
print("after run_forever")
print(asyncio.get_event_loop() is loop)
print(asyncio.run(named(1)))
loop.close()
print("closed")
