@micropython.viper
def f(p: ptr8):
    if p:
        pass
    x = None
    if x:
        pass
