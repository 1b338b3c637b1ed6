@micropython.viper
def f(p: ptr8, i):
    return p[i]
