# micropython.schedule(): each check point (a loop's backward jump) runs at most one queued
# callback, and a callback that schedules itself again waits for the next one. (MicroPython
# checks at forward jumps too; the loops here iterate over sequences, whose only jump is the
# backward one.)
import micropython

log = []


def again(n):
    log.append(n)
    if n < 4:
        micropython.schedule(again, n + 1)


def other(tag):
    log.append(tag)


micropython.schedule(again, 0)
micropython.schedule(other, "a")
micropython.schedule(other, "b")
for i in "01234567":
    log.append("i" + i)
print(log)

# a callback that keeps scheduling itself does not hold the program up
count = 0
stop = False


def forever(_):
    global count
    count += 1
    if not stop:
        micropython.schedule(forever, None)


micropython.schedule(forever, None)
for i in bytes(100):
    pass
stop = True
for i in "abc":
    pass
print(count)
