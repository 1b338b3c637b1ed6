@micropython.asm_xtensa
def f(a2):
    addmi(a2, a2, 300)
