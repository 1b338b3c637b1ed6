# asyncio on the emulated board: a blinking LED, a sensor sampled every second, a button
# watched through a pin interrupt, and commands read from a UART, all as concurrent tasks.
#
#   mpt run examples/asyncio_sensors.py                    (about 5 s of real time)
#   mpt run --virtual-time --board-file examples/asyncio_sensors.toml examples/asyncio_sensors.py
#
# The board file feeds a varying light level to the ADC, presses the button twice and
# sends two commands on UART 1; without it the sensor reads 0 and nothing else happens.
import asyncio
import time
from machine import ADC, UART, Pin

RUN_SECONDS = 5
led = Pin("LED", Pin.OUT)
sensor = ADC(Pin(26))
button = Pin(14, Pin.IN, Pin.PULL_UP)
uart = UART(1, 9600)
start = time.ticks_ms()


def stamp():
    return "[%5.2f s]" % (time.ticks_diff(time.ticks_ms(), start) / 1000)


async def blink(period_ms):
    while True:
        led.toggle()
        await asyncio.sleep_ms(period_ms // 2)


async def sample(readings):
    while True:
        value = sensor.read_u16()
        readings.append(value)
        print(stamp(), "light", value)
        await asyncio.sleep(1)


async def watch_button(pressed):
    flag = asyncio.ThreadSafeFlag()
    button.irq(lambda pin: flag.set(), Pin.IRQ_FALLING)
    while True:
        await flag.wait()
        pressed.append(time.ticks_ms())
        print(stamp(), "button pressed")


async def serve_commands(readings):
    reader = asyncio.StreamReader(uart)
    writer = asyncio.StreamWriter(uart)
    while True:
        line = (await reader.readline()).strip()
        print(stamp(), "command", line)
        if line == b"avg":
            avg = sum(readings) // len(readings) if readings else 0
            writer.write(b"avg=%d\n" % avg)
        else:
            writer.write(b"unknown\n")
        await writer.drain()


async def main():
    readings, pressed = [], []
    tasks = [asyncio.create_task(blink(500)), asyncio.create_task(sample(readings)),
             asyncio.create_task(watch_button(pressed)),
             asyncio.create_task(serve_commands(readings))]
    await asyncio.sleep(RUN_SECONDS)
    for t in tasks:
        t.cancel()
    await asyncio.sleep_ms(0)
    led.off()
    print(stamp(), "done: %d samples, %d presses" % (len(readings), len(pressed)))


asyncio.run(main())
