@micropython.asm_xtensa
def f(a2):
    nop()
    label(x)
    l32r(a2, x)
