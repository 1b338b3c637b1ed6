# Tasks left running when asyncio.run returns resume in the next run (the queue is global),
# unless new_event_loop() replaced it.
import asyncio
async def forever(name):
    i = 0
    while True:
        print(name, i)
        i += 1
        await asyncio.sleep_ms(100)
async def main(n):
    asyncio.create_task(forever("bg%d" % n))
    await asyncio.sleep_ms(250)
    print("main", n, "done")
    return n
print(asyncio.run(main(1)))
print(asyncio.run(main(2)))
asyncio.new_event_loop()
print(asyncio.run(main(3)))
async def raiser():
    raise ValueError("in task")
async def m2():
    t = asyncio.create_task(raiser())
    await asyncio.sleep(0)
    print(t.done(), type(t.data).__name__)
asyncio.run(m2())
print("end")
