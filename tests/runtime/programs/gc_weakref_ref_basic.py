import weakref

for value in (None, True, Ellipsis, 5, "", (), b""):
    try:
        weakref.ref(value)
        print("ok", value)
    except TypeError as e:
        print(repr(value), "TypeError", e)


class Node:
    def __init__(self, name):
        self.name = name


n = Node("a")
r = weakref.ref(n)
print(r() is n, r().name)
r2 = weakref.ref(n, lambda ref: print("cb"))
print(r2() is n, r is r2)
print(type(r).__name__, callable(r))
big = [1, 2, 3]
rl = weakref.ref(big)
print(rl())
try:
    weakref.ref()
except TypeError:
    print("TypeError no args")
