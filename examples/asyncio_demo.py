# Two tasks at once with asyncio: blink the LED while watching a button.
#   mpt run --virtual-time --board-file examples/button_irq.toml examples/asyncio_demo.py
# (the same board file as button_irq.py: GP14 is pressed three times)
import asyncio
import sys
from machine import Pin

LED = {"esp32": 2, "pyboard": "LED_RED"}.get(sys.platform, "LED")


async def blink(led, period_ms):
    while True:
        led.value(not led.value())
        await asyncio.sleep_ms(period_ms)


async def count_presses(button, wanted):
    presses = 0
    was_down = False
    while presses < wanted:
        down = button.value() == 0
        if down and not was_down:
            presses += 1
            print("press", presses)
        was_down = down
        await asyncio.sleep_ms(10)
    return presses


async def main():
    led = Pin(LED, Pin.OUT)
    button = Pin(14, Pin.IN, Pin.PULL_UP)
    blinker = asyncio.create_task(blink(led, 250))
    try:
        presses = await asyncio.wait_for(count_presses(button, 3), 10)
        print("saw", presses, "presses")
    except asyncio.TimeoutError:
        print("no presses within 10 s")
    blinker.cancel()
    led.off()


asyncio.run(main())
