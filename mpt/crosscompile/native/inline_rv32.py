"""The RISC-V inline assembler (``@micropython.asm_rv32``, or any asm_* decorator under
-march=rv32imc), as mpy-cross assembles it: a table of opcodes, each with operand kinds and
range masks, plus the Zba and Zcmp extensions when -march-flags allows them."""

from __future__ import annotations

from mpt.crosscompile.native.inline_base import InlineAsmBase, int_value
from mpt.crosscompile.native.rv32 import (
    EXT_ZBA, EXT_ZCMP, AsmRv32, _split, _type_b, _type_ci, _type_cj, _type_cl, _type_cmpp,
    _type_cr, _type_css, _type_i, _type_r, _type_s, _type_u,
)
from mpt.crosscompile.parsenode import Id, Node, Token

_NAMES = ("zero ra sp gp tp t0 t1 t2 s0 s1 a0 a1 a2 a3 a4 a5 a6 a7 "
          "s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 t3 t4 t5 t6").split()
REGISTERS = {name: i for i, name in enumerate(_NAMES)}
REGISTERS.update({f"x{i}": i for i in range(32)})

# operand kinds
N, R, I, L = 0, 1, 2, 3
C = U = 1 << 2
Z = 1 << 3
RC, IU, IZ, IUZ = R | C, I | U, I | Z, I | U | Z


def _ca(ft6, ft2, rd, rs):
    return 1 | ((ft6 & 0x3F) << 10) | ((ft2 & 3) << 5) | ((rd & 3) << 7) | ((rs & 3) << 2)


def _cb(ft3, rs, imm):
    return 1 | ((ft3 & 7) << 13) | ((rs & 7) << 7) | ((imm & 0xE0) << 5) | ((imm & 0x1F) << 2)


def _cb_offset(off):
    return (((off & 0x100) >> 1) | ((off & 0xC0) >> 3) | ((off & 0x20) >> 5)
            | ((off & 0x18) << 2) | (off & 0x06))


def _ciw(rd, imm):
    return (((rd & 7) << 2) | ((imm & 0x3C0) << 1) | ((imm & 0x30) << 7) | ((imm & 0x08) << 2)
            | ((imm & 0x04) << 4))


def _type_j(rd, imm):
    return (0x6F | ((rd & 0x1F) << 7) | (imm & 0xFF000) | ((imm & 0x800) << 9)
            | ((imm & 0x7FE) << 20) | ((imm & 0x100000) << 11))


def _csri(ft3, rd, csr, imm):
    return 0x73 | ((rd & 0x1F) << 7) | ((ft3 & 7) << 12) | ((csr & 0xFFF) << 20) \
        | ((imm & 0x1F) << 15)


def _cmmv(ft2, r1s, r2s):
    def enc(r):
        return (r - 8) if 8 <= r <= 9 else (r - 18 + 2)
    return 2 | (0x2B << 10) | ((ft2 & 3) << 5) | ((enc(r1s) & 7) << 7) | ((enc(r2s) & 7) << 2)


def _w(f):
    return ("w", f)


def _h(f):
    return ("h", f)


# name: (masks, n_nodes, calling convention, kinds, shifts, extensions, encoder)
# encoders take the serialised operands (in the order the calling convention passes them)
_OPS = {}


def _op(name, masks, n, conv, kinds, shifts, ext, enc):
    _OPS[name] = (masks, n, conv, kinds, shifts, ext, enc)


F, F12, UP, B13, M5 = 0xFFFFFFFF, 0x00000FFF, 0xFFFFF000, 0x00001FFE, 0x0000001F
NZ, M6, CW, M3FC, M1FE = 0xFFFFFFFE, 0x0000003F, 0x0000FF00, 0x000003FC, 0x000001FE
MFFE, NZSP, LUI, M7C, MFC, J21 = 0x00000FFE, 0xFFFFFFFA, 0x0001F800, 0x0000007C, 0x000000FC, \
    0x001FFFFE

