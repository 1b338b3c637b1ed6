"""The RISC-V RV32IMC back end (-march=rv32imc; -march-flags zba and zcmp enable extensions).

Compressed (C extension) encodings are used whenever operands allow. The set of callee-saved
registers the prologue stores only ever grows, across passes and functions, exactly as in
mpy-cross (which keeps one assembler state for the whole module).
"""

from __future__ import annotations

from mpt.crosscompile.native.asmbase import ScaledOffsetMemory, AsmBase

ZERO, RA, SP = 0, 1, 2
S0, S1 = 8, 9
A0, A1, A2, A3, A4, A5, A6, A7 = range(10, 18)
S2, S3, S4 = 18, 19, 20

EXT_ZBA = 1
EXT_ZCMP = 2

INTERNAL_TEMPORARY = S0


def _fits_s(value: int, bits: int) -> bool:
    mask = ~((1 << (bits - 1)) - 1) & 0xFFFFFFFF
    return (value & mask) in (0, mask)


def _fits_u(value: int, bits: int) -> bool:
    return (value & ~((1 << bits) - 1) & 0xFFFFFFFF) == 0


def _in_c_window(reg: int) -> bool:
    return 8 <= reg <= 15


def _split(imm: int) -> tuple[int, int]:
    u = imm & 0xFFFFFFFF
    upper = u & 0xFFFFF000
    lower = u & 0xFFF
    if lower & 0x800:
        upper = (upper + 0x1000) & 0xFFFFFFFF
    return upper, lower


def _type_r(op, ft3, ft7, rd, rs1, rs2):
    return ((op & 0x7F) | ((rd & 0x1F) << 7) | ((ft3 & 7) << 12) | ((rs1 & 0x1F) << 15)
            | ((rs2 & 0x1F) << 20) | ((ft7 & 0x7F) << 25))


def _type_i(op, ft3, rd, rs, imm):
    return (op & 0x7F) | ((rd & 0x1F) << 7) | ((ft3 & 7) << 12) | ((rs & 0x1F) << 15) \
        | ((imm & 0xFFF) << 20)


def _type_s(op, ft3, rs1, rs2, imm):
    return ((op & 0x7F) | ((imm & 0x1F) << 7) | ((ft3 & 7) << 12) | ((rs1 & 0x1F) << 15)
            | ((rs2 & 0x1F) << 20) | ((imm & 0xFE0) << 20))


def _type_b(op, ft3, rs1, rs2, imm):
    return ((op & 0x7F) | ((ft3 & 7) << 12) | ((imm & 0x800) >> 4) | ((imm & 0x1E) << 7)
            | ((rs1 & 0x1F) << 15) | ((rs2 & 0x1F) << 20) | ((imm & 0x7E0) << 20)
            | ((imm & 0x1000) << 19))


def _type_u(op, rd, imm):
    return (op & 0x7F) | ((rd & 0x1F) << 7) | (imm & 0xFFFFF000)


def _type_ci(op, ft3, rd, imm):
    return (op & 3) | ((ft3 & 7) << 13) | ((rd & 0x1F) << 7) | ((imm & 0x20) << 7) \
        | ((imm & 0x1F) << 2)


def _type_cr(op, ft4, rs1, rs2):
    return (op & 3) | ((rs2 & 0x1F) << 2) | ((rs1 & 0x1F) << 7) | ((ft4 & 0xF) << 12)


def _type_cl(op, ft3, rd, rs, imm):
    return ((op & 3) | ((ft3 & 7) << 13) | ((rd & 7) << 2) | ((rs & 7) << 7)
            | ((imm & 0x40) >> 1) | ((imm & 0x38) << 7) | ((imm & 0x04) << 4))


def _type_cb(op, ft3, rs, imm):
    return (op & 3) | ((ft3 & 7) << 13) | ((rs & 7) << 7) | ((imm & 0xE0) << 5) \
        | ((imm & 0x1F) << 2)


def _type_cj(op, ft3, imm):
    return ((op & 3) | ((ft3 & 7) << 13) | ((imm & 0x0E) << 2) | ((imm & 0x300) << 1)
            | ((imm & 0x800) << 1) | ((imm & 0x400) >> 2) | ((imm & 0x80) >> 1)
            | ((imm & 0x40) << 1) | ((imm & 0x20) >> 3) | ((imm & 0x10) << 7))


