"""The Thumb inline assembler (``@micropython.asm_thumb``), as mpy-cross assembles it.

A function body is a list of instruction calls such as ``add(r0, r0, 1)``; ``label(x)``,
``align(n)`` and ``data(size, values...)`` are directives. The compiler driver in ``inline_asm``
walks the statements; this module turns one instruction into machine code through the Thumb
assembler, recording SyntaxError messages the way MicroPython's emitter does (a later error in
the same instruction replaces an earlier one).
"""

from __future__ import annotations

from mpt.crosscompile.native.asmbase import PASS_EMIT
from mpt.crosscompile.native.inline_base import InlineAsmBase, arg_str, int_value
from mpt.crosscompile.native.thumb import OP_MOVT, OP_MOVW, OP_NOP, AsmThumb
from mpt.crosscompile.parsenode import Id, Node, extract_list

_REG_NAMES = {f"r{i}": i for i in range(16)}
_REG_NAMES.update({"sl": 10, "fp": 11, "sp": 13, "lr": 14, "pc": 15})
_SPECIAL_REGS = {"IPSR": 5, "BASEPRI": 17}
_CONDITIONS = ("eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le")
_FORMAT_4 = {"eor": 0x4040, "lsl": 0x4080, "lsr": 0x40C0, "asr": 0x4100, "adc": 0x4140,
             "sbc": 0x4180, "ror": 0x41C0, "tst": 0x4200, "neg": 0x4240, "cmp": 0x4280,
             "cmn": 0x42C0, "orr": 0x4300, "mul": 0x4340, "bic": 0x4380, "mvn": 0x43C0}
_FORMAT_9_10 = {"ldr": 0x6800, "ldrb": 0x7800, "ldrh": 0x8800, "str": 0x6000, "strb": 0x7000,
                "strh": 0x8000}
_VFP_ARITH = {"add": 0x30, "sub": 0x34, "mul": 0x20, "div": 0x80}


