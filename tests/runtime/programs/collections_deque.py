from collections import deque
d = deque((), 5)
for i in range(7):
    d.append(i)
print(len(d), d.popleft(), d.pop(), len(d))
d.appendleft(-1)
print(d.popleft(), bool(d), bool(deque((), 2)))
try:
    deque((), 2).pop()
except IndexError as e:
    print("IndexError")
