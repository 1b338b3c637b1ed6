@micropython.viper
def f(x: 1):
    pass
