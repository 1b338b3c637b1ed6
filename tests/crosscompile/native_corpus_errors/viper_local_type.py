@micropython.viper
def f(x: int):
    x = 1
    x = None
