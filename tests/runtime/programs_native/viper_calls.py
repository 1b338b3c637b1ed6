# calling viper functions: exactly their positional parameters (no keywords, no defaults),
# methods, globals, try/finally, 16-bit loads zero-extended, a CRC-32 in uint arithmetic
import micropython
import array

G = 10


class Buf:
    def __init__(self):
        self.buf = bytearray(4)

    @micropython.viper
    def fill(self, v: int):
        p = ptr8(self.buf)
        for i in range(int(len(self.buf))):
            p[i] = v
        self.n = v


@micropython.viper
def crc32(data: ptr8, n: int) -> uint:
    c = uint(0xFFFFFFFF)
    for i in range(n):
        c ^= uint(data[i])
        for _ in range(8):
            if c & 1:
                c = (c >> 1) ^ uint(0xEDB88320)
            else:
                c = c >> 1
    return c ^ uint(0xFFFFFFFF)


@micropython.viper
def set_global(x: int) -> int:
    global G
    G = x
    return int(G) + x


@micropython.viper
def two(a: int, b: int = 3) -> int:
    return a * b


@micropython.viper
def sum16(p: ptr16, n: int) -> int:
    s = 0
    try:
        for i in range(n):
            s += p[i]
    finally:
        print("finally")
    return s


@micropython.viper
def cmp(a: int, b: int) -> int:
    if a < b and b > 0:
        return 1
    elif a == b or not (a < b):
        return 2
    return 3


b = Buf()
b.fill(9)
print(b.buf, b.n)
print(hex(crc32(b"123456789", 9)))
print(set_global(4), G)
print(two(2, 5))
for args in ((2,), (1, 2, 3)):
    try:
        two(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    two(1, b=2)
except TypeError as e:
    print("TypeError", e)
print(sum16(array.array("h", [-1, 2, 3]), 3))
print(cmp(1, 2), cmp(2, 2), cmp(3, 2), cmp(-3, -2))
