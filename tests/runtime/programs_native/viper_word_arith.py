# viper arithmetic on machine words: wrap-around, shifts, comparisons and division, printed
# so that the output does not depend on the word size
import micropython

MASK = 0xFFFFFFFF


@micropython.viper
def add(a: int, b: int) -> int:
    return a + b


@micropython.viper
def mul(a: int, b: int) -> int:
    return a * b


@micropython.viper
def sub_u(a: uint, b: uint) -> uint:
    return a - b


@micropython.viper
def shl(a: int, n: int) -> int:
    return a << n


@micropython.viper
def sar(a: int, n: int) -> int:
    return a >> n


@micropython.viper
def shr_u(a: uint, n: int) -> uint:
    return a >> n


@micropython.viper
def divmod_int(a: int, b: int):
    return a // b, a % b


@micropython.viper
def less(a: int, b: int) -> bool:
    return a < b


@micropython.viper
def less_u(a: uint, b: uint) -> bool:
    return a < b


@micropython.viper
def neg_inv(a: int):
    return -a, ~a


@micropython.viper
def loop_sum(n: int) -> int:
    s = 0
    i = 0
    while i < n:
        s += i * i
        i += 1
    return s


print(add(1, 2), add(-5, 3))
print(hex(add(0x7FFFFFFF, 1) & MASK), hex(mul(0x10001, 0x10001) & MASK))
print(hex(mul(0x12345678, 0x9ABCDEF) & MASK))
print(hex(sub_u(0, 1) & MASK), sub_u(10, 3))
print(hex(shl(0x12345678, 8) & MASK), hex(shl(1, 31) & MASK))
print(sar(-256, 4), sar(1000, 3), shr_u(1000, 3))
print(divmod_int(7, 2), divmod_int(-7, 2), divmod_int(7, -2), divmod_int(-7, -2))
print(less(-1, 0), less(3, 2), less_u(0, 1), less_u(5, 5))
print(neg_inv(5), neg_inv(-1), neg_inv(0))
print(loop_sum(100))
print(type(add(1, 1)), type(less(1, 2)))
