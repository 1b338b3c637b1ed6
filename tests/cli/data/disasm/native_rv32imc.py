import micropython


@micropython.native
def add(a, b):
    return a + b


@micropython.viper
def double(x: int) -> int:
    return x * 2


def plain():
    return add(1, 2)
