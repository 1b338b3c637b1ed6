# Count button presses with a pin interrupt.
#   mpt run --virtual-time --board-file examples/button_irq.toml examples/button_irq.py
# The board file presses the button (GP14, pulled up, active low) three times.
from machine import Pin
import time

presses = 0


def on_press(pin):
    global presses
    presses += 1
    print("press", presses, "at", time.ticks_ms(), "ms")


led = Pin("LED", Pin.OUT)
button = Pin(14, Pin.IN, Pin.PULL_UP)
button.irq(on_press, Pin.IRQ_FALLING)

start = time.ticks_ms()
while presses < 3 and time.ticks_diff(time.ticks_ms(), start) < 10_000:
    led.value(not button.value())
    time.sleep_ms(10)

print("saw", presses, "presses")
