@micropython.asm_thumb
def f():
    mov(r0, 256)
