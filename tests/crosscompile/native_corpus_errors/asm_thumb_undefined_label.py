@micropython.asm_thumb
def f():
    b(nowhere)
