@micropython.asm_thumb
def f(r1):
    nop()