for _name, _ft3, _ft7 in (("add", 0, 0), ("and_", 7, 0), ("div", 4, 1), ("divu", 5, 1),
                          ("mul", 0, 1), ("mulh", 1, 1), ("mulhsu", 2, 1), ("mulhu", 3, 1),
                          ("or_", 6, 0), ("rem", 6, 1), ("remu", 7, 1), ("sll", 1, 0),
                          ("slt", 2, 0), ("sltu", 3, 0), ("sra", 5, 0x20), ("srl", 5, 0),
                          ("sub", 0, 0x20), ("xor", 4, 0)):
    _op(_name, (F, F, F), 3, "RRR", (R, R, R), (0, 0, 0), 0,
        _w(lambda a, b, c, f3=_ft3, f7=_ft7: _type_r(0x33, f3, f7, a, b, c)))
for _name, _ft3 in (("sh1add", 2), ("sh2add", 4), ("sh3add", 6)):
    _op(_name, (F, F, F), 3, "RRR", (R, R, R), (0, 0, 0), EXT_ZBA,
        _w(lambda a, b, c, f3=_ft3: _type_r(0x33, f3, 0x10, a, b, c)))
for _name, _ft3 in (("addi", 0), ("andi", 7), ("ori", 6), ("slti", 2), ("sltiu", 3),
                    ("xori", 4)):
    _op(_name, (F, F, F12), 3, "RRI", (R, R, I), (0, 0, 0), 0,
        _w(lambda a, b, c, f3=_ft3: _type_i(0x13, f3, a, b, c)))
_op("jalr", (F, F, F12), 3, "RRI", (R, R, I), (0, 0, 0), 0,
    _w(lambda a, b, c: _type_i(0x67, 0, a, b, c)))
_op("slli", (F, F, M5), 3, "RRI", (R, R, IU), (0, 0, 0), 0,
    _w(lambda a, b, c: _type_i(0x13, 1, a, b, c & 0x1F)))
_op("srli", (F, F, M5), 3, "RRI", (R, R, IU), (0, 0, 0), 0,
    _w(lambda a, b, c: _type_i(0x13, 5, a, b, c & 0x1F)))
_op("srai", (F, F, M5), 3, "RRI", (R, R, IU), (0, 0, 0), 0,
    _w(lambda a, b, c: _type_i(0x13, 5, a, b, (c & 0x1F) | 0x400)))
for _name, _ft3 in (("csrrc", 3), ("csrrs", 2), ("csrrw", 1)):
    _op(_name, (F, F, F12), 3, "RRI", (R, R, IU), (0, 0, 0), 0,
        _w(lambda a, b, c, f3=_ft3: _type_i(0x73, f3, a, b, c)))
for _name, _ft3 in (("csrrci", 7), ("csrrsi", 6), ("csrrwi", 5)):
    _op(_name, (F, F12, M5), 3, "RII", (R, IU, IU), (0, 0, 0), 0,
        _w(lambda a, b, c, f3=_ft3: _csri(f3, a, b, c)))
for _name, _ft3 in (("beq", 0), ("bne", 1), ("blt", 4), ("bge", 5), ("bltu", 6), ("bgeu", 7)):
    _op(_name, (F, F, B13), 3, "RRL", (R, R, L), (0, 0, 0), 0,
        _w(lambda a, b, c, f3=_ft3: _type_b(0x63, f3, a, b, c)))
_op("auipc", (F, UP, 0), 2, "RI", (R, I, N), (0, 12, 0), 0, _w(lambda a, b: _type_u(0x17, a, b)))
_op("lui", (F, UP, 0), 2, "RI", (R, I, N), (0, 12, 0), 0, _w(lambda a, b: _type_u(0x37, a, b)))
_op("jal", (F, J21, 0), 2, "RL", (R, L, N), (0, 0, 0), 0, _w(lambda a, b: _type_j(a, b)))
_op("la", (F, F, 0), 2, "RL", (R, L, N), (0, 0, 0), 0, "la")
_op("li", (F, F, 0), 2, "RI", (R, I, N), (0, 0, 0), 0, "li")
_op("mv", (F, F, 0), 2, "RR", (R, R, N), (0, 0, 0), 0, _h(lambda a, b: _type_cr(2, 8, a, b)))
for _name, _ft3 in (("lb", 0), ("lbu", 4), ("lh", 1), ("lhu", 5), ("lw", 2)):
    _op(_name, (F, F12, F), 2, "RIR", (R, I, R), (0, 0, 0), 0,
        _w(lambda rd, rs, off, f3=_ft3: _type_i(0x03, f3, rd, rs, off)))
