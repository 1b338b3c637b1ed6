import time
print(time.ticks_add(0, -1), time.ticks_add(1073741823, 1), time.ticks_diff(5, 1073741820), time.ticks_diff(0, 536870912))
try:
    time.ticks_add(0, 536870912)
except OverflowError as e:
    print("OverflowError", e)
for t in [(2000, 1, 1, 0, 0, 0, 0, 0), (2024, 2, 29, 12, 30, 45, 0, 0), (2023, 13, 1, 0, 0, 0, 0, 0), (2023, 1, 32, 0, 0, 0, 0, 0), (1970, 1, 1, 0, 0, 0, 0, 0), (2038, 1, 19, 3, 14, 8, 0, 0), (2023, 3, 1, 25, 61, 61, 0, 0)]:
    print(time.mktime(t))
for s in [0, 86400 * 365, 951782400, 1700000000, 2147483647, 4102444800]:
    print(time.gmtime(s), time.localtime(s))
try:
    time.mktime((2000, 1, 1))
except Exception as e:
    print(type(e).__name__, e)
import time
try:
    time.sleep_ms(1.5)
except Exception as e:
    print(type(e).__name__, e)
try:
    time.sleep("1")
except Exception as e:
    print(type(e).__name__, e)
time.sleep_ms(True)
try:
    time.ticks_diff(1.0, 2)
except Exception as e:
    print(type(e).__name__, e)
print(time.ticks_add(5, True))
