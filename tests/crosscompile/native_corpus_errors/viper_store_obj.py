@micropython.viper
def f(p: ptr8, x):
    p[0] = x
