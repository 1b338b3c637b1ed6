@micropython.viper
def f(a: int, b: uint) -> bool:
    return a < b
