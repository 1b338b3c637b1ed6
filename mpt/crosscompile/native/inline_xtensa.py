"""The Xtensa inline assembler (``@micropython.asm_xtensa``, or any asm_* decorator under
-march=xtensa/xtensawin), as mpy-cross assembles it."""

from __future__ import annotations

from mpt.crosscompile.native.inline_base import InlineAsmBase, int_value
from mpt.crosscompile.native.xtensa import AsmXtensa, _rrr, _rri8
from mpt.crosscompile.parsenode import Id

R0, R1, R2 = 1 << 4, 2 << 4, 3 << 4
RRR, RRI8, RRRN = 0, 1, 2

# name: (operands, op2, op1, op0, r, s, t, shift, kind)
_OPCODES = {
    "abs_": (2, 6, 0, 0, R0, 1, R1, 0, RRR),
    "add": (3, 8, 0, 0, R0, R1, R2, 0, RRR),
    "add_n": (3, 0, 0, 10, R0, R1, R2, 0, RRRN),
    "addi": (3, 0, 0, 2, 12, R1, R0, 0, RRI8),
    "addx2": (3, 9, 0, 0, R0, R1, R2, 0, RRR),
    "addx4": (3, 10, 0, 0, R0, R1, R2, 0, RRR),
    "addx8": (3, 11, 0, 0, R0, R1, R2, 0, RRR),
    "and_": (3, 1, 0, 0, R0, R1, R2, 0, RRR),
    "callx0": (1, 0, 0, 0, 0, R0, 12, 0, RRR),
    "jx": (1, 0, 0, 0, 0, R0, 10, 0, RRR),
    "l16si": (3, 0, 0, 2, 9, R1, R0, 3, RRI8),
    "l16ui": (3, 0, 0, 2, 1, R1, R0, 3, RRI8),
    "l32i": (3, 0, 0, 2, 2, R1, R0, 5, RRI8),
    "l8ui": (3, 0, 0, 2, 0, R1, R0, 1, RRI8),
    "mov": (2, 0, 0, 13, 0, R1, R0, 0, RRRN),
    "mov_n": (2, 0, 0, 13, 0, R1, R0, 0, RRRN),
    "mull": (3, 8, 2, 0, R0, R1, R2, 0, RRR),
    "neg": (2, 6, 0, 0, R0, 0, R1, 0, RRR),
    "nop": (0, 0, 0, 0, 2, 0, 15, 0, RRR),
    "nop_n": (0, 0, 0, 13, 15, 0, 3, 0, RRRN),
    "nsa": (2, 4, 0, 0, 14, R1, R0, 0, RRR),
    "nsau": (2, 4, 0, 0, 15, R1, R0, 0, RRR),
    "or_": (3, 2, 0, 0, R0, R1, R2, 0, RRR),
    "ret": (0, 0, 0, 13, 15, 0, 0, 0, RRRN),
    "ret_n": (0, 0, 0, 13, 15, 0, 0, 0, RRRN),
    "s16i": (3, 0, 0, 2, 5, R1, R0, 3, RRI8),
    "s32i": (3, 0, 0, 2, 6, R1, R0, 5, RRI8),
    "s8i": (3, 0, 0, 2, 4, R1, R0, 1, RRI8),
    "sll": (2, 10, 1, 0, R0, R1, 0, 0, RRR),
    "sra": (2, 11, 1, 0, R0, 0, R1, 0, RRR),
    "src": (3, 8, 1, 0, R0, R1, R2, 0, RRR),
    "srl": (2, 9, 1, 0, R0, 0, R1, 0, RRR),
    "ssa8b": (1, 4, 0, 0, 3, R0, 0, 0, RRR),
    "ssa8l": (1, 4, 0, 0, 2, R0, 0, 0, RRR),
    "ssl": (1, 4, 0, 0, 1, R0, 0, 0, RRR),
    "ssr": (1, 4, 0, 0, 0, R0, 0, 0, RRR),
    "sub": (3, 12, 0, 0, R0, R1, R2, 0, RRR),
    "subx2": (3, 13, 0, 0, R0, R1, R2, 0, RRR),
    "subx4": (3, 14, 0, 0, R0, R1, R2, 0, RRR),
    "subx8": (3, 15, 0, 0, R0, R1, R2, 0, RRR),
    "xor": (3, 3, 0, 0, R0, R1, R2, 0, RRR),
}
_BRANCHES = ("bnone", "beq", "blt", "bltu", "ball", "bbc", None, None, "bany", "bne", "bge",
             "bgeu", "bnall", "bbs")
_BCCZ = ("beqz", "bnez", "bltz", "bgez", "beqz_n", "bnez_n")
_REGISTERS = {f"a{i}": i for i in range(16)}


