@micropython.asm_thumb
def f():
    frob(r0)
