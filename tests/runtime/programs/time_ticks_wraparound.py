import time
PERIOD = 1 << 30
HALF = PERIOD // 2
top = PERIOD - 1
print(time.ticks_add(top, 1), time.ticks_add(0, -1) == top)
print(time.ticks_diff(0, top), time.ticks_diff(top, 0))
print(time.ticks_diff(5, PERIOD - 5))
print(time.ticks_add(10, HALF - 1), time.ticks_diff(time.ticks_add(10, HALF - 1), 10))
print(time.ticks_add(100, -200) == PERIOD - 100)
print(time.ticks_diff(HALF, 0), time.ticks_diff(HALF - 1, 0), time.ticks_diff(0, HALF))
for start in (0, 12345, top - 3, HALF):
    for delta in (0, 1, 1000, -1000, HALF - 1, -HALF):
        t = time.ticks_add(start, delta)
        assert 0 <= t < PERIOD
        assert time.ticks_diff(t, start) == delta, (start, delta)
print("ticks_add/diff round trips")
try:
    time.ticks_add(0, HALF)
except OverflowError as e:
    print("OverflowError", e)
try:
    time.ticks_add(0, -HALF - 1)
except OverflowError as e:
    print("OverflowError", e)
deadline = time.ticks_add(time.ticks_ms(), 50)
print(time.ticks_diff(deadline, time.ticks_ms()) > 0)