for _name, _ft3 in (("sb", 0), ("sh", 1), ("sw", 2)):
    _op(_name, (F, F12, F), 2, "RIR", (R, I, R), (0, 0, 0), 0,
        _w(lambda rs2, rs1, off, f3=_ft3: _type_s(0x23, f3, rs1, rs2, off)))
_op("ebreak", (0, 0, 0), 0, "N", (N, N, N), (0, 0, 0), 0, _w(lambda: 0x100073))
_op("ecall", (0, 0, 0), 0, "N", (N, N, N), (0, 0, 0), 0, _w(lambda: 0x73))
# compressed
_op("c_add", (NZ, NZ, 0), 2, "RR", (R, R, N), (0, 0, 0), 0,
    _h(lambda a, b: _type_cr(2, 9, a, b)))
_op("c_addi", (NZ, M6, 0), 2, "RI", (R, IZ, N), (0, 0, 0), 0,
    _h(lambda a, b: _type_ci(1, 0, a, b)))
_op("c_addi4spn", (CW, M3FC, 0), 2, "RI", (R, IUZ, N), (0, 0, 0), 0,
    _h(lambda a, b: _ciw(a, b)))
for _name, _ft2 in (("c_and", 3), ("c_or", 2), ("c_sub", 0), ("c_xor", 1)):
    _op(_name, (CW, CW, 0), 2, "RR", (RC, RC, N), (0, 0, 0), 0,
        _h(lambda a, b, f2=_ft2: _ca(0x23, f2, a, b)))
_op("c_andi", (CW, M6, 0), 2, "RI", (RC, I, N), (0, 0, 0), 0,
    _h(lambda a, b: _cb(4, a, ((b & 0x20) << 2) | (b & 0x1F) | 0x40)))
_op("c_beqz", (CW, M1FE, 0), 2, "RL", (RC, L, N), (0, 0, 0), 0,
    _h(lambda a, b: _cb(6, a, _cb_offset(b))))
_op("c_bnez", (CW, M1FE, 0), 2, "RL", (RC, L, N), (0, 0, 0), 0,
    _h(lambda a, b: _cb(7, a, _cb_offset(b))))
_op("c_ebreak", (0, 0, 0), 0, "N", (N, N, N), (0, 0, 0), 0, _h(lambda: 0x9002))
_op("c_nop", (0, 0, 0), 0, "N", (N, N, N), (0, 0, 0), 0, _h(lambda: 0x0001))
_op("c_j", (MFFE, 0, 0), 1, "L", (L, N, N), (0, 0, 0), 0, _h(lambda a: _type_cj(1, 5, a)))
_op("c_jal", (MFFE, 0, 0), 1, "L", (L, N, N), (0, 0, 0), 0, _h(lambda a: _type_cj(1, 1, a)))
_op("c_jalr", (NZ, 0, 0), 1, "R", (R, N, N), (0, 0, 0), 0, _h(lambda a: _type_cr(2, 9, a, 0)))
_op("c_jr", (NZ, 0, 0), 1, "R", (R, N, N), (0, 0, 0), 0, _h(lambda a: _type_cr(2, 8, a, 0)))
_op("c_li", (NZ, M6, 0), 2, "RI", (R, I, N), (0, 0, 0), 0, _h(lambda a, b: _type_ci(1, 2, a, b)))
_op("c_lui", (NZSP, LUI, 0), 2, "RI", (R, IUZ, N), (0, 12, 0), 0,
    _h(lambda a, b: _type_ci(1, 3, a, (b & 0xFFFFFFFF) >> 12)))
