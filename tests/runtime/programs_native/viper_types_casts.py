# viper casts and typed arguments: int(), uint(), bool(), ptr8() of objects and of machine
# values, conversion of arguments, typed return values, None returned as a machine value
import micropython


@micropython.viper
def to_bool(x) -> bool:
    return bool(x)


@micropython.viper
def arg_bool(x: bool) -> bool:
    return x


@micropython.viper
def arg_int(x: int) -> int:
    return x + 1


@micropython.viper
def int_of_uint(x: uint) -> int:
    return int(x) // 2


@micropython.viper
def returns_none() -> int:
    return


@micropython.viper
def implicit_none() -> uint:
    pass


@micropython.viper
def obj_ops(x, y):
    return x + y, x[0], len(x)


@micropython.viper
def mixed(a: int, b: uint) -> uint:
    return uint(a) + b


@micropython.viper
def cast_chain(x) -> int:
    u = uint(x)
    return int(u) + int(True)


print(to_bool([]), to_bool([0]), to_bool(0), to_bool(5))
print(arg_bool(0), arg_bool("x"), arg_bool(None))
print(arg_int(41), arg_int(True), arg_int(-1))
print(int_of_uint(100))
print(returns_none(), implicit_none())
print(obj_ops([1, 2], [3]))
print(mixed(3, 4), cast_chain(7))
try:
    arg_int("1")
except TypeError as e:
    print("TypeError", e)
try:
    arg_int(1.5)
except TypeError as e:
    print("TypeError", e)
