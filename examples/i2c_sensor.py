# Read a TMP102-style temperature sensor over I2C.
#   mpt run --virtual-time --board-file examples/i2c_sensor.toml examples/i2c_sensor.py
from machine import I2C, Pin
import time

SENSOR = 0x48
TEMPERATURE, CONFIG = 0x00, 0x01

i2c = I2C(0, scl=Pin(5), sda=Pin(4), freq=400_000)
print("I2C devices:", [hex(address) for address in i2c.scan()])
print("config register:", i2c.readfrom_mem(SENSOR, CONFIG, 2))


def read_celsius():
    raw = i2c.readfrom_mem(SENSOR, TEMPERATURE, 2)
    value = ((raw[0] << 8) | raw[1]) >> 4   # 12 bits, left-justified
    if value & 0x800:
        value -= 1 << 12
    return value * 0.0625


for _ in range(5):
    print("temperature: %.2f C" % read_celsius())
    time.sleep(2)
