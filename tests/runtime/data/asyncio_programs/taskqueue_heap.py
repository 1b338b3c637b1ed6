# The built-in _asyncio.TaskQueue: a pairing heap by ph_key; order of equal keys, removal.
from _asyncio import Task, TaskQueue


def coro():
    yield


seed = 12345


def rand(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    return (seed >> 8) % n


q = TaskQueue()
print(q.peek())
tasks = []
queued = []
out = []
for step in range(3000):
    op = rand(10)
    if op < 5 or not queued:
        t = Task(coro())
        tasks.append(t)
        q.push(t, rand(8))
        queued.append(t)
    elif op < 8:
        t = q.pop()
        queued.remove(t)
        out.append(tasks.index(t))
    else:
        t = queued[rand(len(queued))]
        q.remove(t)
        queued.remove(t)
        out.append(-1 - tasks.index(t))
    if step % 500 == 0:
        print(step, len(queued), q.peek() is not None and tasks.index(q.peek()))
while q.peek():
    out.append(tasks.index(q.pop()))
print(len(out), out[:40])
print(sum(i * v for i, v in enumerate(out)))
t = Task(coro())
print(t.ph_key, t.data, t.state, t.done())
q.push(t, 5)
print(t.ph_key)
q.remove(t)
q.remove(t)  # not queued: no effect
print(q.peek())
print(t, q)
try:
    t.name = "x"
except AttributeError as e:
    print("AttributeError:", e)