def _type_ciw(op, ft3, rd, imm):
    return ((op & 3) | ((ft3 & 7) << 13) | ((rd & 7) << 2) | ((imm & 0x3C0) << 1)
            | ((imm & 0x30) << 7) | ((imm & 0x08) << 2) | ((imm & 0x04) << 4))


def _type_css(op, ft3, rs, imm):
    return (op & 3) | ((ft3 & 7) << 13) | ((rs & 0x1F) << 2) | ((imm & 0x3F) << 7)


def _type_cmpp(op, ft6, ft2, rlist, imm):
    return (op & 3) | ((ft6 & 0x3F) << 10) | ((ft2 & 3) << 8) | ((rlist & 0xF) << 4) \
        | ((imm & 3) << 2)


class AsmRv32(ScaledOffsetMemory, AsmBase):
    word_size = 4

    REG_RET = A0
    REG_ARG_1, REG_ARG_2, REG_ARG_3, REG_ARG_4 = A0, A1, A2, A3
    REG_PARENT_RET = A0
    REG_PARENT_ARG_1, REG_PARENT_ARG_2, REG_PARENT_ARG_3, REG_PARENT_ARG_4 = A0, A1, A2, A3
    REG_TEMP0, REG_TEMP1, REG_TEMP2 = A4, A5, A6
    REG_FUN_TABLE = S1
    REG_LOCAL_1, REG_LOCAL_2, REG_LOCAL_3 = S3, S2, S4
    REG_ZERO = ZERO
    REG_SHIFT_COUNT = None
    byte_store_needs_low_reg = False
    load_with_offset = (8, 16, 32)
    store_with_offset = (8, 16, 32)
    load_reg_reg_reg = (8, 16, 32)
    store_reg_reg_reg = (8, 16, 32)

    def __init__(self, extensions: int = 0):
        super().__init__()
        self.extensions = extensions
        self.saved_registers_mask = 0
        self.locals_count = 0
        self.stack_size = 0
        self.locals_stack_offset = 0

    # ---- raw encoders ----

    def word(self, op: int) -> None:
        self.write((op & 0xFFFFFFFF).to_bytes(4, "little"))

    def half(self, op: int) -> None:
        self.write((op & 0xFFFF).to_bytes(2, "little"))

    def c_addi(self, rd, imm):
        self.half(_type_ci(1, 0, rd, imm))

    def c_li(self, rd, imm):
        self.half(_type_ci(1, 2, rd, imm))

    def c_lui(self, rd, imm):
        self.half(_type_ci(1, 3, rd, (imm & 0xFFFFFFFF) >> 12))

    def c_add(self, rd, rs):
        self.half(_type_cr(2, 9, rd, rs))

    def c_mv(self, rd, rs):
        self.half(_type_cr(2, 8, rd, rs))

    def c_jr(self, rs):
        self.half(_type_cr(2, 8, rs, 0))

    def c_jalr(self, rs):
        self.half(_type_cr(2, 9, rs, 0))

    def c_lw(self, rd, rs, off):
        self.half(_type_cl(0, 2, rd, rs, off))

    def c_sw(self, rs1, rs2, off):
        self.half(_type_cl(0, 6, rs1, rs2, off))

    def c_lwsp(self, rd, off):
        self.half(_type_ci(2, 2, rd, ((off & 0xC0) >> 6) | (off & 0x3C)))

    def c_swsp(self, rs, off):
        self.half(_type_css(2, 6, rs, ((off & 0xC0) >> 6) | (off & 0x3C)))

    def c_j(self, off):
        self.half(_type_cj(1, 5, off))

    def _cb_branch(self, ft3, rs, off):
        imm = (((off & 0x100) >> 1) | ((off & 0xC0) >> 3) | ((off & 0x20) >> 5)
               | ((off & 0x18) << 2) | (off & 0x06))
        self.half(_type_cb(1, ft3, rs, imm))

    def addi(self, rd, rs, imm):
        self.word(_type_i(0x13, 0, rd, rs, imm))

    def lw(self, rd, rs, off):
        self.word(_type_i(0x03, 2, rd, rs, off))

    def sw(self, rs2, rs1, off):
        self.word(_type_s(0x23, 2, rs1, rs2, off))

    def auipc(self, rd, off):
        self.word(_type_u(0x17, rd, off))

    def jalr(self, rd, rs, off):
        self.word(_type_i(0x67, 0, rd, rs, off))

    def beq(self, rs1, rs2, off):
        self.word(_type_b(0x63, 0, rs1, rs2, off))

    def bne(self, rs1, rs2, off):
        self.word(_type_b(0x63, 1, rs1, rs2, off))

    # ---- immediates ----

    def _load_upper(self, rd, imm):
        if _fits_s(imm, 17) and (imm >> 12) != 0:
            self.c_lui(rd, imm)
        else:
            self.word(_type_u(0x37, rd, imm))

    def _load_lower(self, rd, imm):
        if imm == 0:
            return
        if _fits_s(imm, 6):
            self.c_addi(rd, imm)
        else:
            self.addi(rd, rd, imm)

    def _load_full(self, rd, imm):
        upper, lower = _split(imm)
        self._load_upper(rd, upper)
        self._load_lower(rd, lower)

    def mov_reg_imm(self, rd: int, imm: int) -> None:
        if _fits_s(imm, 6):
            self.c_li(rd, imm)
        elif _fits_s(imm, 12):
            self.addi(rd, ZERO, imm)
        else:
            self._load_full(rd, imm)

    # ---- prologue and epilogue ----

    def _adjust_stack(self, size: int) -> None:
        if size == 0:
            return
        if _fits_s(size, 6):
            self.c_addi(SP, size)
        elif _fits_s(size, 12):
            self.addi(SP, SP, size)
        else:
            self._load_full(self.REG_TEMP0, size)
            self.c_add(SP, self.REG_TEMP0)

    @staticmethod
    def _zcmp_length(registers: int) -> int:
        packed = (((registers & 0x2) >> 1) | ((registers & 0x300) >> 7)
                  | ((registers & 0x0FFC0000) >> 15))
        length = packed.bit_length()
        return 13 if length == 12 else length

    def entry(self, locals_count: int) -> None:
        self.locals_count = locals_count
        self.saved_registers_mask |= ((1 << self.REG_FUN_TABLE) | (1 << self.REG_LOCAL_1)
                                      | (1 << self.REG_LOCAL_2) | (1 << self.REG_LOCAL_3))
        regs = self.saved_registers_mask
        if self.extensions & EXT_ZCMP:
            seq = self._zcmp_length(regs)
            allocated = (seq + 3) & ~3
            slack = allocated - seq
            left = 0 if locals_count < slack else locals_count - slack
            chunks = min(3, left // 4)
            left -= chunks * 4
            size = left * 4
            self.half(_type_cmpp(2, 0x2E, 0, min(3 + seq, 15), chunks))
            self._adjust_stack(-size)
            self.stack_size = size | chunks
            return
        count = bin(regs).count("1")
        self.stack_size = (count + locals_count) * 4
        self._adjust_stack(-self.stack_size)
        offset = 0
        for reg in range(32):
            if regs & (1 << reg):
                self.c_swsp(reg, offset)
                offset += 4
        self.locals_stack_offset = count * 4

    def exit(self) -> None:
        regs = self.saved_registers_mask
        if self.extensions & EXT_ZCMP:
            seq = self._zcmp_length(regs)
            self._adjust_stack(self.stack_size & ~3)
            self.half(_type_cmpp(2, 0x2F, 2, min(3 + seq, 15), self.stack_size & 3))
            return
        offset = 0
        for reg in range(32):
            if regs & (1 << reg):
                self.c_lwsp(reg, offset)
                offset += 4
        self._adjust_stack(self.stack_size)
        self.c_jr(RA)

    # ---- branches ----

    def _displacement(self, label) -> tuple[bool, int]:
        dest = self.label_dest(label)
        if dest is None:
            return False, -1 - self.code_offset
        disp = dest - self.code_offset
        return disp < 0, disp

    def jump(self, label) -> None:
        short, disp = self._displacement(label)
        if short and _fits_s(disp, 12):
            self.c_j(disp)
            return
        upper, lower = _split(disp)
        self.auipc(self.REG_TEMP2, upper)
        self.jalr(ZERO, self.REG_TEMP2, lower)

    def jump_if_reg_eq(self, rs1: int, rs2: int, label) -> None:
        short, disp = self._displacement(label)
        if short and _fits_s(disp, 13):
            self.beq(rs1, rs2, disp)
            return
        upper, lower = _split(disp - 4)
        self.bne(rs1, rs2, 12)
        self.auipc(self.REG_TEMP2, upper)
        self.jalr(ZERO, self.REG_TEMP2, lower)

    def jump_if_reg_zero(self, reg: int, label, bool_test: bool) -> None:
        self.jump_if_reg_eq(reg, ZERO, label)

    def jump_if_reg_nonzero(self, rs: int, label, bool_test: bool) -> None:
        short, disp = self._displacement(label)
        if short and _fits_s(disp, 8) and _in_c_window(rs):
            self._cb_branch(7, rs - 8, disp)
            return
        if short and _fits_s(disp, 13):
            self.bne(rs, ZERO, disp)
            return
        if short and _in_c_window(rs):
            self._cb_branch(6, rs - 8, 10)
            disp -= 2
        else:
            self.beq(rs, ZERO, 12)
            disp -= 4
        upper, lower = _split(disp)
        self.auipc(self.REG_TEMP2, upper)
        self.jalr(ZERO, self.REG_TEMP2, lower)

    def jump_reg(self, reg: int) -> None:
        self.c_jr(reg)

    def call_ind(self, index: int) -> None:
        offset = index * 4
        self.saved_registers_mask |= 1 << RA
        if _fits_u(offset, 6):
            self.saved_registers_mask |= 1 << INTERNAL_TEMPORARY
            self.c_lw(INTERNAL_TEMPORARY - 8, self.REG_FUN_TABLE - 8, offset)
            self.c_jalr(INTERNAL_TEMPORARY)
            return
        if _fits_u(offset, 11):
            self.lw(self.REG_TEMP2, self.REG_FUN_TABLE, offset)
            self.c_jalr(self.REG_TEMP2)
            return
        upper, lower = _split(offset)
        self._load_upper(self.REG_TEMP2, upper)
        self.c_add(self.REG_TEMP2, self.REG_FUN_TABLE)
        self.lw(self.REG_TEMP2, self.REG_TEMP2, lower)
        self.c_jalr(self.REG_TEMP2)

    call_ind_setup = call_ind

    # ---- frame slots ----

    def mov_local_reg(self, local: int, rs: int) -> None:
        offset = self.locals_stack_offset + local * 4
        if _fits_u(offset >> 2, 6):
            self.c_swsp(rs, offset)
        elif _fits_u(offset, 11):
            self.sw(rs, SP, offset)
        else:
            upper, lower = _split(offset)
            self._load_upper(self.REG_TEMP2, upper)
            self.c_add(self.REG_TEMP2, SP)
            self.sw(rs, self.REG_TEMP2, lower)

    def mov_reg_local(self, rd: int, local: int) -> None:
        offset = self.locals_stack_offset + local * 4
        if _fits_u(offset >> 2, 6):
            self.c_lwsp(rd, offset)
        elif _fits_u(offset, 11):
            self.lw(rd, SP, offset)
        else:
            upper, lower = _split(offset)
            self._load_upper(rd, upper)
            self.c_add(rd, SP)
            self.lw(rd, rd, lower)

    def mov_reg_local_addr(self, rd: int, local: int) -> None:
        offset = self.locals_stack_offset + local * 4
        if _fits_u(offset, 10) and offset != 0 and _in_c_window(rd):
            self.half(_type_ciw(0, 0, rd - 8, offset))
        elif _fits_u(offset, 11):
            self.addi(rd, SP, offset)
        else:
            self._load_full(rd, offset)
            self.c_add(rd, SP)

    def mov_reg_reg(self, rd: int, rs: int) -> None:
        self.c_mv(rd, rs)

    def mov_reg_pcrel(self, rd: int, label) -> None:
        dest = self.label_dest(label)
        disp = (dest if dest is not None else -1) - self.code_offset
        upper, lower = _split(disp)
        self.auipc(rd, upper)
        self.addi(rd, rd, lower)

    # ---- arithmetic ----

    def clr_reg(self, rd: int) -> None:
        self.c_li(rd, 0)

    def not_reg(self, rd: int) -> None:
        self.word(_type_i(0x13, 4, rd, rd, -1))

    def neg_reg(self, rd: int) -> None:
        self.word(_type_r(0x33, 0, 0x20, rd, ZERO, rd))

    def lsl_reg_reg(self, rd: int, rs: int) -> None:
        self.word(_type_r(0x33, 1, 0, rd, rd, rs))

    def lsr_reg_reg(self, rd: int, rs: int) -> None:
        self.word(_type_r(0x33, 5, 0, rd, rd, rs))

    def asr_reg_reg(self, rd: int, rs: int) -> None:
        self.word(_type_r(0x33, 5, 0x20, rd, rd, rs))

    def or_reg_reg(self, rd: int, rs: int) -> None:
        self.word(_type_r(0x33, 6, 0, rd, rd, rs))

    def xor_reg_reg(self, rd: int, rs: int) -> None:
        if rs == rd:
            self.c_li(rd, 0)
        else:
            self.word(_type_r(0x33, 4, 0, rd, rd, rs))

    def and_reg_reg(self, rd: int, rs: int) -> None:
        self.word(_type_r(0x33, 7, 0, rd, rs, rd))

    def add_reg_reg(self, rd: int, rs: int) -> None:
        self.c_add(rd, rs)

    def sub_reg_reg(self, rd: int, rs: int) -> None:
        self.word(_type_r(0x33, 0, 0x20, rd, rd, rs))

    def mul_reg_reg(self, rd: int, rs: int) -> None:
        self.word(_type_r(0x33, 0, 1, rd, rd, rs))

    # ---- memory ----

    def load_scaled(self, rd: int, rs: int, offset: int, size: int) -> None:
        scaled = (offset << size)
        ft3 = (0x0254 >> (size << 2)) & 0xF
        if (scaled >= 0 and size == 2 and _in_c_window(rd) and _in_c_window(rs)
                and _fits_u(scaled, 6)):
            self.c_lw(rd - 8, rs - 8, scaled)
        elif _fits_s(scaled, 12):
            self.word(_type_i(0x03, ft3, rd, rs, scaled))
        else:
            upper, lower = _split(scaled)
            self._load_upper(rd, upper)
            self.c_add(rd, rs)
            self.word(_type_i(0x03, ft3, rd, rd, lower))

    def store_scaled(self, rd: int, rs: int, offset: int, size: int) -> None:
        scaled = (offset << size)
        if (scaled >= 0 and size == 2 and _in_c_window(rd) and _in_c_window(rs)
                and _fits_u(scaled, 6)):
            self.c_sw(rd - 8, rs - 8, scaled)
        elif _fits_s(scaled, 12):
            self.word(_type_s(0x23, size, rs, rd, scaled))
        else:
            upper, lower = _split(scaled)
            self._load_upper(self.REG_TEMP2, upper)
            self.c_add(self.REG_TEMP2, rs)
            self.word(_type_s(0x23, size, self.REG_TEMP2, rd, lower))

    def _scaled_address(self, rs1: int, rs2: int, size: int) -> None:
        if size > 0 and self.extensions & EXT_ZBA:
            self.word(_type_r(0x33, 1 << size, 0x10, self.REG_TEMP2, rs2, rs1))
        elif size > 0:
            self.word(_type_i(0x13, 1, self.REG_TEMP2, rs2, size & 0x1F))
            self.c_add(self.REG_TEMP2, rs1)
        else:
            self.word(_type_r(0x33, 0, 0, self.REG_TEMP2, rs1, rs2))

    def load_sized_reg_reg_reg(self, bits: int, dest: int, base: int, index: int) -> None:
        size = {8: 0, 16: 1, 32: 2}[bits]
        self._scaled_address(base, index, size)
        self.load_scaled(dest, self.REG_TEMP2, 0, size)

    def store_sized_reg_reg_reg(self, bits: int, src: int, base: int, index: int) -> None:
        size = {8: 0, 16: 1, 32: 2}[bits]
        self._scaled_address(base, index, size)
        self.store_scaled(src, self.REG_TEMP2, 0, size)

    def load16_qstr(self, dest: int, base: int, index: int) -> None:
        self.load_scaled(dest, base, index, 1)

    # viper comparisons: < > == <= >= != (unsigned, then signed)
    def compare_set(self, op_idx: int, dest: int, lhs: int, rhs: int) -> None:
        unsigned = op_idx < 6
        kind = op_idx % 6

        def lt(a, b):
            self.word(_type_r(0x33, 0x02 | unsigned, 0, dest, a, b))

        if kind == 0:
            lt(lhs, rhs)
        elif kind == 1:
            lt(rhs, lhs)
        elif kind == 2:
            self.word(_type_r(0x33, 0, 0x20, dest, lhs, rhs))
            self.word(_type_i(0x13, 3, dest, dest, 1))
        elif kind == 3:
            lt(rhs, lhs)
            self.word(_type_i(0x13, 4, dest, dest, 1))
        elif kind == 4:
            lt(lhs, rhs)
            self.word(_type_i(0x13, 4, dest, dest, 1))
        else:
            self.word(_type_r(0x33, 0, 0x20, dest, rhs, lhs))
            self.word(_type_r(0x33, 3, 0, dest, ZERO, dest))
