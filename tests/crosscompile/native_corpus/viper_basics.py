# @micropython.viper: native ints, uints, bools, pointers, casts and conversions
import micropython


@micropython.viper
def arith(a: int, b: int) -> int:
    c = a + b * 2 - (a // 3) + (b % 5)
    c = (c << 2) | (c >> 1) & 0xFF ^ 7
    c += 1
    c -= 2
    c *= 3
    c //= 4
    c %= 5
    c <<= 1
    c >>= 1
    c &= 0xFFFF
    c |= 1
    c ^= 3
    return -c + ~c + (+c)


@micropython.viper
def unsigned(a: uint, b: uint) -> uint:
    x = a >> b
    y = uint(3)
    return x + y * a if a < b else a - b


@micropython.viper
def compare(a: int, b: int) -> bool:
    return a < b or a <= b and a == b or a != b and a > b or a >= b


@micropython.viper
def compare_u(a: uint, b: uint) -> bool:
    return (a < b) and (a > b) or (a <= b) or (a >= b) or a == b or a != b


@micropython.viper
def pointers(buf, n: int) -> int:
    p8 = ptr8(buf)
    p16 = ptr16(buf)
    p32 = ptr32(buf)
    total = 0
    for i in range(n):
        total += p8[i] + p16[i] + p32[i]
        p8[i] = i
        p16[i] = total
        p32[i] = p8[i]
    p8[0] = 1
    p16[1] = 2
    p32[2] = 3
    p8[200] = p8[300]
    p16[200] = p16[300]
    p32[200] = p32[300]
    x = ptr(buf)
    return total + p8[0] + p16[0] + p32[0] + int(x)


@micropython.viper
def objects(x, y: object) -> object:
    n = int(x)
    b = bool(n)
    o = len(x)
    lst = [n, b, 1]
    lst[n] = n
    lst[0] = lst[1]
    x.attr = n
    return (n, b, o, lst, y, None, True, x[n])


@micropython.viper
def no_return_type(a: int):
    b = a + 1
    print(b)


@micropython.viper
def returns_none() -> int:
    return None


@micropython.viper
def branches(n: int) -> int:
    i = 0
    while i < n:
        if i == 5:
            break
        i += 1
    if n:
        i = 1
    if not n:
        i = 2
    return i


@micropython.viper
def four_args(a: int, b: int, c: int, d: int) -> int:
    return a + b + c + d


@micropython.viper
def three_args(a, b, c) -> int:
    return int(a) + int(b) + int(c)


@micropython.viper
def with_try(x) -> int:
    try:
        y = int(x)
    except ValueError:
        y = 0
    return y


@micropython.viper
def globals_and_calls(x: int) -> int:
    global counter
    counter = x
    f = arith(x, x)
    return int(f) + int(len([1, 2]))


counter = 0
print(arith(1, 2), unsigned(5, 1), pointers(bytearray(2000), 3), objects([1, 2], None))
