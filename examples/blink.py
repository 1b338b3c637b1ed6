# Blink the on-board LED of a Raspberry Pi Pico (the default emulated board).
#   mpt run examples/blink.py                   # real time: about 5 seconds
#   mpt run --virtual-time --trace examples/blink.py
from machine import Pin
import time

led = Pin("LED", Pin.OUT)

for i in range(10):
    led.toggle()
    print("LED", "on" if led.value() else "off")
    time.sleep(0.5)

led.off()
print("done")