_op("c_lw", (CW, M7C, CW), 2, "RIR", (RC, I, RC), (0, 0, 0), 0,
    _h(lambda rd, rs, off: _type_cl(0, 2, rd, rs, off)))
_op("c_sw", (CW, M7C, CW), 2, "RIR", (RC, I, RC), (0, 0, 0), 0,
    _h(lambda rs1, rs2, off: _type_cl(0, 6, rs1, rs2, off)))
_op("c_lwsp", (NZ, MFC, 0), 2, "RI", (R, I, N), (0, 0, 0), 0,
    _h(lambda a, b: _type_ci(2, 2, a, ((b & 0xC0) >> 6) | (b & 0x3C))))
_op("c_swsp", (F, MFC, 0), 2, "RI", (R, I, N), (0, 0, 0), 0,
    _h(lambda a, b: _type_css(2, 6, a, ((b & 0xC0) >> 6) | (b & 0x3C))))
_op("c_mv", (NZ, NZ, 0), 2, "RR", (R, R, N), (0, 0, 0), 0, _h(lambda a, b: _type_cr(2, 8, a, b)))
_op("c_slli", (NZ, M5, 0), 2, "RI", (R, IU, N), (0, 0, 0), 0,
    _h(lambda a, b: _type_ci(2, 0, a, b)))
_op("c_srai", (CW, M5, 0), 2, "RI", (RC, IU, N), (0, 0, 0), 0,
    _h(lambda a, b: _cb(4, a, ((b & 0x20) << 2) | (b & 0x1F) | 0x20)))
_op("c_srli", (CW, M5, 0), 2, "RI", (RC, IU, N), (0, 0, 0), 0,
    _h(lambda a, b: _cb(4, a, ((b & 0x20) << 2) | (b & 0x1F))))

_ZCMP = {"cm_push": (0x2E, 0), "cm_pop": (0x2E, 2), "cm_popret": (0x2F, 2),
         "cm_popretz": (0x2F, 0)}
_ZCMP_MOVES = {"cm_mva01s": 3, "cm_mvsa01": 1}


def _clz32(x: int) -> int:
    return 32 - (x & 0xFFFFFFFF).bit_length()


def _ctz(x: int) -> int:
    return (x & -x).bit_length() - 1 if x else 0


def in_signed_mask(mask: int, value: int) -> bool:
    lz = _clz32(mask)
    if lz == 0:
        return True
    value &= 0xFFFFFFFF
    positive = ~(mask & ~(1 << (31 - lz))) & 0xFFFFFFFF
    if value & positive == 0:
        return True
    negative = ~(mask >> 1) & 0xFFFFFFFF
    tz = _ctz(mask)
    if tz > 0:
        trailing = (1 << tz) - 1
        if value & trailing:
            return False
        negative &= ~trailing
    return value & negative == negative


def in_unsigned_mask(mask: int, value: int) -> bool:
    return value & ~mask & 0xFFFFFFFFFFFFFFFF == 0


class _ArgError(Exception):
    pass


