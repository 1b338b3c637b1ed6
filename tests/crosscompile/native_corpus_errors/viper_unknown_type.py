@micropython.viper
def f(x: foo):
    pass
