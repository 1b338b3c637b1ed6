# @micropython.asm_xtensa: instructions, constants, labels and branches (Xtensa archs)
import micropython


@micropython.asm_xtensa
def arith(a2, a3) -> uint:
    movi(a4, 0x12345678)
    movi(a5, 1000)
    movi_n(a6, -5)
    label(loop)
    add(a2, a2, a3)
    addi(a3, a3, -1)
    bnez(a3, loop)
    beq(a2, a3, loop)
    bbsi(a2, 3, loop)
    slli(a2, a2, 3)
    srai(a2, a2, 2)
    srli(a2, a2, 1)
    addmi(a2, a2, 512)
    addi_n(a2, a2, 0)
    l32i_n(a2, a3, 8)
    s32i(a2, a3, 4)
    l16ui(a2, a3, 6)
    mull(a2, a2, a4)
    ssai(4)
    j(end)
    nop()
    label(end)


@micropython.asm_xtensa
def nothing():
    pass


print(arith(1, 2), nothing())
