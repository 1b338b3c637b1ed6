# Blink the on-board LED (a Raspberry Pi Pico is the default emulated board).
#   mpt run examples/blink.py                   # real time: about 5 seconds
#   mpt run --virtual-time --trace examples/blink.py
#   mpt run --board esp32 examples/blink.py     # GPIO2, the LED of most ESP32 dev boards
from machine import Pin
import sys
import time

LED = {"esp32": 2, "pyboard": "LED_RED"}.get(sys.platform, "LED")
led = Pin(LED, Pin.OUT)

for i in range(10):
    led.value(not led.value())   # (the pyboard's Pin has no toggle())
    print("LED", "on" if led.value() else "off")
    time.sleep(0.5)

led.off()
print("done")
