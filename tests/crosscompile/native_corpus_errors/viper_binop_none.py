@micropython.viper
def f(x: int) -> int:
    y = x + None
    return y
