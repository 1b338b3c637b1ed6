# viper pointers: loads and stores of 8, 16 and 32 bits into buffers, pointer arithmetic,
# addresses passed around as ints, read-only buffers
import micropython
import array


@micropython.viper
def fill8(p: ptr8, n: int, v: int):
    for i in range(n):
        p[i] = v + i


@micropython.viper
def sum8(p: ptr8, n: int) -> int:
    s = 0
    for i in range(n):
        s += p[i]
    return s


@micropython.viper
def get16(p: ptr16, i: int) -> int:
    return p[i]


@micropython.viper
def set16(p: ptr16, i: int, v: int):
    p[i] = v


@micropython.viper
def get32(p: ptr32, i: int) -> uint:
    return uint(p[i])


@micropython.viper
def set32(p: ptr32, i: int, v: uint):
    p[i] = v


@micropython.viper
def addr(x: ptr) -> ptr:
    return x


@micropython.viper
def store_const(p: ptr8):
    p[0] = 0x1FF
    p[1] = True


b = bytearray(8)
fill8(b, 8, 250)
print(b)
print(sum8(b, 8), sum8(b"\x01\x02\x03", 3))
set16(b, 1, 0xABCD)
print(b, hex(get16(b, 1)), hex(get16(b, 0)))
set32(b, 1, 0xDEADBEEF)
print(b, hex(get32(b, 1)))
a = array.array("H", [1, 2, 3, 4])
print(get16(a, 2), sum8(a, 8))
a32 = array.array("I", [0x01020304, 0xFFFFFFFF])
print(hex(get32(a32, 0)), hex(get32(a32, 1)))
p = addr(b)
print(type(p) is int, addr(p) == p)
fill8(p + 4, 4, 0)
print(b)
store_const(b)
print(b[0], b[1])
