from collections import deque

# a bounded work queue, the way MicroPython code usually uses deque
q = deque((), 4)
log = []
for i in range(10):
    q.append(i)
    if i % 3 == 2:
        log.append(q.popleft())
print(log, list(q), len(q))
stack = deque((), 8, 1)
for ch in "([{}])":
    if ch in "([{":
        stack.append(ch)
    else:
        print(ch, stack.pop())
print(len(stack), bool(stack))
window = deque((), 3)
sums = []
for v in (1, 2, 3, 4, 5, 6):
    window.append(v)
    sums.append(sum(window))
print(sums)
d = deque(range(5), 5)
d[0], d[4] = d[4], d[0]
print(list(d), d[2], [d[i] for i in range(-1, -6, -1)])
