import micropython

log = []


def good(arg):
    log.append(("good", arg))


def bad(arg):
    raise ValueError("from scheduled", arg)


class Handler:
    def __init__(self):
        self.count = 0

    def cb(self, arg):
        self.count += arg


h = Handler()
micropython.schedule(h.cb, 5)
micropython.schedule(good, [1, 2])
for _ in range(3):
    pass
print(h.count, log)
micropython.schedule(print, "printed by schedule")
micropython.schedule(lambda a: log.append(a * 2), 21)
micropython.schedule(good, "after")
for _ in range(3):
    pass
print(log)