class InlineThumb(InlineAsmBase):
    arch_label = "Thumb"
    first_param_reg = 0
    param_prefix = "r"

    def __init__(self, arch_name: str, armv7m: bool, allow_float: bool):
        super().__init__(AsmThumb(armv7m, arch_name))
        self.armv7m = armv7m
        self.allow_float = allow_float

    def start_pass(self, pass_: str) -> None:
        super().start_pass(pass_)
        self.as_.entry(0)

    def end_pass(self) -> None:
        self.as_.exit()

    # ---- operands ----

    def _reg(self, op: str, pn, max_reg: int) -> int:
        reg = _REG_NAMES.get(arg_str(pn))
        if reg is None:
            self.error = f"'{op}' expects a register"
            return 0
        if reg > max_reg:
            self.error = f"'{op}' expects at most r{max_reg}"
            return 0
        return reg

    def _special_reg(self, op: str, pn) -> int:
        reg = _SPECIAL_REGS.get(arg_str(pn))
        if reg is None:
            self.error = f"'{op}' expects a special register"
            return 0
        return reg

    def _vfpreg(self, op: str, pn) -> int:
        s = arg_str(pn)
        if len(s) >= 2 and s[0] == "s" and s[1:].isdigit() and s[1:].isascii():
            regno = int(s[1:])
            if regno > 31:
                self.error = f"'{op}' expects at most r31"
                return 0
            return regno
        self.error = f"'{op}' expects an FPU register"
        return 0

    def _reglist(self, op: str, pn) -> int:
        if isinstance(pn, Node) and pn.rule == "atom_brace":
            inner = pn.args[0]
            if isinstance(inner, Id):
                return 1 << self._reg(op, inner, 15)
            if (isinstance(inner, Node) and inner.rule == "dictorsetmaker"
                    and isinstance(inner.args[1], Node)
                    and inner.args[1].rule == "dictorsetmaker_list"):
                reglist = 1 << self._reg(op, inner.args[0], 15)
                for node in extract_list(inner.args[1].args[0], "dictorsetmaker_list2"):
                    reglist |= 1 << self._reg(op, node, 15)
                return reglist
        self.error = f"'{op}' expects {{r0, r1, ...}}"
        return 0

    def _imm(self, op: str, pn, fit_mask: int) -> int:
        value = int_value(pn)
        if value is None:
            self.error = f"'{op}' expects an integer"
            return 0
        value &= 0xFFFFFFFF
        if value & ~fit_mask & 0xFFFFFFFF:
            self.error = f"'{op}' integer 0x{value:x} doesn't fit in mask 0x{fit_mask:x}"
            return 0
        return value

    def _addr(self, op: str, pn):
        if (isinstance(pn, Node) and pn.rule == "atom_bracket" and isinstance(pn.args[0], Node)
                and pn.args[0].rule == "testlist_comp" and len(pn.args[0].args) == 2):
            return pn.args[0].args
        self.error = f"'{op}' expects an address of the form [a, b]"
        return None

    # ---- branches ----

    def _rel(self, label: int) -> int:
        dest = self.as_.label_dest(label)
        return (dest if dest is not None else -1) - self.as_.code_offset - 4

    def _fits_or_not_emitting(self, rel: int, bits: int) -> bool:
        mask = (0xFFFFFFFF << (bits - 1)) & 0xFFFFFFFF
        return self.as_.pass_ != PASS_EMIT or (rel & mask) in (0, mask)

    def _b_n(self, label: int) -> bool:
        rel = self._rel(label)
        self.as_.op16(0xE000 | ((rel >> 1) & 0x7FF))
        return self._fits_or_not_emitting(rel, 12)

    def _bcc_nw(self, cond: int, label: int, wide: bool) -> bool:
        rel = self._rel(label)
        if not wide:
            self.as_.op16(0xD000 | (cond << 8) | ((rel >> 1) & 0xFF))
            return self._fits_or_not_emitting(rel, 9)
        if self.armv7m:
            self.as_.op32(0xF000 | (cond << 6) | ((rel >> 10) & 0x0400) | ((rel >> 12) & 0x3F),
                          0x8000 | ((rel >> 5) & 0x2000) | ((rel >> 8) & 0x0800)
                          | ((rel >> 1) & 0x7FF))
            return True
        return False

    def _bl(self, label: int) -> bool:
        rel = self._rel(label)
        self.as_.op32(0xF000 | ((rel >> 12) & 0x7FF), 0xF800 | ((rel >> 1) & 0x7FF))
        return self._fits_or_not_emitting(rel, 23)

    # ---- instructions ----

    def op(self, op: str, args: list) -> None:
        try:
            if not self._op(op, args):
                self.error = f"unsupported Thumb instruction '{op}' with {len(args)} arguments"
        except _BranchNotInRange:
            self.error = "branch not in range"

    def _op(self, op: str, args: list) -> bool:
        a = self.as_
        n = len(args)
        if self.allow_float and op.startswith("v"):
            return self._vfp_op(op, args)
        if n == 0:
            if op == "nop":
                a.op16(OP_NOP)
            elif op == "wfi":
                a.op16(0xBF30)
            else:
                return False
        elif n == 1:
            if op == "b":
                if not self._b_n(self._label_arg(op, args[0])):
                    raise _BranchNotInRange
            elif op == "bl":
                if not self._bl(self._label_arg(op, args[0])):
                    raise _BranchNotInRange
            elif op == "bx":
                a.op16(0x4700 | (self._reg(op, args[0], 15) << 3))
            elif op[:1] == "b" and (len(op) == 3 or (len(op) == 5 and op[3] == "_" and (
                    op[4] == "n" or (self.armv7m and op[4] == "w")))):
                if op[1:3] not in _CONDITIONS:
                    return False
                cc = _CONDITIONS.index(op[1:3])
                label_num = self._label_arg(op, args[0])
                wide = len(op) == 5 and op[4] == "w"
                if wide and not self.armv7m:
                    return False
                if not self._bcc_nw(cc, label_num, wide):
                    raise _BranchNotInRange
            elif self.armv7m and op.startswith("it"):
                arg = arg_str(args[0])
                if len(arg) != 2 or arg not in _CONDITIONS:
                    return False
                cc = _CONDITIONS.index(arg)
                suffix = op[2:]
                if len(suffix) > 3:
                    return False
                mask = 8
                for ch in reversed(suffix):
                    mask >>= 1
                    if ch == "t":
                        mask |= (cc & 1) << 3
                    elif ch == "e":
                        mask |= ((~cc) & 1) << 3
                    else:
                        return False
                a.op16(0xBF00 | (cc << 4) | mask)
            elif op == "cpsid":
                a.op16(0xB672)
            elif op == "cpsie":
                a.op16(0xB662)
            elif op == "push":
                reglist = self._reglist(op, args[0])
                if reglist & 0xBF00 == 0:
                    if reglist & (1 << 14) == 0:
                        a.op16(0xB400 | reglist)
                    else:
                        a.op16(0xB500 | (reglist & 0xFF))
                else:
                    if not self.armv7m:
                        return False
                    a.op32(0xE92D, reglist)
            elif op == "pop":
                reglist = self._reglist(op, args[0])
                if reglist & 0x7F00 == 0:
                    if reglist & (1 << 15) == 0:
                        a.op16(0xBC00 | reglist)
                    else:
                        a.op16(0xBD00 | (reglist & 0xFF))
                else:
                    if not self.armv7m:
                        return False
                    a.op32(0xE8BD, reglist)
            else:
                return False
        elif n == 2:
            if isinstance(args[1], Id):
                if op == "mov":
                    dest = self._reg(op, args[0], 15)
                    src = self._reg(op, args[1], 15)
                    a.mov_reg_reg(dest, src)
                elif self.armv7m and op in ("clz", "rbit"):
                    hi, lo = (0xFAB0, 0xF080) if op == "clz" else (0xFA90, 0xF0A0)
                    rd = self._reg(op, args[0], 15)
                    rm = self._reg(op, args[1], 15)
                    a.op32(hi | rm, lo | (rd << 8) | rm)
                elif self.armv7m and op == "mrs":
                    dest = self._reg(op, args[0], 12)
                    src = self._special_reg(op, args[1])
                    a.op32(0xF3EF, 0x8000 | (dest << 8) | src)
                else:
                    if op == "and_":
                        code = 0x4000
                    elif op in _FORMAT_4:
                        code = _FORMAT_4[op]
                    else:
                        return False
                    dest = self._reg(op, args[0], 7)
                    src = self._reg(op, args[1], 7)
                    a.op16(code | (src << 3) | dest)
            else:
                format_3 = {"mov": 0x2000, "cmp": 0x2800, "add": 0x3000, "sub": 0x3800}
                if op in format_3:
                    rlo = self._reg(op, args[0], 7)
                    i8 = self._imm(op, args[1], 0xFF)
                    a.op16(format_3[op] | (rlo << 8) | i8)
                elif self.armv7m and op in ("movw", "movt"):
                    dest = self._reg(op, args[0], 15)
                    i16 = self._imm(op, args[1], 0xFFFF)
                    a.mov_reg_i16(OP_MOVW if op == "movw" else OP_MOVT, dest, i16)
                elif self.armv7m and op == "movwt":
                    dest = self._reg(op, args[0], 15)
                    i32 = self._imm(op, args[1], 0xFFFFFFFF)
                    a.mov_reg_i16(OP_MOVW, dest, i32 & 0xFFFF)
                    a.mov_reg_i16(OP_MOVT, dest, (i32 >> 16) & 0xFFFF)
                elif self.armv7m and op == "ldrex":
                    r_dest = self._reg(op, args[0], 15)
                    addr = self._addr(op, args[1])
                    if addr is not None:
                        r_base = self._reg(op, addr[0], 15)
                        i8 = self._imm(op, addr[1], 0xFF) >> 2
                        a.op32(0xE850 | r_base, 0x0F00 | (r_dest << 12) | i8)
                elif op in _FORMAT_9_10:
                    code = _FORMAT_9_10[op]
                    rlo_dest = self._reg(op, args[0], 7)
                    addr = self._addr(op, args[1])
                    if addr is None:
                        return False
                    rlo_base = self._reg(op, addr[0], 7)
                    if code & 0x1000:
                        i5 = self._imm(op, addr[1], 0x1F)
                    elif code & 0x8000:
                        i5 = self._imm(op, addr[1], 0x3E) >> 1
                    else:
                        i5 = self._imm(op, addr[1], 0x7C) >> 2
                    a.op16(code | ((i5 << 6) & 0x07C0) | (rlo_base << 3) | rlo_dest)
                else:
                    return False
        elif n == 3:
            if op in ("lsl", "lsr", "asr"):
                code = {"lsl": 0x0000, "lsr": 0x0800, "asr": 0x1000}[op]
                rlo_dest = self._reg(op, args[0], 7)
                rlo_src = self._reg(op, args[1], 7)
                i5 = self._imm(op, args[2], 0x1F)
                a.op16(code | (i5 << 6) | (rlo_src << 3) | rlo_dest)
            elif op in ("add", "sub"):
                code = 0x1800 if op == "add" else 0x1A00
                rlo_dest = self._reg(op, args[0], 7)
                rlo_src = self._reg(op, args[1], 7)
                if isinstance(args[2], Id):
                    src_b = self._reg(op, args[2], 7)
                else:
                    code |= 0x0400
                    src_b = self._imm(op, args[2], 0x7)
                a.op16(code | (src_b << 6) | (rlo_src << 3) | rlo_dest)
            elif self.armv7m and op in ("sdiv", "udiv"):
                code = 0xFB90 if op == "sdiv" else 0xFBB0
                rd = self._reg(op, args[0], 15)
                rn = self._reg(op, args[1], 15)
                rm = self._reg(op, args[2], 15)
                a.op32(code | rn, 0xF0F0 | (rd << 8) | rm)
            elif self.armv7m and op == "strex":
                r_dest = self._reg(op, args[0], 15)
                r_src = self._reg(op, args[1], 15)
                addr = self._addr(op, args[2])
                if addr is not None:
                    r_base = self._reg(op, addr[0], 15)
                    i8 = self._imm(op, addr[1], 0xFF) >> 2
                    a.op32(0xE840 | r_base, (r_src << 12) | (r_dest << 8) | i8)
            else:
                return False
        else:
            return False
        return True

    def _vfp_op(self, op: str, args: list) -> bool:
        a = self.as_
        n = len(args)
        if n == 2:
            two_args = {"vcmp": (0xEEB4, 0x0AC0), "vsqrt": (0xEEB1, 0x0AC0),
                        "vneg": (0xEEB1, 0x0A40), "vcvt_f32_s32": (0xEEB8, 0x0AC0),
                        "vcvt_s32_f32": (0xEEBD, 0x0AC0)}
            if op in two_args:
                hi, lo = two_args[op]
                vd = self._vfpreg(op, args[0])
                vm = self._vfpreg(op, args[1])
                a.op32(hi | ((vd & 1) << 6),
                       lo | ((vd & 0x1E) << 11) | ((vm & 1) << 5) | (vm & 0x1E) >> 1)
            elif op == "vmrs":
                if arg_str(args[0]) == "APSR_nzcv":
                    reg_dest = 15
                else:
                    reg_dest = self._reg(op, args[0], 15)
                if arg_str(args[1]) != "FPSCR":
                    return False
                a.op32(0xEEF1, 0x0A10 | (reg_dest << 12))
            elif op == "vmov":
                hi = 0xEE00
                if arg_str(args[0])[:1] == "r":
                    r_arm = self._reg(op, args[0], 15)
                    vm = self._vfpreg(op, args[1])
                    hi |= 0x10
                else:
                    vm = self._vfpreg(op, args[0])
                    r_arm = self._reg(op, args[1], 15)
                a.op32(hi | ((vm & 0x1E) >> 1), 0x0A10 | (r_arm << 12) | ((vm & 1) << 7))
            elif op in ("vldr", "vstr"):
                hi = 0xED90 if op == "vldr" else 0xED80
                vd = self._vfpreg(op, args[0])
                addr = self._addr(op, args[1])
                if addr is not None:
                    rlo_base = self._reg(op, addr[0], 7)
                    i8 = self._imm(op, addr[1], 0x3FC) >> 2
                    a.op32(hi | rlo_base | ((vd & 1) << 6), 0x0A00 | ((vd & 0x1E) << 11) | i8)
            else:
                return False
            return True
        if n == 3 and len(op) == 4 and op[1:] in _VFP_ARITH:
            code = _VFP_ARITH[op[1:]]
            hi = 0xEE00 | (code & 0xF0)
            lo = 0x0A00 | ((code & 0x0F) << 4)
            vd = self._vfpreg(op, args[0])
            vn = self._vfpreg(op, args[1])
            vm = self._vfpreg(op, args[2])
            a.op32(hi | ((vd & 1) << 6) | (vn >> 1),
                   lo | (vm >> 1) | ((vm & 1) << 5) | ((vd & 0x1E) << 11) | ((vn & 1) << 7))
            return True
        return False


class _BranchNotInRange(Exception):
    pass
