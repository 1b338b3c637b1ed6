"""The Thumb back end (armv6m, and Thumb-2 for armv7m/armv7em/armv7emsp/armv7emdp).

AAPCS calling convention: arguments in r0-r3, result in r0; r4/r5 hold locals, r6 the qstr
table and r7 the native function table. armv6m lacks the 32-bit Thumb-2 encodings, so wide
branches, immediates and offsets are built from 16-bit instructions and inline literals.
"""

from __future__ import annotations

from mpt.crosscompile.native.asmbase import ScaledOffsetMemory, PASS_EMIT, AsmBase, AsmNotImplemented

R0, R1, R2, R3, R4, R5, R6, R7 = range(8)
R15 = 15
SP = 13

CC_EQ, CC_NE, CC_CS, CC_CC, CC_MI, CC_PL, CC_VS, CC_VC = range(8)
CC_HI, CC_LS, CC_GE, CC_LT, CC_GT, CC_LE = range(8, 14)

OP_ITE = {CC_EQ: 0xBF0C, CC_NE: 0xBF14, CC_CS: 0xBF2C, CC_CC: 0xBF34, CC_HI: 0xBF8C,
          CC_LS: 0xBF94, CC_GE: 0xBFAC, CC_LT: 0xBFB4, CC_GT: 0xBFCC, CC_LE: 0xBFD4}
OP_NOP = 0xBF00
OP_MOVW = 0xF240
OP_MOVT = 0xF2C0

FORMAT_4 = {"and": 0x4000, "eor": 0x4040, "lsl": 0x4080, "lsr": 0x40C0, "asr": 0x4100,
            "neg": 0x4240, "cmp": 0x4280, "orr": 0x4300, "mul": 0x4340, "mvn": 0x43C0}
_LDR_STR_TABLE = (0x0E, 0x10, 0x0C)  # byte, halfword, word


def _fits_s(x: int, bits: int) -> bool:
    """MicroPython's SIGNED_FITn on the low 32 bits of x."""
    mask = (0xFFFFFFFF << (bits - 1)) & 0xFFFFFFFF
    return (x & mask) in (0, mask)


def _s32(x: int) -> int:
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x & 0x80000000 else x


