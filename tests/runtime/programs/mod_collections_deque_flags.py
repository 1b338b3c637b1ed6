from collections import deque

d = deque((), 2, 1)
d.append(1)
d.append(2)
for op in (lambda: d.append(3), lambda: d.appendleft(0)):
    try:
        op()
    except IndexError as e:
        print("IndexError", e, len(d), list(d))
print(d.popleft(), d.pop())
for op in (d.pop, d.popleft):
    try:
        op()
    except IndexError as e:
        print("IndexError", e)
# overflow check also applies while filling from the iterable
try:
    deque([1, 2, 3], 2, True)
except IndexError as e:
    print("IndexError at construction:", e)
# flag value 0 keeps the dropping behaviour
d = deque([1, 2, 3], 2, 0)
print(list(d))
# only bit 0 counts
d = deque([1, 2, 3], 2, 2)
print(list(d))
