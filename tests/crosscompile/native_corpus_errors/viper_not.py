@micropython.viper
def f(a: int):
    return not a