class InlineRv32(InlineAsmBase):
    arch_label = "RV32"
    first_param_reg = 0
    param_prefix = "a"

    def __init__(self, extensions: int):
        super().__init__(AsmRv32(extensions))
        self.extensions = extensions

    def end_pass(self) -> None:
        self.as_.c_jr(1)

    def count_params(self, params: list) -> int:
        if len(params) > 4:
            self.error = "can only have up to 4 parameters for RV32 assembly"
            return 0
        for i, pn in enumerate(params):
            if not isinstance(pn, Id) or REGISTERS.get(pn.name) != 10 + i:
                self.error = "parameters must be registers in sequence a0 to a3"
                return 0
        return len(params)

    def _fail(self, message: str):
        self.error = message
        raise _ArgError

    def _lookup(self, name: str):
        for num, label_name in self.label_lookup.items():
            if label_name == name:
                return num
        return None

    def _serialise(self, op: str, spec, pn, index: int) -> int:
        masks, _, _, kinds, shifts, _, _ = spec
        kind, shift, mask = kinds[index], shifts[index], masks[index]
        base = kind & 3
        if base == N:
            return 0
        if base == R:
            reg = REGISTERS.get(pn.name) if isinstance(pn, Id) else None
            if reg is None:
                self._fail(f"opcode '{op}' argument {index + 1}: expecting register")
            if not mask & (1 << reg):
                self._fail(f"opcode '{op}' argument {index + 1}: unknown register")
            return reg - 8 if kind & C else reg
        if base == I:
            value = int_value(pn)
            if value is None:
                self._fail(f"opcode '{op}' argument {index + 1}: expecting integer")
            imm = ((value & 0xFFFFFFFFFFFFFFFF) << shift) & 0xFFFFFFFFFFFFFFFF
            ok = in_unsigned_mask(mask, imm) if kind & U else in_signed_mask(mask, imm)
            if not ok:
                self._fail(f"opcode '{op}' argument {index + 1}: out of range")
            if kind & Z and imm == 0:
                self._fail(f"opcode '{op}' argument {index + 1}: must not be zero")
            return imm
        # a label: its displacement from here
        if not isinstance(pn, Id):
            self._fail(f"opcode '{op}' argument {index + 1}: expecting label")
        label = self._lookup(pn.name)
        if label is None and self.pass_ == "emit":
            self._fail(f"opcode '{op}' argument {index + 1}: undefined label '{pn.name}'")
        dest = self.as_.label_dest(label) if label is not None else None
        # (a label not seen yet in a sizing pass reads as offset 0 in mpy-cross)
        disp = ((dest if dest is not None else 0) - self.as_.code_offset) & 0xFFFFFFFFFFFFFFFF
        ok = in_unsigned_mask(mask, disp) if kind & U else in_signed_mask(mask, disp)
        if not ok:
            self._fail(f"opcode '{op}' argument {index + 1}: out of range")
        return disp

    def _register_offset(self, op: str, spec, pn) -> tuple[int, int]:
        negative = False
        node = pn
        if isinstance(node, Node) and node.rule == "factor_2":
            tok = node.args[0]
            if isinstance(tok, Token) and tok.kind == "OP_MINUS":
                negative = True
            elif not (isinstance(tok, Token) and tok.kind == "OP_PLUS"):
                self._fail(f"opcode '{op}' argument 2: expecting offset")
            node = node.args[1]
            if not (isinstance(node, Node) and node.rule == "atom_expr_normal"):
                self._fail(f"opcode '{op}' argument 2: expecting offset")
        elif not (isinstance(node, Node) and node.rule == "atom_expr_normal"):
            self._fail(f"opcode '{op}' argument 2: expecting offset")
        if negative:
            value = int_value(node.args[0])
            if value is None:
                self._fail(f"opcode '{op}' argument 2: expecting integer")
            value = (-value) & 0xFFFFFFFFFFFFFFFF
            masks, _, _, kinds, shifts, _, _ = spec
            check = (value << shifts[1]) & 0xFFFFFFFFFFFFFFFF
            kind = kinds[1]
            ok = (in_unsigned_mask(masks[1], check) if kind & U
                  else in_signed_mask(masks[1], check))
            if not ok or (kind & Z and check == 0):
                self._fail(f"opcode '{op}' argument 2: out of range")
            offset = value
        else:
            offset = self._serialise(op, spec, node.args[0], 1)
        trailer = node.args[1]
        base = self._serialise(op, spec, trailer.args[0] if isinstance(trailer, Node) else None,
                               2)
        return offset, base

    def _register_list(self, pn) -> int | None:
        if not (isinstance(pn, Node) and pn.rule == "atom_brace" and len(pn.args) == 1):
            return None
        inner = pn.args[0]
        if isinstance(inner, Id):
            return 4 if REGISTERS.get(inner.name) == 1 else None
        if not (isinstance(inner, Node) and inner.rule == "dictorsetmaker"
                and len(inner.args) == 2):
            return None
        first, rest = inner.args
        if not (isinstance(first, Id) and REGISTERS.get(first.name) == 1
                and isinstance(rest, Node) and rest.rule == "dictorsetmaker_list"
                and len(rest.args) == 1):
            return None
        second = rest.args[0]
        if isinstance(second, Id):
            return 5 if REGISTERS.get(second.name) == 8 else None
        if isinstance(second, Node) and second.rule == "arith_expr" and len(second.args) == 3:
            lo, tok, hi = second.args
            if not (isinstance(lo, Id) and isinstance(tok, Token) and tok.kind == "OP_MINUS"
                    and isinstance(hi, Id)):
                return None
            if REGISTERS.get(lo.name) != 8:
                return None
            top = REGISTERS.get(hi.name)
            if top is None or top == 26:
                return None
            if top == 9:
                return 6
            if 18 <= top <= 27:
                return 7 + min(top, 26) - 18
        return None

    def _zcmp(self, op: str, args: list) -> bool:
        a = self.as_
        if op in _ZCMP_MOVES:
            regs = []
            for i, pn in enumerate(args):
                reg = REGISTERS.get(pn.name) if isinstance(pn, Id) else None
                if reg is None or not (1 << reg) & 0x00FC0300:
                    self._fail(f"opcode '{op}' argument {i + 1}: wrong register(s)")
                regs.append(reg)
            if regs[0] == regs[1]:
                self._fail(f"opcode '{op}': registers must be different")
            a.half(_cmmv(_ZCMP_MOVES[op], regs[0], regs[1]))
            return True
        if op not in _ZCMP:
            return False
        reglist = self._register_list(args[0])
        if reglist is None:
            self._fail(f"opcode '{op}': malformed register list")
        value = int_value(args[1])
        if value is None:
            self._fail(f"opcode '{op}' argument 2: expecting integer")
        magnitude = abs(value)
        if (magnitude & ~0x30) or (op == "cm_push" and value > 0) or (
                op != "cm_push" and value < 0):
            self._fail(f"opcode '{op}': invalid stack adjustment")
        ft6, ft2 = _ZCMP[op]
        a.half(_type_cmpp(2, ft6, ft2, reglist, magnitude))
        return True

    def op(self, op: str, args: list) -> None:
        try:
            self._op(op, args)
        except _ArgError:
            pass

    def _op(self, op: str, args: list) -> None:
        a = self.as_
        spec = _OPS.get(op)
        if (self.extensions & EXT_ZCMP and spec is None and len(args) == 2
                and self._zcmp(op, args)):
            return
        if spec is None or (self.extensions & spec[5]) != spec[5]:
            self._fail(f"invalid RV32 instruction '{op}'")
        masks, n_nodes, conv, kinds, shifts, ext, enc = spec
        if len(args) != n_nodes:
            self._fail(f"opcode '{op}': expecting {n_nodes} arguments")
        values = [0, 0, 0]
        if n_nodes >= 1:
            values[0] = self._serialise(op, spec, args[0], 0)
        if conv == "RIR":
            values[1], values[2] = self._register_offset(op, spec, args[1])
            operands = (values[0], values[2], values[1])
        else:
            if n_nodes >= 2:
                values[1] = self._serialise(op, spec, args[1], 1)
            if n_nodes >= 3:
                values[2] = self._serialise(op, spec, args[2], 2)
            operands = tuple(values[:n_nodes]) if conv != "N" else ()
        if enc == "li":
            a.mov_reg_imm(operands[0], _signed64(operands[1]))
        elif enc == "la":
            upper, lower = _split(operands[1])
            a.auipc(operands[0], upper)
            a.addi(operands[0], operands[0], lower)
        elif enc[0] == "w":
            a.word(enc[1](*operands))
        else:
            a.half(enc[1](*operands))


def _signed64(x: int) -> int:
    x &= 0xFFFFFFFFFFFFFFFF
    return x - (1 << 64) if x >> 63 else x
