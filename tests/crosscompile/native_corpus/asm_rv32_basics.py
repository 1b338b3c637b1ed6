# @micropython.asm_rv32: base, compressed and pseudo instructions, loads/stores, labels
import micropython


@micropython.asm_rv32
def arith(a0, a1) -> uint:
    li(a2, 0x12345678)
    li(a3, -5)
    label(loop)
    add(a0, a0, a1)
    addi(a1, a1, -1)
    bne(a1, zero, loop)
    c_bnez(a1, loop)
    slli(a0, a0, 3)
    srai(a0, a0, 2)
    c_addi(a0, 4)
    c_li(a4, -3)
    c_mv(a5, a0)
    lw(a2, 8(a1))
    sw(a2, -4(a1))
    c_lw(a2, 4(a1))
    lui(a3, 0x12345)
    mul(a0, a0, a2)
    la(a4, loop)
    jal(ra, done)
    c_j(done)
    label(done)


@micropython.asm_rv32
def nothing():
    pass


print(arith(1, 2), nothing())
