"""RISC-V RV32IMC machine code, with the Zba and Zcmp extensions mpy-cross can use.

The integer base set, multiply/divide, Zba's shNadd, the integer compressed instructions and
Zcmp's cm.push/cm.pop/cm.popret(z)/cm.mva01s/cm.mvsa01, in the assembler's usual syntax with
ABI register names. Anything else is one ``.short`` (or ``.word`` for a 32-bit encoding).
"""

from __future__ import annotations

from mpt.mpy.machine.insn import Insn, data_item

REG_NAMES = ("zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2",
             "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9",
             "s10", "s11", "t3", "t4", "t5", "t6")
_BRANCH = {0: "beq", 1: "bne", 4: "blt", 5: "bge", 6: "bltu", 7: "bgeu"}
_LOAD = {0: "lb", 1: "lh", 2: "lw", 4: "lbu", 5: "lhu"}
_STORE = {0: "sb", 1: "sh", 2: "sw"}
_OP_IMM = {0: "addi", 2: "slti", 3: "sltiu", 4: "xori", 6: "ori", 7: "andi"}
_OP = {(0, 0): "add", (0, 0x20): "sub", (1, 0): "sll", (2, 0): "slt", (3, 0): "sltu",
       (4, 0): "xor", (5, 0): "srl", (5, 0x20): "sra", (6, 0): "or", (7, 0): "and",
       (0, 1): "mul", (1, 1): "mulh", (2, 1): "mulhsu", (3, 1): "mulhu", (4, 1): "div",
       (5, 1): "divu", (6, 1): "rem", (7, 1): "remu",
       (2, 0x10): "sh1add", (4, 0x10): "sh2add", (6, 0x10): "sh3add"}


def _s(value: int, bits: int) -> int:
    return value - (1 << bits) if value >> (bits - 1) & 1 else value


def _bits(value: int, hi: int, lo: int) -> int:
    return value >> lo & ((1 << (hi - lo + 1)) - 1)


def decode_rv32(code: bytes, start: int, end: int) -> list[Insn]:
    out = []
    pos = start
    while pos < end:
        if pos + 2 > end:
            insn = data_item(code, pos, 1)
        else:
            half = int.from_bytes(code[pos:pos + 2], "little")
            if half & 3 != 3:
                insn = _decode_16(half, pos) or data_item(code, pos, 2)
            elif pos + 4 <= end:
                word = int.from_bytes(code[pos:pos + 4], "little")
                insn = _decode_32(word, pos) or data_item(code, pos, 4)
            else:
                insn = data_item(code, pos, 2)
        out.append(insn)
        pos += insn.size
    return out


def _decode_32(w: int, pos: int) -> Insn | None:
    op, rd, f3, rs1, rs2, f7 = w & 0x7F, _bits(w, 11, 7), _bits(w, 14, 12), _bits(w, 19, 15), \
        _bits(w, 24, 20), w >> 25
    r = REG_NAMES
    i_imm = _s(w >> 20, 12)

    def insn(text: str, form: tuple[object, ...]) -> Insn:
        return Insn(pos, 4, text, form)

    if op in (0x37, 0x17):
        name = "lui" if op == 0x37 else "auipc"
        return insn(f"{name} {r[rd]}, 0x{w >> 12:x}", (name, rd, w & 0xFFFFF000))
    if op == 0x6F:
        off = _s(_bits(w, 31, 31) << 20 | _bits(w, 19, 12) << 12 | _bits(w, 20, 20) << 11
                 | _bits(w, 30, 21) << 1, 21)
        return insn(f"jal {r[rd]}, 0x{pos + off:x}", ("jal", rd, pos + off))
    if op == 0x67 and f3 == 0:
        return insn(f"jalr {r[rd]}, {i_imm}({r[rs1]})", ("jalr", rd, rs1, i_imm))
    if op == 0x63 and f3 in _BRANCH:
        off = _s(_bits(w, 31, 31) << 12 | _bits(w, 7, 7) << 11 | _bits(w, 30, 25) << 5
                 | _bits(w, 11, 8) << 1, 13)
        return insn(f"{_BRANCH[f3]} {r[rs1]}, {r[rs2]}, 0x{pos + off:x}",
                    (_BRANCH[f3], rs1, rs2, pos + off))
    if op == 0x03 and f3 in _LOAD:
        return insn(f"{_LOAD[f3]} {r[rd]}, {i_imm}({r[rs1]})", (_LOAD[f3], rd, rs1, i_imm))
    if op == 0x23 and f3 in _STORE:
        off = _s(f7 << 5 | rd, 12)
        return insn(f"{_STORE[f3]} {r[rs2]}, {off}({r[rs1]})", (_STORE[f3], rs2, rs1, off))
    if op == 0x13:
        if f3 in _OP_IMM:
            return insn(f"{_OP_IMM[f3]} {r[rd]}, {r[rs1]}, {i_imm}", (_OP_IMM[f3], rd, rs1, i_imm))
        shift = {(1, 0): "slli", (5, 0): "srli", (5, 0x20): "srai"}.get((f3, f7))
        if shift is None:
            return None
        return insn(f"{shift} {r[rd]}, {r[rs1]}, {rs2}", (shift, rd, rs1, rs2))
    if op == 0x33 and (f3, f7) in _OP:
        name = _OP[(f3, f7)]
        return insn(f"{name} {r[rd]}, {r[rs1]}, {r[rs2]}", (name, rd, rs1, rs2))
    return None