class AsmThumb(ScaledOffsetMemory, AsmBase):
    word_size = 4

    REG_RET = R0
    REG_ARG_1 = R0
    REG_ARG_2 = R1
    REG_ARG_3 = R2
    REG_ARG_4 = R3
    REG_PARENT_RET = R0
    REG_PARENT_ARG_1 = R0
    REG_PARENT_ARG_2 = R1
    REG_PARENT_ARG_3 = R2
    REG_PARENT_ARG_4 = R3
    REG_TEMP0 = R0
    REG_TEMP1 = R1
    REG_TEMP2 = R2
    REG_LOCAL_1 = R4
    REG_LOCAL_2 = R5
    REG_LOCAL_3 = R6
    REG_FUN_TABLE = R7
    REG_ZERO = None
    REG_SHIFT_COUNT = None
    byte_store_needs_low_reg = False
    load_with_offset = (8, 16, 32)
    store_with_offset = (8, 16, 32)
    load_reg_reg_reg = (8, 16, 32)
    store_reg_reg_reg = (8, 16, 32)

    def __init__(self, armv7m: bool, arch_name: str):
        super().__init__()
        self.armv7m = armv7m
        self.arch_name = arch_name
        self.push_reglist = 0
        self.stack_adjust = 0

    # ---- raw encoders ----

    def op16(self, op: int) -> None:
        self.write((op & 0xFFFF).to_bytes(2, "little"))

    def op32(self, op1: int, op2: int) -> None:
        self.write((op1 & 0xFFFF).to_bytes(2, "little") + (op2 & 0xFFFF).to_bytes(2, "little"))

    def format_4(self, op: str, rlo_dest: int, rlo_src: int) -> None:
        self.op16(FORMAT_4[op] | (rlo_src << 3) | rlo_dest)

    def mov_rlo_i8(self, rlo: int, i8: int) -> None:
        self.op16(0x2000 | (rlo << 8) | (i8 & 0xFF))

    def cmp_rlo_i8(self, rlo: int, i8: int) -> None:
        self.op16(0x2800 | (rlo << 8) | (i8 & 0xFF))

    def add_rlo_i8(self, rlo: int, i8: int) -> None:
        self.op16(0x3000 | (rlo << 8) | (i8 & 0xFF))

    def ldr_rlo_pcrel_i8(self, rlo: int, i8: int) -> None:
        self.op16(0x4800 | (rlo << 8) | (i8 & 0xFF))

    def lsl_rlo_rlo_i5(self, rlo_dest: int, rlo_src: int, shift: int) -> None:
        self.op16(((shift & 0x1F) << 6) | (rlo_src << 3) | rlo_dest)

    def add_rlo_rlo_rlo(self, dest: int, a: int, b: int) -> None:
        self.op16(0x1800 | (b << 6) | (a << 3) | dest)

    def sub_rlo_rlo_rlo(self, dest: int, a: int, b: int) -> None:
        self.op16(0x1A00 | (b << 6) | (a << 3) | dest)

    def sxth_rlo_rlo(self, dest: int, src: int) -> None:
        self.op16(0xB200 | (src << 3) | dest)

    def add_reg_reg_hi(self, r_dest: int, r_src: int) -> None:
        self.op16(0x4400 | ((r_dest << 4) & 0x80) | (r_src << 3) | (r_dest & 7))

    def bx_reg(self, r_src: int) -> None:
        self.op16(0x4700 | (r_src << 3))

    def mov_reg_reg(self, dest: int, src: int) -> None:
        op_lo = (src << 3) if src < 8 else 0x40 | ((src - 8) << 3)
        op_lo |= dest if dest < 8 else 0x80 | (dest - 8)
        self.op16(0x4600 | op_lo)

    def mov_reg_i16(self, mov_op: int, reg: int, i16: int) -> None:
        self.op32(mov_op | ((i16 >> 1) & 0x0400) | ((i16 >> 12) & 0xF),
                  (((i16 & 0xFFFF) << 4) & 0x7000) | (reg << 8) | (i16 & 0xFF))

    def mov_rlo_i16(self, rlo: int, i16: int) -> None:
        self.mov_rlo_i8(rlo, (i16 >> 8) & 0xFF)
        self.lsl_rlo_rlo_i5(rlo, rlo, 8)
        self.add_rlo_i8(rlo, i16 & 0xFF)

    def _rel(self, label) -> tuple[int | None, int]:
        dest = self.label_dest(label)
        rel = (dest if dest is not None else -1) - self.code_offset - 4
        return dest, rel

    def mov_reg_i32(self, reg: int, i32: int) -> None:
        i32 &= 0xFFFFFFFF
        if self.armv7m:
            self.mov_reg_i16(OP_MOVW, reg, i32 & 0xFFFF)
            self.mov_reg_i16(OP_MOVT, reg, i32 >> 16)
        else:
            if self.code_offset & 2:
                self.op16(OP_NOP)
            self.ldr_rlo_pcrel_i8(reg, 0)
            self.op16(0xE000 | ((2 >> 1) & 0x7FF))
            self.op16(i32 & 0xFFFF)
            self.op16(i32 >> 16)

    def mov_reg_i32_optimised(self, reg: int, i32: int) -> None:
        i32 = _s32(i32)
        if reg < 8 and (i32 & 0xFFFFFF00) == 0:
            self.mov_rlo_i8(reg, i32)
        elif self.armv7m:
            if (i32 & 0xFFFF0000) == 0:
                self.mov_reg_i16(OP_MOVW, reg, i32)
            else:
                self.mov_reg_i32(reg, i32)
        else:
            negate = i32 < 0 and ((i32 + i32) & 0xFFFFFFFF) != 0
            if negate:
                i32 = -i32
            u = i32 & 0xFFFFFFFF
            clz = 32 - u.bit_length()
            ctz = (u & -u).bit_length() - 1 if u else 0
            if clz + ctz >= 24:
                self.mov_rlo_i8(reg, (u >> ctz) & 0xFF)
                self.lsl_rlo_rlo_i5(reg, reg, ctz)
            elif (u & 0xFFFF0000) == 0:
                self.mov_rlo_i16(reg, u)
            else:
                if negate:
                    negate = False
                    i32 = -i32
                self.mov_reg_i32(reg, i32)
            if negate:
                self.format_4("neg", reg, reg)

    def _add_reg_reg_offset(self, reg_dest: int, reg_base: int, offset: int, shift: int) -> None:
        offset &= 0xFFFFFFFF
        if (offset << shift) & 0xFFFFFFFF < 256:
            if reg_dest != reg_base:
                self.mov_reg_reg(reg_dest, reg_base)
            self.add_rlo_i8(reg_dest, offset << shift)
        elif offset < 256 and reg_dest != reg_base:
            self.mov_rlo_i8(reg_dest, offset)
            self.lsl_rlo_rlo_i5(reg_dest, reg_dest, shift)
            self.add_rlo_rlo_rlo(reg_dest, reg_dest, reg_base)
        elif reg_dest != reg_base:
            self.mov_reg_i32_optimised(reg_dest, offset << shift)
            self.add_rlo_rlo_rlo(reg_dest, reg_dest, reg_base)
        else:
            other = reg_dest ^ 7
            self.op16(0xB400 | (1 << other))
            self.mov_reg_i32_optimised(other, offset << shift)
            self.add_rlo_rlo_rlo(reg_dest, reg_dest, other)
            self.op16(0xBC00 | (1 << other))

    def load_scaled(self, reg_dest: int, reg_base: int, offset: int, size: int) -> None:
        if offset < 32 and reg_dest < 8 and reg_base < 8:
            self.op16(((_LDR_STR_TABLE[size] | 1) << 11) | (offset << 6) | (reg_base << 3)
                      | reg_dest)
        elif self.armv7m and (offset << size) < 4096:
            self.op32(0xF880 | (size << 5) | reg_base | 0x10, (reg_dest << 12) | (offset << size))
        else:
            self._add_reg_reg_offset(reg_dest, reg_base, offset - 31, size)
            self.op16(((_LDR_STR_TABLE[size] | 1) << 11) | (31 << 6) | (reg_dest << 3) | reg_dest)

    def store_scaled(self, reg_src: int, reg_base: int, offset: int, size: int) -> None:
        if offset < 32 and reg_src < 8 and reg_base < 8:
            self.op16((_LDR_STR_TABLE[size] << 11) | (offset << 6) | (reg_base << 3) | reg_src)
        elif self.armv7m and (offset << size) < 4096:
            self.op32(0xF880 | (size << 5) | reg_base, (reg_src << 12) | (offset << size))
        else:
            self.op16(0xB400 | (1 << reg_base))
            self._add_reg_reg_offset(reg_base, reg_base, offset - 31, size)
            self.op16((_LDR_STR_TABLE[size] << 11) | (31 << 6) | (reg_base << 3) | reg_src)
            self.op16(0xBC00 | (1 << reg_base))

    def b_label(self, label) -> None:
        dest, rel = self._rel(label)
        if dest is not None and rel <= -4 and _fits_s(rel, 12):
            self.op16(0xE000 | ((rel >> 1) & 0x7FF))
            return
        if self.armv7m:
            self.op32(0xF000 | ((rel >> 12) & 0x7FF), 0xB800 | ((rel >> 1) & 0x7FF))
            return
        need_align = bool(self.code_offset & 2)
        if _fits_s(rel, 12):
            self.op16(0xE000 | ((rel >> 1) & 0x7FF))
            for _ in range(3 + need_align):
                self.op16(OP_NOP)
        else:
            rel -= 2
            if need_align:
                self.op16(OP_NOP)
                rel -= 2
            self.ldr_rlo_pcrel_i8(R1, 0)
            self.add_reg_reg_hi(R15, R1)
            self.op16(rel & 0xFFFF)
            self.op16((rel >> 16) & 0xFFFF)

    def bcc_label(self, cond: int, label) -> None:
        dest, rel = self._rel(label)
        if dest is not None and rel <= -4 and _fits_s(rel, 9):
            self.op16(0xD000 | (cond << 8) | ((rel >> 1) & 0xFF))
            return
        if self.armv7m:
            self.op32(0xF000 | (cond << 6) | ((rel >> 10) & 0x0400) | ((rel >> 12) & 0x3F),
                      0x8000 | ((rel >> 5) & 0x2000) | ((rel >> 8) & 0x0800)
                      | ((rel >> 1) & 0x7FF))
            return
        # inverted narrow branch over an unconditional (possibly long) one
        start = self.code_offset
        pos = len(self.code)
        self.op16(0)
        self.b_label(label)
        skip = self.code_offset - start
        if self.pass_ == PASS_EMIT and not self.suppress:
            op = 0xD000 | ((cond ^ 1) << 8) | (((skip - 4) >> 1) & 0xFF)
            self.code[pos:pos + 2] = op.to_bytes(2, "little")

    # ---- the generic operations the native emitter uses ----

    def entry(self, num_locals: int) -> None:
        if self.arch_name == "armv6":
            self.op32(0x4010, 0xE92D)
            self.op32(0xE009, 0xE28F)
            self.op32(0xFF3E, 0xE12F)
            self.op32(0x4010, 0xE8BD)
            self.op32(0xFF1E, 0xE12F)
        if num_locals <= 1:
            reglist, stack_adjust = 0xF2, 0
        elif num_locals <= 3:
            reglist, stack_adjust = 0xFE, 0
        else:
            reglist, stack_adjust = 0xFE, ((num_locals - 3) + 1) & ~1
        self.op16(0xB400 | 0x0100 | reglist)
        if stack_adjust > 0:
            if self.armv7m:
                if stack_adjust < 128:
                    self.op16(0xB080 | stack_adjust)
                else:
                    imm = stack_adjust * 4
                    self.op32(0xF2A0 | SP, ((imm << 4) & 0x7000) | (SP << 8) | (imm & 0xFF))
            else:
                adj = stack_adjust
                while adj >= 128:
                    self.op16(0xB080 | 127)
                    adj -= 127
                self.op16(0xB080 | adj)
        self.push_reglist = reglist
        self.stack_adjust = stack_adjust

    def exit(self) -> None:
        if self.stack_adjust > 0:
            if self.armv7m:
                if self.stack_adjust < 128:
                    self.op16(0xB000 | self.stack_adjust)
                else:
                    imm = self.stack_adjust * 4
                    self.op32(0xF200 | SP, ((imm << 4) & 0x7000) | (SP << 8) | (imm & 0xFF))
            else:
                adj = self.stack_adjust
                while adj >= 128:
                    self.op16(0xB000 | 127)
                    adj -= 127
                self.op16(0xB000 | adj)
        self.op16(0xBC00 | 0x0100 | self.push_reglist)

    def jump(self, label) -> None:
        self.b_label(label)

    def jump_if_reg_zero(self, reg: int, label, bool_test: bool) -> None:
        self.cmp_rlo_i8(reg, 0)
        self.bcc_label(CC_EQ, label)

    def jump_if_reg_nonzero(self, reg: int, label, bool_test: bool) -> None:
        self.cmp_rlo_i8(reg, 0)
        self.bcc_label(CC_NE, label)

    def jump_if_reg_eq(self, reg1: int, reg2: int, label) -> None:
        self.format_4("cmp", reg1, reg2)
        self.bcc_label(CC_EQ, label)

    def jump_reg(self, reg: int) -> None:
        self.bx_reg(reg)

    def _bl_ind(self, fun_id: int, reg_temp: int) -> None:
        self.load_scaled(reg_temp, R7, fun_id, 2)
        self.op16(0x4780 | (reg_temp << 3))

    def call_ind(self, fun_id: int) -> None:
        self._bl_ind(fun_id, R3)

    def call_ind_setup(self, fun_id: int) -> None:
        self._bl_ind(fun_id, R4)

    def _check_local(self, word_offset: int) -> None:
        if self.pass_ == PASS_EMIT and not 0 <= word_offset < 256:
            raise AsmNotImplemented("too many locals for native method")

    def mov_local_reg(self, local_num: int, reg: int) -> None:
        self._check_local(local_num)
        self.op16(0x9000 | (reg << 8) | (local_num & 0xFF))

    def mov_reg_local(self, reg: int, local_num: int) -> None:
        self._check_local(local_num)
        self.op16(0x9800 | (reg << 8) | (local_num & 0xFF))

    def mov_reg_local_addr(self, reg: int, local_num: int) -> None:
        self.op16(0xA800 | (reg << 8) | (local_num & 0xFF))

    def mov_reg_imm(self, reg: int, imm: int) -> None:
        self.mov_reg_i32_optimised(reg, imm)

    def mov_reg_pcrel(self, reg: int, label) -> None:
        dest = self.label_dest(label)
        rel = ((dest if dest is not None else -1) - self.code_offset) | 1
        if self.armv7m:
            rel -= 6 + 4
            self.mov_reg_i16(OP_MOVW, reg, rel & 0xFFFF)
            self.sxth_rlo_rlo(reg, reg)
        else:
            rel -= 8 + 4
            self.mov_rlo_i16(reg, rel & 0xFFFF)
            self.sxth_rlo_rlo(reg, reg)
        self.add_reg_reg_hi(reg, R15)

    def clr_reg(self, reg: int) -> None:
        self.mov_rlo_i8(reg, 0)

    def not_reg(self, reg: int) -> None:
        self.format_4("mvn", reg, reg)

    def neg_reg(self, reg: int) -> None:
        self.format_4("neg", reg, reg)

    def lsl_reg_reg(self, dest: int, shift: int) -> None:
        self.format_4("lsl", dest, shift)

    def lsr_reg_reg(self, dest: int, shift: int) -> None:
        self.format_4("lsr", dest, shift)

    def asr_reg_reg(self, dest: int, shift: int) -> None:
        self.format_4("asr", dest, shift)

    def or_reg_reg(self, dest: int, src: int) -> None:
        self.format_4("orr", dest, src)

    def xor_reg_reg(self, dest: int, src: int) -> None:
        self.format_4("eor", dest, src)

    def and_reg_reg(self, dest: int, src: int) -> None:
        self.format_4("and", dest, src)

    def add_reg_reg(self, dest: int, src: int) -> None:
        self.add_rlo_rlo_rlo(dest, dest, src)

    def sub_reg_reg(self, dest: int, src: int) -> None:
        self.sub_rlo_rlo_rlo(dest, dest, src)

    def mul_reg_reg(self, dest: int, src: int) -> None:
        self.format_4("mul", dest, src)

    def load_sized_reg_reg_reg(self, bits: int, dest: int, base: int, index: int) -> None:
        if bits == 8:
            self.op16(0x5C00 | (index << 6) | (base << 3) | dest)
        else:
            self.lsl_rlo_rlo_i5(self.REG_TEMP2, index, 1 if bits == 16 else 2)
            op = 0x5A00 if bits == 16 else 0x5800
            self.op16(op | (self.REG_TEMP2 << 6) | (base << 3) | dest)

    def store_sized_reg_reg_reg(self, bits: int, src: int, base: int, index: int) -> None:
        if bits == 8:
            self.op16(0x5400 | (index << 6) | (base << 3) | src)
        else:
            self.op16(0xB400 | (1 << index))
            self.lsl_rlo_rlo_i5(index, index, 1 if bits == 16 else 2)
            op = 0x5200 if bits == 16 else 0x5000
            self.op16(op | (index << 6) | (base << 3) | src)
            self.op16(0xBC00 | (1 << index))

    def load16_qstr(self, dest: int, base: int, index: int) -> None:
        self.load_scaled(dest, base, index, 1)

    # viper comparisons: < > == <= >= != (unsigned, then signed)
    COMPARE_CC = (CC_CC, CC_HI, CC_EQ, CC_LS, CC_CS, CC_NE,
                  CC_LT, CC_GT, CC_EQ, CC_LE, CC_GE, CC_NE)

    def compare_set(self, op_idx: int, dest: int, lhs: int, rhs: int) -> None:
        self.format_4("cmp", lhs, rhs)
        cc = self.COMPARE_CC[op_idx]
        if self.armv7m:
            self.op16(OP_ITE[cc])
            self.mov_rlo_i8(dest, 1)
            self.mov_rlo_i8(dest, 0)
        else:
            self.op16(0xD000 | (cc << 8) | (((6 - 4) >> 1) & 0xFF))
            self.mov_rlo_i8(dest, 0)
            self.op16(0xE000 | (((4 - 4) >> 1) & 0x7FF))
            self.mov_rlo_i8(dest, 1)
