# @micropython.viper functions compiled to .mpy: native ints and pointers into buffers
import array
import micropython


@micropython.viper
def sum8(buf: ptr8, n: int) -> int:
    s = 0
    for i in range(n):
        s += buf[i]
    return s


@micropython.viper
def fill16(buf: ptr16, n: int, v: int):
    for i in range(n):
        buf[i] = v + i


@micropython.viper
def scale32(buf: ptr32, n: int, k: int):
    i = 0
    while i < n:
        buf[i] = buf[i] * k
        i += 1


@micropython.viper
def bits(x: int, y: uint) -> int:
    return (x << 4) ^ int(y >> 2) | (x & 0xF0)


@micropython.viper
def compare(a: int, b: int) -> bool:
    return a < b


@micropython.viper
def objects(x, n: int):
    lst = []
    for i in range(n):
        lst.append(x)
        lst.append(i)
    return lst


@micropython.viper
def no_args() -> int:
    return 42


data = bytearray(range(1, 33))
print(sum8(data, 32), sum8(b"\x01\x02\xff", 3))
h = array.array("H", [0] * 6)
fill16(h, 6, 1000)
print(h)
w = array.array("i", [1, -2, 3, -4])
scale32(w, 4, 3)
print(w)
print(bits(0x12, 0x100), compare(3, 4), compare(4, 3))
print(objects("ab", 3))
print(no_args())
try:
    no_args(1)
except TypeError as e:
    print("TypeError", e)
try:
    sum8(data)
except TypeError as e:
    print("TypeError", e)
