@micropython.viper
def f(p: int):
    return p[0]
