from collections import deque

d = deque((1, 2, 3), 5)
print(list(d), len(d), bool(d), bool(deque((), 2)))
print(d[0], d[1], d[-1], d[-3])
d[1] = 9
print(list(d))
d.append(4)
d.appendleft(0)
print(list(d), len(d))
print(d.pop(), d.popleft(), list(d))
d.extend("ab")
print(list(d))
print([x * 2 for x in d])
print(9 in d, 7 in d)
total = 0
for v in deque(range(5), 10):
    total += v
print(total)
print(type(d).__name__, repr(d))
print(d == deque((1, 9, 3), 5), d is d)
print(sorted(deque([3, 1, 2], 3)))
print(tuple(deque("xyz", 3)))
