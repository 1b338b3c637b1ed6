@micropython.asm_thumb
def f(r0):
    add(r0, r9, 1)