def _creg(value: int) -> int:
    return 8 + (value & 7)


def _decode_16(h: int, pos: int) -> Insn | None:
    q, f3 = h & 3, h >> 13
    r = REG_NAMES
    rd = _bits(h, 11, 7)
    rs2 = _bits(h, 6, 2)
    ci_imm = _s(_bits(h, 12, 12) << 5 | rs2, 6)

    def insn(text: str, form: tuple[object, ...]) -> Insn:
        return Insn(pos, 2, text, form)

    if q == 0:
        rdp, rs1p = _creg(h >> 2), _creg(h >> 7)
        if f3 == 0:
            imm = (_bits(h, 12, 11) << 4 | _bits(h, 10, 7) << 6 | _bits(h, 6, 6) << 2
                   | _bits(h, 5, 5) << 3)
            if imm == 0:
                return None
            return insn(f"c.addi4spn {r[rdp]}, sp, {imm}", ("c.addi4spn", rdp, imm))
        if f3 in (2, 6):
            imm = _bits(h, 12, 10) << 3 | _bits(h, 6, 6) << 2 | _bits(h, 5, 5) << 6
            name = "c.lw" if f3 == 2 else "c.sw"
            return insn(f"{name} {r[rdp]}, {imm}({r[rs1p]})", (name, rdp, rs1p, imm))
        return None
    if q == 1:
        if f3 == 0:
            if rd == 0:
                return insn("c.nop", ("c.nop",))
            return insn(f"c.addi {r[rd]}, {ci_imm}", ("c.addi", rd, ci_imm))
        if f3 in (1, 5):
            off = _s(_bits(h, 12, 12) << 11 | _bits(h, 11, 11) << 4 | _bits(h, 10, 9) << 8
                     | _bits(h, 8, 8) << 10 | _bits(h, 7, 7) << 6 | _bits(h, 6, 6) << 7
                     | _bits(h, 5, 3) << 1 | _bits(h, 2, 2) << 5, 12)
            name = "c.jal" if f3 == 1 else "c.j"
            return insn(f"{name} 0x{pos + off:x}", (name, pos + off))
        if f3 == 2:
            return insn(f"c.li {r[rd]}, {ci_imm}", ("c.li", rd, ci_imm))
        if f3 == 3:
            if rd == 2:
                imm = _s(_bits(h, 12, 12) << 9 | _bits(h, 6, 6) << 4 | _bits(h, 5, 5) << 6
                         | _bits(h, 4, 3) << 7 | _bits(h, 2, 2) << 5, 10)
                return insn(f"c.addi16sp sp, {imm}", ("c.addi16sp", imm))
            if rd == 0 or ci_imm == 0:
                return None
            return insn(f"c.lui {r[rd]}, 0x{ci_imm & 0xFFFFF:x}", ("c.lui", rd, ci_imm))
        rs1p = _creg(h >> 7)
        if f3 == 4:
            sub = _bits(h, 11, 10)
            if sub in (0, 1):
                name = "c.srli" if sub == 0 else "c.srai"
                shamt = _bits(h, 12, 12) << 5 | rs2
                return insn(f"{name} {r[rs1p]}, {shamt}", (name, rs1p, shamt))
            if sub == 2:
                return insn(f"c.andi {r[rs1p]}, {ci_imm}", ("c.andi", rs1p, ci_imm))
            if h >> 12 & 1:
                return None
            name = ("c.sub", "c.xor", "c.or", "c.and")[_bits(h, 6, 5)]
            rs2p = _creg(h >> 2)
            return insn(f"{name} {r[rs1p]}, {r[rs2p]}", (name, rs1p, rs2p))
        off = _s(_bits(h, 12, 12) << 8 | _bits(h, 11, 10) << 3 | _bits(h, 6, 5) << 6
                 | _bits(h, 4, 3) << 1 | _bits(h, 2, 2) << 5, 9)
        name = "c.beqz" if f3 == 6 else "c.bnez"
        return insn(f"{name} {r[rs1p]}, 0x{pos + off:x}", (name, rs1p, pos + off))
    if q == 2:
        if f3 == 0:
            shamt = _bits(h, 12, 12) << 5 | rs2
            return insn(f"c.slli {r[rd]}, {shamt}", ("c.slli", rd, shamt))
        if f3 == 2 and rd != 0:
            imm = _bits(h, 12, 12) << 5 | _bits(h, 6, 4) << 2 | _bits(h, 3, 2) << 6
            return insn(f"c.lwsp {r[rd]}, {imm}(sp)", ("c.lwsp", rd, imm))
        if f3 == 6:
            imm = _bits(h, 12, 9) << 2 | _bits(h, 8, 7) << 6
            return insn(f"c.swsp {r[rs2]}, {imm}(sp)", ("c.swsp", rs2, imm))
        if f3 == 4:
            if not h >> 12 & 1:
                if rs2 == 0:
                    return insn(f"c.jr {r[rd]}", ("c.jr", rd)) if rd else None
                return insn(f"c.mv {r[rd]}, {r[rs2]}", ("c.mv", rd, rs2))
            if rs2 == 0:
                if rd == 0:
                    return insn("c.ebreak", ("c.ebreak",))
                return insn(f"c.jalr {r[rd]}", ("c.jalr", rd))
            return insn(f"c.add {r[rd]}, {r[rs2]}", ("c.add", rd, rs2))
        if f3 == 5:
            return _decode_zcmp(h, pos)
    return None


