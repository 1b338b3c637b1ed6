from collections import deque

d = deque(range(10), 3)
print(list(d))
d.append(10)
print(list(d))
d.appendleft(-1)
print(list(d))
d.extend([20, 21])
print(list(d))
z = deque([], 0)
z.append(1)
z.appendleft(2)
print(len(z), list(z))
one = deque([5], 1)
one.append(6)
print(list(one))
one.appendleft(7)
print(list(one))
# drain from both ends
d = deque("abcdef", 6)
out = []
while d:
    out.append(d.popleft())
    if d:
        out.append(d.pop())
print("".join(out), len(d))
