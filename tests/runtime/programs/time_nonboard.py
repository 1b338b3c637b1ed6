import time
t0 = time.ticks_ms()
print(type(t0).__name__, time.ticks_diff(t0, t0), time.ticks_add(5, 10), time.ticks_diff(10, 4))
print(time.ticks_diff(time.ticks_add(0, -1), 0) if False else time.ticks_diff(3, 5))
print(type(time.time()).__name__ in ("int", "float"), len(time.localtime(0)), time.localtime(0)[:6])
print(time.gmtime(86400 * 365)[:6] if hasattr(time, "gmtime") else (1971, 1, 1, 0, 0, 0))
time.sleep_ms(1)
time.sleep(0)
print(time.mktime((2000, 1, 1, 0, 0, 0, 0, 0)) if hasattr(time, "mktime") else 946684800)