class InlineXtensa(InlineAsmBase):
    arch_label = "Xtensa"
    first_param_reg = 2
    param_prefix = "a"
    size_passes = 2

    def __init__(self, windowed: bool):
        super().__init__(AsmXtensa(windowed))
        self.windowed = windowed

    def start_pass(self, pass_: str) -> None:
        super().start_pass(pass_)
        self.as_.entry(0)

    def end_pass(self) -> None:
        self.as_.exit()
        self.as_.end_pass()

    def _reg(self, op: str, pn) -> int:
        if isinstance(pn, Id) and pn.name in _REGISTERS:
            return _REGISTERS[pn.name]
        self.error = f"'{op}' expects a register"
        return 0

    def _imm(self, op: str, pn, lo: int, hi: int) -> int:
        value = int_value(pn)
        if value is None:
            self.error = f"'{op}' expects an integer"
            return 0
        value &= 0xFFFFFFFF
        signed = value - (1 << 32) if value & 0x80000000 else value
        if lo != hi and not lo <= signed <= hi:
            self.error = f"'{op}' integer {signed} isn't within range {lo}..{hi}"
            return 0
        return value

    def op(self, op: str, args: list) -> None:
        if not self._op(op, args):
            self.error = f"unsupported Xtensa instruction '{op}' with {len(args)} arguments"

    def _op(self, op: str, args: list) -> bool:
        a = self.as_
        n = len(args)
        entry = _OPCODES.get(op)
        if entry is not None:
            operands, op2, op1, op0, r, s, t, shift, kind = entry
            if n != operands:
                return False
            code = ((r & 0xF) << 12) | ((s & 0xF) << 8) | ((t & 0xF) << 4) | op0
            if kind == RRR:
                code |= (op2 << 20) | (op1 << 16)
            elif kind == RRI8:
                if shift > 0:
                    shift >>= 1
                    lo, hi = 0, 0xFF << shift
                else:
                    lo, hi = -128, 127
                imm = self._imm(op, args[2], lo, hi)
                code |= ((imm >> shift) & 0xFF) << 16
            for field, pos in ((r, 12), (s, 8), (t, 4)):
                if field >= R0:
                    code |= self._reg(op, args[(field >> 4) - 1]) << pos
            if kind == RRRN:
                a.op16(code & 0xFFFF)
            else:
                a.op24(code)
            return True
        if n == 1:
            if op == "j":
                a.jump(self._label_arg(op, args[0]))
            elif op == "ssai":
                sa = self._imm(op, args[0], 0, 31)
                a.op24(_rrr(0, 0, 4, 4, sa & 0xF, (sa >> 4) & 1))
            elif op == "call0":
                a.call0_label(self._label_arg(op, args[0]))
            else:
                return False
        elif n == 2:
            r0 = self._reg(op, args[0])
            if op in _BCCZ:
                a._bccz_label(_BCCZ.index(op) & 3, r0, self._label_arg(op, args[1]))
            elif op == "movi":
                a.mov_reg_i32(r0, self._imm(op, args[1], 0, 0))
            elif op == "l32r":
                a.l32r_label(r0, self._label_arg(op, args[1]))
            elif op == "movi_n":
                a.op_movi_n(r0, self._imm(op, args[1], -32, 95))
            else:
                return False
        elif n == 3:
            if op in _BRANCHES:
                cond = _BRANCHES.index(op)
                r0 = self._reg(op, args[0])
                r1 = self._reg(op, args[1])
                label = self._label_arg(op, args[2])
                a.bcc_label(cond, r0, r1, label)
            elif op == "addi_n":
                r0 = self._reg(op, args[0])
                r1 = self._reg(op, args[1])
                imm4 = self._imm(op, args[2], -1, 15)
                imm4 = imm4 if imm4 != 0 else -1
                a.op16(((r0 << 12) | (r1 << 8) | ((imm4 & 0xFFFFFFFF) << 4) | 11) & 0xFFFF)
            elif op == "addmi":
                r0 = self._reg(op, args[0])
                r1 = self._reg(op, args[1])
                imm8 = self._imm(op, args[2], -128 * 256, 127 * 256)
                signed = imm8 - (1 << 32) if imm8 & 0x80000000 else imm8
                if imm8 & 0xFF:
                    self.error = f"{signed} is not a multiple of 256"
                else:
                    a.op24(_rri8(2, 13, r1, r0, (signed >> 8) & 0xFF))
            elif op in ("bbci", "bbsi"):
                r0 = self._reg(op, args[0])
                bit = self._imm(op, args[1], 0, 31)
                label = self._label_arg(op, args[2])
                a.bit_branch(r0, bit, label, 6 if op == "bbci" else 14)
            elif op == "slli":
                r0 = self._reg(op, args[0])
                r1 = self._reg(op, args[1])
                bits = (32 - self._imm(op, args[2], 1, 31)) & 0xFFFFFFFF
                a.op24(_rrr(0, 1, (bits >> 4) & 1, r0, r1, bits & 0xF))
            elif op == "srai":
                r0 = self._reg(op, args[0])
                r1 = self._reg(op, args[1])
                bits = self._imm(op, args[2], 0, 31)
                a.op24(_rrr(0, 1, 2 | ((bits >> 4) & 1), r0, bits & 0xF, r1))
            elif op == "srli":
                r0 = self._reg(op, args[0])
                r1 = self._reg(op, args[1])
                bits = self._imm(op, args[2], 0, 15)
                a.op24(_rrr(0, 1, 4, r0, bits, r1))
            elif op in ("l32i_n", "s32i_n"):
                r0 = self._reg(op, args[0])
                r1 = self._reg(op, args[1])
                imm = self._imm(op, args[2], 0, 60)
                if imm & 3:
                    self.error = f"{imm} is not a multiple of 4"
                elif op == "l32i_n":
                    a.op_l32i_n(r0, r1, imm >> 2)
                else:
                    a.op_s32i_n(r0, r1, imm >> 2)
            else:
                return False
        else:
            return False
        return True
