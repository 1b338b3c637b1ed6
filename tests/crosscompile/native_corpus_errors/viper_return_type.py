@micropython.viper
def f(x: int) -> int:
    return x


@micropython.viper
def g(x) -> int:
    return x
