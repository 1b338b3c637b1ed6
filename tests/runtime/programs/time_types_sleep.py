import time
print(type(time.time_ns()).__name__)
print(type(time.ticks_ms()).__name__, type(time.ticks_us()).__name__, type(time.ticks_cpu()).__name__)
t0 = time.time_ns()
time.sleep_ms(20)
t1 = time.time_ns()
print(t1 - t0 >= 10_000_000)
a = time.ticks_us()
time.sleep_us(500)
print(time.ticks_diff(time.ticks_us(), a) >= 400)
a = time.ticks_ms()
time.sleep(0.03)
print(time.ticks_diff(time.ticks_ms(), a) >= 25)
time.sleep(0)
time.sleep_ms(0)
for bad in ("1", None):
    try:
        time.sleep(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    time.sleep_ms(1.5)
except TypeError as e:
    print("TypeError", e)
print(len(time.localtime()), len(time.gmtime()))
print(abs(time.time() - time.time_ns() // 1_000_000_000) <= 1)
