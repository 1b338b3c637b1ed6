@micropython.viper
def f(a: int, b: int):
    a / b


@micropython.viper
def g(a: int, b: int):
    a @ b
