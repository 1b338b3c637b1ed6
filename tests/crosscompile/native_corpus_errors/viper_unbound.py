@micropython.viper
def f():
    return y


@micropython.viper
def g():
    z = z + 1
