import time
print(time.ticks_diff(100, 50), time.ticks_diff(50, 100), time.ticks_add(100, -150) == time.ticks_add(0, -50))
a = time.ticks_add(0, -1)
print(time.ticks_diff(time.ticks_add(a, 2), a), time.ticks_diff(0, a))
s = time.ticks_ms()
time.sleep_ms(5)
print(time.ticks_diff(time.ticks_ms(), s) >= 0, type(time.ticks_us()).__name__, type(time.ticks_cpu()).__name__)
