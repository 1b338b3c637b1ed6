# Sample a light sensor on ADC0 (GP26) and log the readings to a CSV file on the flash.
#   mpt run --virtual-time --board-file examples/adc_logger.toml examples/adc_logger.py
# The samples are replayed from examples/data/light.csv; the log lands in the board's
# flash folder as /light_log.csv.
from machine import ADC, Pin
import time

adc = ADC(Pin(26))

with open("/light_log.csv", "w") as log:
    log.write("ms,u16,volts\n")
    start = time.ticks_ms()
    for _ in range(12):
        value = adc.read_u16()
        elapsed = time.ticks_diff(time.ticks_ms(), start)
        volts = value * 3.3 / 65535
        log.write("%d,%d,%.3f\n" % (elapsed, value, volts))
        print("%6d ms  %5d  %.3f V" % (elapsed, value, volts))
        time.sleep_ms(500)

print("logged", len(open("/light_log.csv").readlines()) - 1, "samples")
