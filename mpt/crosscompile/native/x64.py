"""The x86-64 back end (System V calling convention), as mpy-cross -march=x64 assembles it."""

from __future__ import annotations

from mpt.crosscompile.native.x86_family import (
    CC_JA, CC_JAE, CC_JB, CC_JBE, CC_JE, CC_JG, CC_JGE, CC_JL, CC_JLE, CC_JNE, CC_JNZ, CC_JZ,
    AsmX86Family, _fits_s8, _u32,
)

RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI = range(8)
R8, R9, R10, R11, R12, R13, R14, R15 = range(8, 16)

REX = 0x40
REX_W = 0x08


def _rex_r(r: int) -> int:
    return (r >> 1) & 0x04


def _rex_b(r: int) -> int:
    return (r >> 3) & 0x01


class AsmX64(AsmX86Family):
    arch = "x64"
    word_size = 8

    REG_RET = RAX
    REG_ARG_1 = RDI
    REG_ARG_2 = RSI
    REG_ARG_3 = RDX
    REG_ARG_4 = RCX
    REG_PARENT_RET = RAX
    REG_PARENT_ARG_1 = RDI
    REG_PARENT_ARG_2 = RSI
    REG_PARENT_ARG_3 = RDX
    REG_PARENT_ARG_4 = RCX
    REG_TEMP0 = RAX
    REG_TEMP1 = RDI
    REG_TEMP2 = RSI
    REG_LOCAL_1 = RBX
    REG_LOCAL_2 = R12
    REG_LOCAL_3 = R13
    REG_FUN_TABLE = RBP
    REG_ZERO = None
    REG_SHIFT_COUNT = RCX  # shifts take their count in CL
    byte_store_needs_low_reg = True
    # viper comparison: condition codes for < > == <= >= != (unsigned, then signed)
    COMPARE_CC = (CC_JB, CC_JA, CC_JE, CC_JBE, CC_JAE, CC_JNE,
                  CC_JL, CC_JG, CC_JE, CC_JLE, CC_JGE, CC_JNE)
    load_with_offset = (8, 16, 32)
    store_with_offset = (8, 16, 32)
    load_reg_reg_reg = ()
    store_reg_reg_reg = ()

    # ---- encoders ----

    def _disp(self, r: int, base: int, disp: int) -> None:
        if disp == 0 and (base & 7) != RBP:
            mod = 0x00
        elif _fits_s8(disp):
            mod = 0x40
        else:
            mod = 0x80
        out = bytearray([((r & 7) << 3) | mod | (base & 7)])
        if (base & 7) == RSP:
            out.append(0x24)
        if mod == 0x40:
            out.append(disp & 0xFF)
        elif mod == 0x80:
            out += _u32(disp)
        self.write(bytes(out))

    def _generic_rr(self, dest: int, src: int, opcode: int) -> None:
        self.write(bytes([REX | REX_W | _rex_r(src) | _rex_b(dest), opcode,
                          ((src & 7) << 3) | 0xC0 | (dest & 7)]))

    def push_r64(self, r: int) -> None:
        self.write(bytes([0x50 | r]) if r < 8 else bytes([REX | 1, 0x50 | (r & 7)]))

    def pop_r64(self, r: int) -> None:
        self.write(bytes([0x58 | r]) if r < 8 else bytes([REX | 1, 0x58 | (r & 7)]))

    def mov_r64_r64(self, dest: int, src: int) -> None:
        self._generic_rr(dest, src, 0x89)

    def _narrow_prefix(self, src: int, base: int) -> bytes:
        if src < 8 and base < 8:
            return b""
        return bytes([REX | _rex_r(src) | _rex_b(base)])

    def mov_r8_to_mem8(self, src: int, base: int, disp: int) -> None:
        self.write(self._narrow_prefix(src, base) + b"\x88")
        self._disp(src, base, disp)

    def mov_r16_to_mem16(self, src: int, base: int, disp: int) -> None:
        self.write(b"\x66" + self._narrow_prefix(src, base) + b"\x89")
        self._disp(src, base, disp)

    def mov_r32_to_mem32(self, src: int, base: int, disp: int) -> None:
        self.write(self._narrow_prefix(src, base) + b"\x89")
        self._disp(src, base, disp)

    def mov_r64_to_mem64(self, src: int, base: int, disp: int) -> None:
        self.write(bytes([REX | REX_W | _rex_r(src) | _rex_b(base), 0x89]))
        self._disp(src, base, disp)

    def mov_mem8_to_r64zx(self, base: int, disp: int, dest: int) -> None:
        self.write(self._narrow_prefix(dest, base) + b"\x0f\xb6")
        self._disp(dest, base, disp)

    def mov_mem16_to_r64zx(self, base: int, disp: int, dest: int) -> None:
        self.write(self._narrow_prefix(dest, base) + b"\x0f\xb7")
        self._disp(dest, base, disp)

    def mov_mem32_to_r64zx(self, base: int, disp: int, dest: int) -> None:
        self.write(self._narrow_prefix(dest, base) + b"\x8b")
        self._disp(dest, base, disp)

    def mov_mem64_to_r64(self, base: int, disp: int, dest: int) -> None:
        self.write(bytes([REX | REX_W | _rex_r(dest) | _rex_b(base), 0x8B]))
        self._disp(dest, base, disp)

    def lea_disp_to_r64(self, base: int, disp: int, dest: int) -> None:
        self.write(bytes([REX | REX_W | _rex_r(dest) | _rex_b(base), 0x8D]))
        self._disp(dest, base, disp)

    def mov_i32_to_r64(self, imm: int, dest: int) -> None:
        if dest < 8:
            self.write(bytes([0xB8 | dest]))
        else:
            self.write(bytes([REX | 1, 0xB8 | (dest & 7)]))
        self.write(_u32(imm))

    def mov_i64_to_r64(self, imm: int, dest: int) -> None:
        self.write(bytes([REX | REX_W | (0 if dest < 8 else 1), 0xB8 | (dest & 7)]))
        self.write((imm & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little"))

    def sub_r64_i32(self, dest: int, imm: int) -> None:
        if _fits_s8(imm):
            self.write(bytes([REX | REX_W, 0x83, (5 << 3) | 0xC0 | dest, imm & 0xFF]))
        else:
            self.write(bytes([REX | REX_W, 0x81, (5 << 3) | 0xC0 | dest]) + _u32(imm))

    def test_r8_with_r8(self, a: int, b: int) -> None:
        self.write(bytes([0x84, (a << 3) | 0xC0 | b]))

    def test_r64_with_r64(self, a: int, b: int) -> None:
        self._generic_rr(b, a, 0x85)

    def cmp_r64_with_r64(self, a: int, b: int) -> None:
        self._generic_rr(b, a, 0x39)

    def setcc_r8(self, cc: int, dest: int) -> None:
        self.write(bytes([0x0F, 0x90 | cc, 0xC0 | dest]))

    # ---- the generic operations the native emitter uses ----

    def entry(self, num_locals: int) -> None:
        for r in (RBP, RBX, R12, R13):
            self.push_r64(r)
        num_locals |= 1  # keeps the stack 16-byte aligned
        self.sub_r64_i32(RSP, num_locals * 8)
        self.num_locals = num_locals

    def exit(self) -> None:
        self.sub_r64_i32(RSP, -self.num_locals * 8)
        for r in (R13, R12, RBX, RBP):
            self.pop_r64(r)
        self.write(b"\xc3")

    def jump_if_reg_zero(self, reg: int, label, bool_test: bool) -> None:
        if bool_test:
            self.test_r8_with_r8(reg, reg)
        else:
            self.test_r64_with_r64(reg, reg)
        self.jcc_label(CC_JZ, label)

    def jump_if_reg_nonzero(self, reg: int, label, bool_test: bool) -> None:
        if bool_test:
            self.test_r8_with_r8(reg, reg)
        else:
            self.test_r64_with_r64(reg, reg)
        self.jcc_label(CC_JNZ, label)

    def jump_if_reg_eq(self, reg1: int, reg2: int, label) -> None:
        self.cmp_r64_with_r64(reg1, reg2)
        self.jcc_label(CC_JE, label)

    def call_ind(self, fun_id: int) -> None:
        self.mov_mem64_to_r64(RBP, fun_id * 8, RAX)
        self.write(bytes([0xFF, (2 << 3) | 0xC0 | RAX]))

    call_ind_setup = call_ind

    def mov_local_reg(self, local_num: int, reg: int) -> None:
        self.mov_r64_to_mem64(reg, RSP, local_num * 8)

    def mov_reg_local(self, reg: int, local_num: int) -> None:
        self.mov_mem64_to_r64(RSP, local_num * 8, reg)

    def mov_reg_local_addr(self, reg: int, local_num: int) -> None:
        if local_num == 0:
            self.mov_r64_r64(reg, RSP)
        else:
            self.lea_disp_to_r64(RSP, local_num * 8, reg)

    def mov_reg_imm(self, reg: int, imm: int) -> None:
        imm &= 0xFFFFFFFFFFFFFFFF
        if imm >> 32 == 0:
            self.mov_i32_to_r64(imm, reg)
        else:
            self.mov_i64_to_r64(imm, reg)

    def mov_reg_reg(self, dest: int, src: int) -> None:
        self.mov_r64_r64(dest, src)

    def mov_reg_pcrel(self, reg: int, label) -> None:
        dest = self.label_dest(label)
        rel = (dest if dest is not None else -1) - (self.code_offset + 7)
        self.write(bytes([REX | REX_W | _rex_r(reg), 0x8D, ((reg & 7) << 3) | 5]) + _u32(rel))

    def mul_reg_reg(self, dest: int, src: int) -> None:
        self.write(bytes([REX | REX_W | _rex_r(dest) | _rex_b(src), 0x0F, 0xAF,
                          ((dest & 7) << 3) | 0xC0 | (src & 7)]))

    def load_reg_reg_offset(self, dest: int, base: int, word_offset: int) -> None:
        self.mov_mem64_to_r64(base, 8 * word_offset, dest)

    def store_reg_reg_offset(self, src: int, base: int, word_offset: int) -> None:
        self.mov_r64_to_mem64(src, base, 8 * word_offset)

    def load_sized_offset(self, bits: int, dest: int, base: int, index: int) -> None:
        """Zero-extending load of a bits-wide element at base + index * (bits / 8)."""
        if bits == 8:
            self.mov_mem8_to_r64zx(base, index, dest)
        elif bits == 16:
            self.mov_mem16_to_r64zx(base, 2 * index, dest)
        else:
            self.mov_mem32_to_r64zx(base, 4 * index, dest)

    def store_sized_offset(self, bits: int, src: int, base: int, index: int) -> None:
        if bits == 8:
            self.mov_r8_to_mem8(src, base, index)
        elif bits == 16:
            self.mov_r16_to_mem16(src, base, 2 * index)
        else:
            self.mov_r32_to_mem32(src, base, 4 * index)

    def load16_qstr(self, dest: int, base: int, index: int) -> None:
        self.mov_mem16_to_r64zx(base, 2 * index, dest)

    def compare_set(self, op_idx: int, dest: int, lhs: int, rhs: int) -> None:
        """dest = (lhs <op> rhs) for viper ints; op_idx indexes COMPARE_CC."""
        self.xor_reg_reg(dest, dest)
        self.cmp_r64_with_r64(rhs, lhs)
        self.setcc_r8(self.COMPARE_CC[op_idx], dest)
