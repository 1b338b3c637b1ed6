import micropython
@micropython.bogus
def f():
    pass
