@micropython.asm_thumb
def f():
    label(a)
    label(a)
