# collections.deque as MicroPython 1.29 has it: fixed maxlen, optional overflow check
from collections import deque
d = deque((), 2)
d.append(1); d.append(2); d.append(3)
print(list(d), len(d))
d.appendleft(0)
print(list(d))
print(d.pop(), d.popleft(), len(d))
try:
    d.pop()
except IndexError as e:
    print("IndexError", e)
try:
    d.popleft()
except IndexError as e:
    print("IndexError", e)
d2 = deque((), 2, 1)
d2.append(1); d2.append(2)
try:
    d2.append(3)
except IndexError as e:
    print("IndexError", repr(e))
try:
    d2.appendleft(3)
except IndexError as e:
    print("IndexError", repr(e))
print(d2, bool(d2), bool(deque((), 3)))
d3 = deque([1, 2, 3], 5)
d3.extend([4, 5, 6])
print(list(d3), d3[0], d3[-1])
try:
    print(d3[10])
except IndexError as e:
    print("IndexError", e)
try:
    deque()
except TypeError as e:
    print("TypeError", e)
print(type(d3), 4 in d3)
d4 = deque((), 3, 1)
d4.extend((1, 2))
try:
    d4.extend((3, 4))
except IndexError as e:
    print("IndexError", e)
print(list(d4))
try:
    deque((), -1)
except ValueError as e:
    print("ValueError", repr(e))
d0 = deque((), 0)
d0.append(1)
print(len(d0))
