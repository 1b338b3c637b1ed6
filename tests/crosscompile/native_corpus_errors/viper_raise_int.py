@micropython.viper
def f(a: int):
    raise a
