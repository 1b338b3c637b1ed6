@micropython.viper
def f(a: int):
    return a ** 2
