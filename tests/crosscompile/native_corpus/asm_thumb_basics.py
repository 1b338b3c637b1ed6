# @micropython.asm_thumb: instructions, labels, branches, data and alignment (Thumb archs)
import micropython


@micropython.asm_thumb
def arith(r0, r1, r2) -> int:
    add(r0, r0, r1)
    sub(r0, r0, 3)
    mov(r3, 200)
    cmp(r0, r3)
    lsl(r0, r0, 2)
    asr(r1, r0, 1)
    eor(r0, r1)
    mul(r0, r2)
    mvn(r2, r0)
    and_(r0, r2)
    ldr(r1, [r0, 4])
    strb(r1, [r0, 31])
    ldrh(r2, [r1, 62])
    push({r4, r5, lr})
    pop({r4, r5, pc})


@micropython.asm_thumb
def loop(r0) -> uint:
    mov(r1, 0)
    label(top)
    add(r1, r1, r0)
    sub(r0, 1)
    bne(top)
    beq(done)
    b(top)
    label(done)
    bl(fn)
    mov(r0, r1)
    bx(lr)
    label(fn)
    nop()
    align(4)
    data(2, 0x1234, 5)
    data(4, 0x12345678)
    bx(lr)


@micropython.asm_thumb
def nothing():
    pass


print(arith(1, 2, 3), loop(10), nothing())
