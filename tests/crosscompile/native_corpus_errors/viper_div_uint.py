@micropython.viper
def f(a: uint, b: uint) -> int:
    return a // b
