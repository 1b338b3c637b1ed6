calls = []
class Box:
    def __init__(self):
        self.v = 1
def get_box(b):
    calls.append("box")
    return b
def key():
    calls.append("key")
    return "k"
b = Box()
get_box(b).v += 10
print(b.v, calls)
calls.clear()
d = {"k": [1]}
d[key()] += [2]
print(d, calls)
calls.clear()
lst = [1, 2, 3]
def idx():
    calls.append("idx")
    return 1
lst[idx()] *= 5
print(lst, calls)
s = "ab"
s += "cd"
s *= 2
print(s)
n = 10
n -= 3
n //= 2
n **= 3
n %= 5
n <<= 2
n >>= 1
n &= 6
n |= 1
n ^= 8
print(n)
f = 1.5
f *= 2
f /= 4
print(f)
t = (1,)
t *= 3
print(t)
