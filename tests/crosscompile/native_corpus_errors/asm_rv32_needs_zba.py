@micropython.asm_rv32
def f(a0):
    sh1add(a0, a0, a1)
