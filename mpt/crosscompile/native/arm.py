"""The 32-bit ARM (A32) back end for -march=armv6."""

from __future__ import annotations

from mpt.crosscompile.native.asmbase import AsmBase

R0, R1, R2, R3, R4, R5, R6, R7, R8 = range(9)
SP, LR, PC = 13, 14, 15
REG_TEMP = R8

CC_EQ, CC_NE, CC_CS, CC_CC = (c << 28 for c in range(4))
CC_HI, CC_LS, CC_GE, CC_LT, CC_GT, CC_LE, CC_AL = (c << 28 for c in range(8, 15))


def _fits_s(value: int, bits: int) -> bool:
    mask = (0xFFFFFFFF << (bits - 1)) & 0xFFFFFFFF
    return (value & mask) in (0, mask)


def _s32(x: int) -> int:
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x & 0x80000000 else x


class AsmArm(AsmBase):
    word_size = 4

    REG_RET = R0
    REG_ARG_1, REG_ARG_2, REG_ARG_3, REG_ARG_4 = R0, R1, R2, R3
    REG_PARENT_RET = R0
    REG_PARENT_ARG_1, REG_PARENT_ARG_2, REG_PARENT_ARG_3, REG_PARENT_ARG_4 = R0, R1, R2, R3
    REG_TEMP0, REG_TEMP1, REG_TEMP2 = R0, R1, R2
    REG_LOCAL_1, REG_LOCAL_2, REG_LOCAL_3 = R4, R5, R6
    REG_FUN_TABLE = R7
    REG_ZERO = None
    REG_SHIFT_COUNT = None
    byte_store_needs_low_reg = False
    load_with_offset = (8, 16, 32)
    store_with_offset = (8, 16, 32)
    load_reg_reg_reg = (8, 16, 32)
    store_reg_reg_reg = (8, 16, 32)
    COMPARE_CC = (CC_CC, CC_HI, CC_EQ, CC_LS, CC_CS, CC_NE,
                  CC_LT, CC_GT, CC_EQ, CC_LE, CC_GE, CC_NE)

    def __init__(self):
        super().__init__()
        self.stack_adjust = 0
        self.push_reglist = 0

    def emit(self, op: int) -> None:
        self.write((op & 0xFFFFFFFF).to_bytes(4, "little"))

    def emit_al(self, op: int) -> None:
        self.emit(op | CC_AL)

    # ---- the generic operations the native emitter uses ----

    def entry(self, num_locals: int) -> None:
        self.stack_adjust = 0
        self.push_reglist = 0b1_1111_1110  # r1-r8
        if num_locals > 3:
            self.stack_adjust = num_locals * 4 + (4 if num_locals & 1 else 0)
        self.emit_al(0x92D0000 | ((self.push_reglist | 1 << LR) & 0xFFFF))
        if self.stack_adjust > 0:
            if self.stack_adjust < 0x100:
                self.emit_al(0x2400000 | (SP << 16) | (SP << 12) | (self.stack_adjust & 0xFF))
            else:
                self.mov_reg_imm(REG_TEMP, self.stack_adjust)
                self.emit_al(0x0400000 | (SP << 16) | (SP << 12) | REG_TEMP)

    def exit(self) -> None:
        if self.stack_adjust > 0:
            if self.stack_adjust < 0x100:
                self.emit_al(0x2800000 | (SP << 16) | (SP << 12) | (self.stack_adjust & 0xFF))
            else:
                self.mov_reg_imm(REG_TEMP, self.stack_adjust)
                self.emit_al(0x0800000 | (SP << 16) | (SP << 12) | REG_TEMP)
        self.emit_al(0x8BD0000 | ((self.push_reglist | 1 << PC) & 0xFFFF))

    def _bcc(self, cond: int, label) -> None:
        dest = self.label_dest(label)
        rel = ((dest if dest is not None else -1) - self.code_offset - 8) >> 2
        if _fits_s(rel, 24):
            self.emit(cond | 0xA000000 | (rel & 0xFFFFFF))

    def jump(self, label) -> None:
        self._bcc(CC_AL, label)

    def jump_if_reg_zero(self, reg: int, label, bool_test: bool) -> None:
        self.emit_al(0x3500000 | (reg << 16))
        self._bcc(CC_EQ, label)

    def jump_if_reg_nonzero(self, reg: int, label, bool_test: bool) -> None:
        self.emit_al(0x3500000 | (reg << 16))
        self._bcc(CC_NE, label)

    def jump_if_reg_eq(self, reg1: int, reg2: int, label) -> None:
        self.emit_al(0x1500000 | (reg1 << 16) | reg2)
        self._bcc(CC_EQ, label)

    def jump_reg(self, reg: int) -> None:
        self.emit_al(0x012FFF10 | reg)

    def call_ind(self, fun_id: int) -> None:
        self.emit_al(0x1A00000 | (LR << 12) | PC)
        self.emit_al(0x597F000 | (fun_id << 2))

    call_ind_setup = call_ind

    def mov_local_reg(self, local_num: int, reg: int) -> None:
        self.emit_al(0x58D0000 | (reg << 12) | (local_num << 2))

    def mov_reg_local(self, reg: int, local_num: int) -> None:
        self.emit_al(0x59D0000 | (reg << 12) | (local_num << 2))

    def mov_reg_local_addr(self, reg: int, local_num: int) -> None:
        if local_num >= 0x40:
            self.mov_reg_imm(REG_TEMP, local_num << 2)
            self.emit_al(0x0800000 | (SP << 16) | (reg << 12) | REG_TEMP)
        else:
            self.emit_al(0x2800000 | (SP << 16) | (reg << 12) | ((local_num << 2) & 0xFF))

    def mov_reg_imm(self, reg: int, imm: int) -> None:
        imm = _s32(imm)
        if (imm & 0xFF) == imm:
            self.emit_al(0x3A00000 | (reg << 12) | imm)
        elif -256 <= imm < 0:
            self.emit_al(0x3E00000 | (reg << 12) | (~imm & 0xFFFFFFFF))
        else:
            self.emit_al(0x59F0000 | (reg << 12))
            self.emit_al(0xA000000)
            self.emit(imm)

    def mov_reg_reg(self, dest: int, src: int) -> None:
        self.emit_al(0x1A00000 | (dest << 12) | src)

    def mov_reg_pcrel(self, reg: int, label) -> None:
        dest = self.label_dest(label)
        rel = (dest if dest is not None else -1) - self.code_offset - 20
        self.emit_al(0x59F0000 | (reg << 12))
        self.emit_al(0xA000000)
        self.emit(rel)
        self.add_rrr(reg, reg, PC)

    def add_rrr(self, rd: int, rn: int, rm: int) -> None:
        self.emit_al(0x0800000 | (rn << 16) | (rd << 12) | rm)

    def clr_reg(self, reg: int) -> None:
        self.emit_al(0x0200000 | (reg << 16) | (reg << 12) | reg)

    def not_reg(self, reg: int) -> None:
        self.emit_al(0x1E00000 | (reg << 12) | reg)

    def neg_reg(self, reg: int) -> None:
        self.emit_al(0x2600000 | (reg << 16) | (reg << 12))

    def lsl_reg_reg(self, rd: int, rs: int) -> None:
        self.emit_al(0x1A00010 | (rd << 12) | (rs << 8) | rd)

    def lsr_reg_reg(self, rd: int, rs: int) -> None:
        self.emit_al(0x1A00030 | (rd << 12) | (rs << 8) | rd)

    def asr_reg_reg(self, rd: int, rs: int) -> None:
        self.emit_al(0x1A00050 | (rd << 12) | (rs << 8) | rd)

    def or_reg_reg(self, dest: int, src: int) -> None:
        self.emit_al(0x1800000 | (dest << 16) | (dest << 12) | src)

    def xor_reg_reg(self, dest: int, src: int) -> None:
        self.emit_al(0x0200000 | (dest << 16) | (dest << 12) | src)

    def and_reg_reg(self, dest: int, src: int) -> None:
        self.emit_al(0x0000000 | (dest << 16) | (dest << 12) | src)

    def add_reg_reg(self, dest: int, src: int) -> None:
        self.add_rrr(dest, dest, src)

    def sub_reg_reg(self, dest: int, src: int) -> None:
        self.emit_al(0x0400000 | (dest << 16) | (dest << 12) | src)

    def mul_reg_reg(self, dest: int, src: int) -> None:
        self.emit_al(0x0000090 | (dest << 16) | (dest << 8) | src)

    # ---- memory ----

    def _ldr_str(self, imm_op: int, reg_op: int, rd: int, rn: int, byte_offset: int) -> None:
        if byte_offset < 0x1000:
            self.emit_al(imm_op | (rn << 16) | (rd << 12) | byte_offset)
        else:
            self.mov_reg_imm(REG_TEMP, byte_offset)
            self.emit_al(reg_op | (rn << 16) | (rd << 12) | REG_TEMP)

    def _ldrh_strh(self, imm_op: int, reg_op: int, rd: int, rn: int, byte_offset: int) -> None:
        if byte_offset < 0x100:
            self.emit_al(imm_op | (rn << 16) | (rd << 12) | ((byte_offset & 0xF0) << 4)
                         | (byte_offset & 0xF))
        else:
            self.mov_reg_imm(REG_TEMP, byte_offset)
            self.emit_al(reg_op | (rn << 16) | (rd << 12) | REG_TEMP)

    def load_reg_reg_offset(self, dest: int, base: int, word_offset: int) -> None:
        self._ldr_str(0x5900000, 0x7900000, dest, base, 4 * word_offset)

    def store_reg_reg_offset(self, src: int, base: int, word_offset: int) -> None:
        self._ldr_str(0x5800000, 0x7800000, src, base, 4 * word_offset)

    def load_sized_offset(self, bits: int, dest: int, base: int, index: int) -> None:
        if bits == 8:
            self._ldr_str(0x5D00000, 0x7D00000, dest, base, index)
        elif bits == 16:
            self._ldrh_strh(0x1D000B0, 0x19000B0, dest, base, 2 * index)
        else:
            self.load_reg_reg_offset(dest, base, index)

    def store_sized_offset(self, bits: int, src: int, base: int, index: int) -> None:
        if bits == 8:
            self._ldr_str(0x5C00000, 0x7C00000, src, base, index)
        elif bits == 16:
            self._ldrh_strh(0x1C000B0, 0x18000B0, src, base, 2 * index)
        else:
            self.store_reg_reg_offset(src, base, index)

    def load_sized_reg_reg_reg(self, bits: int, dest: int, base: int, index: int) -> None:
        if bits == 8:
            self.emit_al(0x7D00000 | (base << 16) | (dest << 12) | index)
        elif bits == 16:
            self.emit_al(0x1A00080 | (REG_TEMP << 12) | index)
            self.emit_al(0x19000B0 | (base << 16) | (dest << 12) | REG_TEMP)
        else:
            self.emit_al(0x7900100 | (base << 16) | (dest << 12) | index)

    def store_sized_reg_reg_reg(self, bits: int, src: int, base: int, index: int) -> None:
        if bits == 8:
            self.emit_al(0x7C00000 | (base << 16) | (src << 12) | index)
        elif bits == 16:
            self.emit_al(0x1A00080 | (REG_TEMP << 12) | index)
            self.emit_al(0x18000B0 | (base << 16) | (src << 12) | REG_TEMP)
        else:
            self.emit_al(0x7800100 | (base << 16) | (src << 12) | index)

    def load16_qstr(self, dest: int, base: int, index: int) -> None:
        self._ldrh_strh(0x1D000B0, 0x19000B0, dest, base, 2 * index)

    def compare_set(self, op_idx: int, dest: int, lhs: int, rhs: int) -> None:
        cond = self.COMPARE_CC[op_idx]
        self.emit_al(0x1500000 | (lhs << 16) | rhs)
        self.emit(0x3A00000 | (dest << 12) | 1 | cond)
        self.emit(0x3A00000 | (dest << 12) | 0 | (cond ^ (1 << 28)))
