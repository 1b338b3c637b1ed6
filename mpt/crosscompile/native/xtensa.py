"""The Xtensa back ends: call0 ABI (-march=xtensa, ESP8266) and windowed ABI (xtensawin, ESP32).

Constants that do not fit an immediate are loaded with l32r from a table placed at the start
of the function (jumped over); its size is known from the previous pass.
"""

from __future__ import annotations

from mpt.crosscompile.native.asmbase import ScaledOffsetMemory, PASS_EMIT, AsmBase, AsmError

A0, A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15 = range(16)

CCZ_EQ, CCZ_NE = 0, 1
CC_EQ, CC_LT, CC_LTU, CC_NE, CC_GE, CC_GEU = 1, 2, 3, 9, 10, 11


def _rrr(op0, op1, op2, r, s, t):
    return (op2 << 20) | (op1 << 16) | (r << 12) | (s << 8) | (t << 4) | op0


def _rri8(op0, r, s, t, imm8):
    return (imm8 << 16) | (r << 12) | (s << 8) | (t << 4) | op0


def _fits_s(x: int, bits: int) -> bool:
    mask = (0xFFFFFFFF << (bits - 1)) & 0xFFFFFFFF
    return (x & mask) in (0, mask)


class AsmXtensa(ScaledOffsetMemory, AsmBase):
    word_size = 4
    REG_ZERO = None
    REG_SHIFT_COUNT = None
    byte_store_needs_low_reg = False
    load_with_offset = (8, 16, 32)
    store_with_offset = (8, 16, 32)
    load_reg_reg_reg = (8, 16, 32)
    store_reg_reg_reg = (8, 16, 32)

    def __init__(self, windowed: bool):
        super().__init__()
        self.windowed = windowed
        if windowed:
            self.REG_PARENT_RET = self.REG_PARENT_ARG_1 = A2
            self.REG_PARENT_ARG_2, self.REG_PARENT_ARG_3, self.REG_PARENT_ARG_4 = A3, A4, A5
            self.REG_RET = self.REG_ARG_1 = self.REG_TEMP0 = A10
            self.REG_ARG_2 = self.REG_TEMP1 = A11
            self.REG_ARG_3 = self.REG_TEMP2 = A12
            self.REG_ARG_4 = A13
            self.REG_LOCAL_1, self.REG_LOCAL_2, self.REG_LOCAL_3 = A4, A5, A6
            self.REG_FUN_TABLE = A7
            self.num_regs_saved = 1
            self.reg_temp = A12
        else:
            self.REG_RET = self.REG_ARG_1 = self.REG_TEMP0 = A2
            self.REG_ARG_2 = self.REG_TEMP1 = A3
            self.REG_ARG_3 = self.REG_TEMP2 = A4
            self.REG_ARG_4 = A5
            self.REG_PARENT_RET, self.REG_PARENT_ARG_1 = A2, A2
            self.REG_PARENT_ARG_2, self.REG_PARENT_ARG_3, self.REG_PARENT_ARG_4 = A3, A4, A5
            self.REG_LOCAL_1, self.REG_LOCAL_2, self.REG_LOCAL_3 = A12, A13, A14
            self.REG_FUN_TABLE = A15
            self.num_regs_saved = 5
            self.reg_temp = A6
        self.cur_const = 0
        self.num_const = 0
        self.const_table_pos = None  # offset of the constant table in this pass's code
        self.stack_adjust = 0

    def start_pass(self, pass_: int) -> None:
        super().start_pass(pass_)
        self.const_table_pos = None

    def end_pass(self) -> None:
        self.num_const = self.cur_const
        self.cur_const = 0

    # ---- raw encoders ----

    def op16(self, op: int) -> None:
        self.write((op & 0xFFFF).to_bytes(2, "little"))

    def op24(self, op: int) -> None:
        self.write((op & 0xFFFFFF).to_bytes(3, "little"))

    def _skip(self, n: int) -> None:
        self.write(bytes(n))

    def op_j(self, rel18: int) -> None:
        self.op24(((rel18 & 0x3FFFF) << 6) | 6)

    def op_addi(self, dest: int, src: int, imm8: int) -> None:
        self.op24(_rri8(2, 12, src, dest, imm8 & 0xFF))

    def op_movi(self, dest: int, imm12: int) -> None:
        self.op24(_rri8(2, 10, (imm12 >> 8) & 0xF, dest, imm12 & 0xFF))

    def op_movi_n(self, dest: int, imm7: int) -> None:
        self.op16(((imm7 & 0xF) << 12) | (dest << 8) | (imm7 & 0x70) | 12)

    def op_mov_n(self, dest: int, src: int) -> None:
        self.op16((0 << 12) | (src << 8) | (dest << 4) | 13)

    def op_add_n(self, dest: int, a: int, b: int) -> None:
        self.op16((dest << 12) | (a << 8) | (b << 4) | 10)

    def op_sub(self, dest: int, a: int, b: int) -> None:
        self.op24(_rrr(0, 0, 12, dest, a, b))

    def op_l32i_n(self, dest: int, base: int, word_offset: int) -> None:
        self.op16(((word_offset & 0xF) << 12) | (base << 8) | (dest << 4) | 8)

    def op_s32i_n(self, src: int, base: int, word_offset: int) -> None:
        self.op16(((word_offset & 0xF) << 12) | (base << 8) | (src << 4) | 9)

    def op_l32i(self, dest: int, base: int, word_offset: int) -> None:
        self.op24(_rri8(2, 2, base, dest, word_offset & 0xFF))

    def op_s32i(self, src: int, base: int, word_offset: int) -> None:
        self.op24(_rri8(2, 6, base, src, word_offset & 0xFF))

    def op_bccz(self, cond: int, reg: int, rel12: int) -> None:
        self.op24(((rel12 & 0xFFF) << 12) | (reg << 8) | (cond << 6) | (1 << 4) | 6)

    def op_bcc(self, cond: int, reg1: int, reg2: int, rel8: int) -> None:
        self.op24(_rri8(7, cond, reg1, reg2, rel8 & 0xFF))

    def op_call0(self, rel18: int) -> None:
        self.op24(((rel18 & 0x3FFFF) << 6) | 5)

    def _callx(self, reg: int, n: int) -> None:
        self.op24((reg << 8) | (3 << 6) | (n << 4))

    def op_l32r(self, dest: int, op_off: int, dest_off: int) -> None:
        rel = ((dest_off - ((op_off + 3) & ~3)) & 0xFFFFFFFF) >> 2
        self.op24(((rel & 0xFFFF) << 8) | (dest << 4) | 1)

    # ---- immediates and memory ----

    def mov_reg_i32(self, dest: int, i32: int) -> None:
        table = self.const_table_pos if self.const_table_pos is not None else 0
        loc = table + self.cur_const * 4
        self.op_l32r(dest, self.code_offset, loc)
        if self.pass_ == PASS_EMIT and self.const_table_pos is not None:
            self.code[loc:loc + 4] = (i32 & 0xFFFFFFFF).to_bytes(4, "little")
        self.cur_const += 1

    def mov_reg_imm(self, dest: int, imm: int) -> None:
        i32 = imm & 0xFFFFFFFF
        signed = i32 - (1 << 32) if i32 & 0x80000000 else i32
        if -32 <= signed <= 95:
            self.op_movi_n(dest, i32)
        elif _fits_s(i32, 12):
            self.op_movi(dest, i32)
        else:
            self.mov_reg_i32(dest, i32)

    def _l32i_optimised(self, dest: int, base: int, word_offset: int) -> None:
        if word_offset < 16:
            self.op_l32i_n(dest, base, word_offset)
        elif word_offset < 256:
            self.op_l32i(dest, base, word_offset)
        else:
            self.mov_reg_imm(dest, word_offset * 4)
            self.op_add_n(dest, base, dest)
            self.op_l32i_n(dest, dest, 0)

    def load_scaled(self, dest: int, base: int, offset: int, size: int) -> None:
        if size == 2 and offset < 16:
            self.op_l32i_n(dest, base, offset)
        elif offset < 256:
            self.op24(_rri8(2, size, base, dest, offset))
        else:
            self.mov_reg_imm(dest, offset << size)
            self.op_add_n(dest, base, dest)
            if size == 2:
                self.op_l32i_n(dest, dest, 0)
            else:
                self.op24(_rri8(2, size, dest, dest, 0))

    def store_scaled(self, src: int, base: int, offset: int, size: int) -> None:
        if size == 2 and offset < 16:
            self.op_s32i_n(src, base, offset)
        elif offset < 256:
            self.op24(_rri8(2, 0x04 | size, base, src, offset))
        else:
            self.mov_reg_imm(self.reg_temp, offset << size)
            self.op_add_n(self.reg_temp, base, self.reg_temp)
            if size == 2:
                self.op_s32i_n(src, self.reg_temp, 0)
            else:
                self.op24(_rri8(2, 0x04 | size, self.reg_temp, src, 0))

    # ---- branches ----

    def _displacement(self, label) -> tuple[bool, int]:
        dest = self.label_dest(label)
        disp = ((dest if dest is not None else 0xFFFFFFFF) - self.code_offset - 4)
        return dest is not None and disp < 0, disp

    def jump(self, label) -> None:
        dest = self.label_dest(label)
        self.op_j((dest if dest is not None else 0xFFFFFFFF) - self.code_offset - 4)

    def _out_of_range(self, what: str) -> None:
        raise AsmError(f"ERROR: xtensa {what} out of range")

    def _check_aligned(self, what: str, dest: int, rel: int) -> None:
        if dest & 3:
            raise AsmError(f"ERROR: {what} target not word-aligned")
        if rel & 3:
            raise AsmError(f"ERROR: {what} location not word-aligned")

    def call0_label(self, label) -> None:
        dest = self.label_dest(label)
        dest = dest if dest is not None else 0xFFFFFFFF
        rel = dest - self.code_offset - 3
        if self.pass_ == PASS_EMIT:
            self._check_aligned("call0", dest, rel)
            if not _fits_s(rel, 18):
                self._out_of_range("call0")
        self.op_call0(rel)

    def l32r_label(self, reg: int, label) -> None:
        dest = self.label_dest(label)
        dest = dest if dest is not None else 0xFFFFFFFF
        rel = dest - self.code_offset
        if self.pass_ == PASS_EMIT:
            self._check_aligned("l32r", dest, rel)
            if not _fits_s(rel, 18) or rel >= 0:
                self._out_of_range("l32r")
        self.op_l32r(reg, self.code_offset, dest)

    def bit_branch(self, reg: int, bit: int, label, condition: int) -> None:
        dest = self.label_dest(label)
        rel = (dest if dest is not None else 0xFFFFFFFF) - self.code_offset - 4
        if self.pass_ == PASS_EMIT and not _fits_s(rel, 8):
            self._out_of_range("bit_branch")
        self.op24(_rri8(7, condition | ((bit >> 4) & 1), reg, bit & 0xF, rel & 0xFF))

    def bcc_label(self, cond: int, reg1: int, reg2: int, label) -> None:
        short, rel = self._displacement(label)
        if short and _fits_s(rel, 8):
            self.op_bcc(cond, reg1, reg2, rel)
            return
        if self.pass_ == PASS_EMIT and not _fits_s(rel - 6, 18):
            self._out_of_range("bcc")
        self.op_bcc(cond ^ 8, reg1, reg2, 6 - 4)
        self.op_j(rel - 3)

    def _bccz_label(self, cond: int, reg: int, label) -> None:
        short, rel = self._displacement(label)
        if short and _fits_s(rel, 12):
            self.op_bccz(cond, reg, rel)
            return
        if self.pass_ == PASS_EMIT and not _fits_s(rel - 6, 18):
            self._out_of_range("bccz")
        self.op_bccz(cond ^ 1, reg, 6 - 4)
        self.op_j(rel - 3)

    def jump_if_reg_zero(self, reg: int, label, bool_test: bool) -> None:
        self._bccz_label(CCZ_EQ, reg, label)

    def jump_if_reg_nonzero(self, reg: int, label, bool_test: bool) -> None:
        self._bccz_label(CCZ_NE, reg, label)

    def jump_if_reg_eq(self, reg1: int, reg2: int, label) -> None:
        self.bcc_label(CC_EQ, reg1, reg2, label)

    def jump_reg(self, reg: int) -> None:
        self.op24((reg << 8) | (2 << 6) | (2 << 4))

    # ---- the generic operations the native emitter uses ----

    def _const_table(self) -> None:
        if self.num_const > 0:
            self.op_j(self.num_const * 4)
            self._skip(1)
            self.const_table_pos = self.code_offset if not self.suppress else None
            self._skip(self.num_const * 4)

    def entry(self, num_locals: int) -> None:
        self._const_table()
        if self.windowed:
            self.stack_adjust = 32 + ((((1 + num_locals) * 4) + 15) & ~15)
            self.op24(((self.stack_adjust // 8) & 0xFFF) << 12 | (A1 << 8) | (3 << 4) | 6)
            self.op_s32i_n(A0, A1, 0)
            return
        self.stack_adjust = (((5 + num_locals) * 4) + 15) & ~15
        if _fits_s(-self.stack_adjust, 8):
            self.op_addi(A1, A1, -self.stack_adjust)
        else:
            self.op_movi(A9, self.stack_adjust)
            self.op_sub(A1, A1, A9)
        self.op_s32i_n(A0, A1, 0)
        for i in range(1, 5):
            self.op_s32i_n(A11 + i, A1, i)

    def exit(self) -> None:
        if self.windowed:
            self.op_l32i_n(A0, A1, 0)
            self.op16((15 << 12) | (0 << 8) | (1 << 4) | 13)
            return
        for i in range(4, 0, -1):
            self.op_l32i_n(A11 + i, A1, i)
        self.op_l32i_n(A0, A1, 0)
        if _fits_s(self.stack_adjust, 8):
            self.op_addi(A1, A1, self.stack_adjust)
        else:
            self.op_movi(A9, self.stack_adjust)
            self.op_add_n(A1, A1, A9)
        self.op16((15 << 12) | (0 << 8) | (0 << 4) | 13)

    def call_ind(self, fun_id: int) -> None:
        if self.windowed:
            self._l32i_optimised(A8, A7, fun_id)
            self._callx(A8, 2)
        else:
            self._l32i_optimised(A0, A15, fun_id)
            self._callx(A0, 0)

    call_ind_setup = call_ind

    def mov_local_reg(self, local_num: int, reg: int) -> None:
        self.op_s32i(reg, A1, self.num_regs_saved + local_num)

    def mov_reg_local(self, reg: int, local_num: int) -> None:
        self.op_l32i(reg, A1, self.num_regs_saved + local_num)

    def mov_reg_local_addr(self, reg: int, local_num: int) -> None:
        off = (self.num_regs_saved + local_num) * 4
        if _fits_s(off, 8):
            self.op_addi(reg, A1, off)
        else:
            self.op_movi(reg, off)
            self.op_add_n(reg, reg, A1)

    def mov_reg_reg(self, dest: int, src: int) -> None:
        self.op_mov_n(dest, src)

    def mov_reg_pcrel(self, reg: int, label) -> None:
        dest = self.label_dest(label)
        rel = (dest if dest is not None else 0xFFFFFFFF) - self.code_offset - 6
        self.op_movi(reg, rel)
        off = (self.code_offset >> 1) & 1
        pad = (5 - self.code_offset) & 3
        self.op_call0(off)
        self._skip(pad)
        self.op_add_n(reg, reg, A0)

    def clr_reg(self, reg: int) -> None:
        self.op_movi_n(reg, 0)

    def neg_reg(self, reg: int) -> None:
        self.op24(_rrr(0, 0, 6, reg, 0, reg))

    def lsl_reg_reg(self, dest: int, shift: int) -> None:
        self.op24(_rrr(0, 0, 4, 1, shift, 0))
        self.op24(_rrr(0, 1, 10, dest, dest, 0))

    def lsr_reg_reg(self, dest: int, shift: int) -> None:
        self.op24(_rrr(0, 0, 4, 0, shift, 0))
        self.op24(_rrr(0, 1, 9, dest, 0, dest))

    def asr_reg_reg(self, dest: int, shift: int) -> None:
        self.op24(_rrr(0, 0, 4, 0, shift, 0))
        self.op24(_rrr(0, 1, 11, dest, 0, dest))

    def or_reg_reg(self, dest: int, src: int) -> None:
        self.op24(_rrr(0, 0, 2, dest, dest, src))

    def xor_reg_reg(self, dest: int, src: int) -> None:
        self.op24(_rrr(0, 0, 3, dest, dest, src))

    def and_reg_reg(self, dest: int, src: int) -> None:
        self.op24(_rrr(0, 0, 1, dest, dest, src))

    def add_reg_reg(self, dest: int, src: int) -> None:
        self.op_add_n(dest, dest, src)

    def sub_reg_reg(self, dest: int, src: int) -> None:
        self.op_sub(dest, dest, src)

    def mul_reg_reg(self, dest: int, src: int) -> None:
        self.op24(_rrr(0, 2, 8, dest, dest, src))

    def load_sized_reg_reg_reg(self, bits: int, dest: int, base: int, index: int) -> None:
        if bits == 8:
            self.op_add_n(base, index, base)
            self.op24(_rri8(2, 0, base, dest, 0))
        elif bits == 16:
            self.op24(_rrr(0, 0, 9, base, index, base))
            self.op24(_rri8(2, 1, base, dest, 0))
        else:
            self.op24(_rrr(0, 0, 10, base, index, base))
            self.op_l32i_n(dest, base, 0)

    def store_sized_reg_reg_reg(self, bits: int, src: int, base: int, index: int) -> None:
        if bits == 8:
            self.op_add_n(base, index, base)
            self.op24(_rri8(2, 4, base, src, 0))
        elif bits == 16:
            self.op24(_rrr(0, 0, 9, base, index, base))
            self.op24(_rri8(2, 5, base, src, 0))
        else:
            self.op24(_rrr(0, 0, 10, base, index, base))
            self.op_s32i_n(src, base, 0)

    def load16_qstr(self, dest: int, base: int, index: int) -> None:
        self.load_scaled(dest, base, index, 1)

    # viper comparisons: < > == <= >= != (unsigned, then signed); 0x80 swaps the operands
    COMPARE_CC = (CC_LTU, 0x80 | CC_LTU, CC_EQ, 0x80 | CC_GEU, CC_GEU, CC_NE,
                  CC_LT, 0x80 | CC_LT, CC_EQ, 0x80 | CC_GE, CC_GE, CC_NE)

    def compare_set(self, op_idx: int, dest: int, lhs: int, rhs: int) -> None:
        cc = self.COMPARE_CC[op_idx]
        if cc & 0x80:
            lhs, rhs = rhs, lhs
        self.op_movi_n(dest, 1)
        self.op_bcc(cc & 0x7F, lhs, rhs, 1)
        self.op_movi_n(dest, 0)

    # ---- how arguments arrive (in registers, as AsmBase has it; the windowed ABI moves
    # arguments 2-4 for a native function's parent arguments) ----

    def copy_parent_args_2_to_4(self) -> None:
        for dest, src in ((self.REG_ARG_2, self.REG_PARENT_ARG_2),
                          (self.REG_ARG_3, self.REG_PARENT_ARG_3),
                          (self.REG_ARG_4, self.REG_PARENT_ARG_4)):
            if dest != src:
                self.mov_reg_reg(dest, src)
