from collections import deque
d = deque((), 4)
d.extend([1, 2]) if hasattr(d, "extend") else [d.append(x) for x in [1, 2]]
d.appendleft(0)
print(len(d), d.pop(), d.popleft(), d.pop(), len(d))
for i in range(10):
    d.append(i)
print(len(d), d.popleft(), d.popleft())