def _sreg(value: int) -> int:
    """Zcmp's s-register numbering (0..7 -> s0, s1, s2..s7)."""
    return 8 + value if value < 2 else 16 + value


def _decode_zcmp(h: int, pos: int) -> Insn | None:
    kind = _bits(h, 12, 8)
    if kind in (0x18, 0x1A, 0x1C, 0x1E):
        rlist, spimm = _bits(h, 7, 4), _bits(h, 3, 2)
        if rlist < 4:
            return None
        n_s = rlist - 4 + (1 if rlist == 15 else 0)  # s registers after ra
        regs = "ra" if n_s == 0 else "ra, s0" if n_s == 1 else f"ra, s0-s{n_s - 1}"
        n = 1 + n_s
        adjust = ((n * 4 + 15) & ~15) + 16 * spimm
        name = {0x18: "cm.push", 0x1A: "cm.pop", 0x1C: "cm.popretz", 0x1E: "cm.popret"}[kind]
        sign = "-" if kind == 0x18 else ""
        return Insn(pos, 2, f"{name} {{{regs}}}, {sign}{adjust}", (name, rlist, spimm))
    if kind & 0x1C == 0x0C and _bits(h, 6, 5) in (1, 3):
        r1s, r2s = _bits(h, 9, 7), _bits(h, 4, 2)
        name = "cm.mvsa01" if _bits(h, 6, 5) == 1 else "cm.mva01s"
        return Insn(pos, 2, f"{name} {REG_NAMES[_sreg(r1s)]}, {REG_NAMES[_sreg(r2s)]}",
                    (name, r1s, r2s))
    return None
