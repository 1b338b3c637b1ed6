import micropython
@micropython.viper
def f(x: int) -> int:
    return x
