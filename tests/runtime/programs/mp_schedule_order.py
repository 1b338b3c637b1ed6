import micropython
events = []


def cb(arg):
    events.append(arg)


micropython.schedule(cb, 1)
micropython.schedule(cb, 2)
for i in range(10):
    pass
print(events)
count = 0
try:
    for i in range(10):
        micropython.schedule(cb, "x%d" % i)
        count += 1
except RuntimeError as e:
    print("RuntimeError", e, count)
for i in range(10):
    pass
print(events)


def nested(arg):
    events.append(("nested", arg))
    micropython.schedule(cb, "inner")


events.clear()
micropython.schedule(nested, 0)
for i in range(10):
    pass
for i in range(10):
    pass
print(events)
try:
    micropython.schedule(cb)
except TypeError:
    print("TypeError")
