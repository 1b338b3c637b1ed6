@micropython.asm_xtensa
def f(a2):
    memw()
