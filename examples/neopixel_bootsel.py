# A NeoPixel strip that changes colour each time the BOOTSEL button is pressed.
#   mpt run --virtual-time --trace --board-file examples/neopixel_bootsel.toml examples/neopixel_bootsel.py
# The board file presses BOOTSEL twice; --trace shows the bytes each write() sends.
import neopixel
import rp2
import time
from machine import Pin

COLOURS = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]

strip = neopixel.NeoPixel(Pin(16), 4)
colour = 0
strip.fill(COLOURS[colour])
strip.write()
was_pressed = False
for _ in range(30):               # watch the button for three seconds
    pressed = rp2.bootsel_button()
    if pressed and not was_pressed:
        colour = (colour + 1) % len(COLOURS)
        strip.fill(COLOURS[colour])
        strip.write()
        print("pressed at", time.ticks_ms(), "ms: colour", strip[0])
    was_pressed = pressed
    time.sleep_ms(100)
print("done")
