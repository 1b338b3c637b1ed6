# x += x with a bytearray extends it by its own contents; a slice is not hashable, so a
# dict refuses one as a key
b = bytearray(b"ab")
b += b
print(b)


def grow(data, times):
    for _ in range(times):
        data += data
    return data


print(grow(bytearray(b"xy"), 2), grow([1], 3), grow("s", 2), grow(b"q", 1), grow(3, 2))
holder = [bytearray(b"k")]
holder[0] += holder[0]
print(holder)
m = memoryview(bytearray(b"12"))
ba = bytearray(b"-")
ba += m
print(ba)
lst = [1, 2, 3, 4]
lst[1:3] = [9]
del lst[:1]
print(lst)
d = {1: "one"}


def store():
    d[1:2] = 5


try:
    store()
except TypeError as e:
    print("TypeError", e)
print(d)


class Keys:
    def __getitem__(self, index):
        return index


s = Keys()[1:2]
try:
    hash(s)
except TypeError as e:
    print("TypeError", e)
