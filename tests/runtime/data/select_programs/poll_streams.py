# select.poll over user-defined streams (io.IOBase with ioctl), and select.select.
import io
import select


class Pipe(io.IOBase):
    def __init__(self, name):
        self.name = name
        self.readable = False
        self.writable = True
        self.polls = 0

    def ioctl(self, req, arg):
        if req == 3:  # the poll request
            self.polls += 1
            ready = 0
            if arg & select.POLLIN and self.readable:
                ready |= select.POLLIN
            if arg & select.POLLOUT and self.writable:
                ready |= select.POLLOUT
            return ready
        return -1

    def __repr__(self):
        return "<Pipe %s>" % self.name


print(select.POLLIN, select.POLLOUT, select.POLLERR, select.POLLHUP)
a = Pipe("a")
b = Pipe("b")
p = select.poll()
p.register(a, select.POLLIN)
p.register(b)
print(sorted(repr(x) for x in p.poll(0)))
b.writable = False
print(p.poll(0))
a.readable = True
print(p.poll(10))
p.modify(a, select.POLLOUT)
print(sorted((repr(o), ev) for o, ev in p.poll(0)))
p.modify(a, select.POLLIN | select.POLLOUT)
print(sorted((repr(o), ev) for o, ev in p.poll(0)))
p.unregister(a)
print(p.poll(0))
p.unregister(a)  # not registered: no error
try:
    p.modify(a, select.POLLIN)
except OSError as e:
    print("modify:", e.errno)
b.readable = b.writable = True
p.register(b, select.POLLIN)  # registering again changes the mask
print([(repr(o), ev) for o, ev in p.ipoll(0)])
# one-shot: a reported object is not polled again until modify()
print([(repr(o), ev) for o, ev in p.ipoll(0, 1)])
print([(repr(o), ev) for o, ev in p.ipoll(0, 1)])
p.modify(b, select.POLLIN)
print([(repr(o), ev) for o, ev in p.ipoll(0)])
for o, ev in p.ipoll(0):
    print("ipoll item", type(o).__name__, ev)

# a timeout with nothing ready returns an empty result
idle = Pipe("idle")
idle.writable = False
q = select.poll()
q.register(idle, select.POLLIN)
print(q.poll(30), list(q.ipoll(20)))

# ioctl errors
class Broken(io.IOBase):
    def ioctl(self, req, arg):
        return -1

q.register(Broken())
try:
    q.poll(0)
except OSError as e:
    print("OSError", e.errno)

try:
    select.poll().register(1.5)
except Exception as e:
    print(type(e).__name__, e)
try:
    select.poll().register(object())
except Exception as e:
    print(type(e).__name__, e)
try:
    p.poll(1.5)
except TypeError as e:
    print("TypeError", e)

r, w, x = select.select([a, idle], [a, idle], [], 0)
print(r, w, x)
print(select.select([idle], [], [], 0.02))
