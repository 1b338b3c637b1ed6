"""Xtensa machine code (ESP8266's call0 and ESP32's windowed ABI): the native emitter's subset.

24-bit: l32r, the load/store/movi/addi group, add/sub/and/or/xor/neg/addx, shifts through
SAR (ssl/ssr with sll/srl/sra), mull, the register branches and branches against zero, j,
call0/callx, jx, ret/retw, entry. 16-bit (code density): l32i.n/s32i.n, add.n, addi.n, movi.n,
beqz.n/bnez.n, mov.n, ret.n/retw.n, nop.n.

Data inside the code is laid out by the emitter in two known ways and shown as data: the
constant table at the start of a function (a ``j`` over one pad byte and the words l32r loads),
and the pad bytes between a ``call0`` (reading the PC) and the instruction it returns to.
Anything else is one ``.byte``.
"""

from __future__ import annotations

from mpt.mpy.machine.insn import Insn, data_item

REG_NAMES = tuple(f"a{i}" for i in range(16))
_B_CONDS = ("bnone", "beq", "blt", "bltu", "ball", "bbc", "bbci", "bbci", "bany", "bne", "bge",
            "bgeu", "bnall", "bbs", "bbsi", "bbsi")
_BZ = ("beqz", "bnez", "bltz", "bgez")
_LSAI = {0: ("l8ui", 1), 1: ("l16ui", 2), 2: ("l32i", 4), 4: ("s8i", 1), 5: ("s16i", 2),
         6: ("s32i", 4)}
_RST0 = {1: "and", 2: "or", 3: "xor", 8: "add", 9: "addx2", 10: "addx4", 11: "addx8",
         12: "sub", 13: "subx2", 14: "subx4", 15: "subx8"}


def _s(value: int, bits: int) -> int:
    return value - (1 << bits) if value >> (bits - 1) & 1 else value


def decode_xtensa(code: bytes, start: int, end: int) -> list[Insn]:
    out: list[Insn] = []
    pos = start
    first = True
    while pos < end:
        insn = _decode_one(code, pos, end)
        if insn is None:
            insn = data_item(code, pos, 1)
        out.append(insn)
        pos += insn.size
        kind = insn.form[0] if insn.form else ""
        if first and kind == "j" and isinstance(insn.form[1], int) and insn.form[1] <= end:
            # the constant table: one pad byte, then the words
            target = insn.form[1]
            if pos < target and (target - pos - 1) % 4 == 0:
                out.append(data_item(code, pos, 1, known=True, note="pad"))
                pos += 1
                while pos + 4 <= target:
                    out.append(data_item(code, pos, 4, known=True, note="constant"))
                    pos += 4
        elif kind == "call0" and isinstance(insn.form[1], int) and pos < insn.form[1] <= end \
                and insn.form[1] - pos < 4:
            # reading the PC: call0 returns past the padding to the next instruction
            while pos < insn.form[1]:
                out.append(data_item(code, pos, 1, known=True, note="pad"))
                pos += 1
        first = False
    return out


def _decode_one(code: bytes, pos: int, end: int) -> Insn | None:
    b0 = code[pos]
    op0 = b0 & 15
    if op0 >= 8:
        if pos + 2 > end:
            return None
        return _decode_narrow(int.from_bytes(code[pos:pos + 2], "little"), pos)
    if pos + 3 > end:
        return None
    w = int.from_bytes(code[pos:pos + 3], "little")
    t, s, r = w >> 4 & 15, w >> 8 & 15, w >> 12 & 15
    op1, op2 = w >> 16 & 15, w >> 20 & 15
    imm8 = w >> 16
    a = REG_NAMES

    def insn(text: str, form: tuple[object, ...]) -> Insn:
        return Insn(pos, 3, text, form)

    if op0 == 0:
        if op1 == 0:
            if op2 == 0 and r == 0:
                m, n = t >> 2, t & 3
                if m == 2 and n < 3:
                    name = ("ret", "retw", "jx")[n]
                    if n == 2:
                        return insn(f"jx {a[s]}", ("jx", s))
                    return insn(name, (name,)) if s == 0 else None
                if m == 3:
                    return insn(f"callx{4 * n} {a[s]}", ("callx", s, n))
                return None
            if op2 in _RST0:
                name = _RST0[op2]
                return insn(f"{name} {a[r]}, {a[s]}, {a[t]}", (name, r, s, t))
            if op2 == 4 and t == 0 and r in (0, 1):
                name = "ssr" if r == 0 else "ssl"
                return insn(f"{name} {a[s]}", (name, s))
            if op2 == 6 and s == 0:
                return insn(f"neg {a[r]}, {a[t]}", ("neg", r, t))
            return None
        if op1 == 1:
            if op2 == 10:
                return insn(f"sll {a[r]}, {a[s]}", ("sll", r, s))
            if op2 in (9, 11):
                name = "srl" if op2 == 9 else "sra"
                return insn(f"{name} {a[r]}, {a[t]}", (name, r, t))
            return None
        if op1 == 2 and op2 == 8:
            return insn(f"mull {a[r]}, {a[s]}, {a[t]}", ("mull", r, s, t))
        return None
    if op0 == 1:
        offset = (0xFFFF << 16 | w >> 8) << 2
        target = (((pos + 3) & ~3) + _s(offset & 0xFFFFFFFF, 32))
        value = ""
        if 0 <= target and target + 4 <= len(code):
            value = f": 0x{int.from_bytes(code[target:target + 4], 'little'):08x}"
        return insn(f"l32r {a[t]}, 0x{target:x}  ; constant{value}", ("l32r", t, target))
    if op0 == 2:
        if r in _LSAI:
            name, scale = _LSAI[r]
            return insn(f"{name} {a[t]}, {a[s]}, {imm8 * scale}", (name, t, s, imm8))
        if r == 10:
            imm = _s(s << 8 | imm8, 12)
            return insn(f"movi {a[t]}, {imm}", ("movi", t, imm))
        if r in (12, 13):
            name = "addi" if r == 12 else "addmi"
            imm = _s(imm8, 8) * (1 if r == 12 else 256)
            return insn(f"{name} {a[t]}, {a[s]}, {imm}", (name, t, s, imm))
        return None
    if op0 == 5:
        n = t & 3
        offset = _s(w >> 6, 18)
        target = (pos & ~3) + (offset << 2) + 4
        return insn(f"call{4 * n} 0x{target:x}", ("call" + str(4 * n), target, offset))
    if op0 == 6:
        n, m = t & 3, t >> 2
        if n == 0:
            target = pos + 4 + _s(w >> 6, 18)
            return insn(f"j 0x{target:x}", ("j", target))
        if n == 1:
            target = pos + 4 + _s(w >> 12, 12)
            return insn(f"{_BZ[m]} {a[s]}, 0x{target:x}", (_BZ[m], s, target))
        if n == 3 and m == 0:
            return insn(f"entry {a[s]}, {(w >> 12) * 8}", ("entry", s, w >> 12))
        return None
    if op0 == 7:
        name = _B_CONDS[r]
        target = pos + 4 + _s(imm8, 8)
        if name in ("bbci", "bbsi"):
            bit = t | (r & 1) << 4
            return insn(f"{name} {a[s]}, {bit}, 0x{target:x}", (name, s, bit, target))
        return insn(f"{name} {a[s]}, {a[t]}, 0x{target:x}", (name, s, t, target))
    return None


def _decode_narrow(h: int, pos: int) -> Insn | None:
    op0, t, s, r = h & 15, h >> 4 & 15, h >> 8 & 15, h >> 12 & 15
    a = REG_NAMES

    def insn(text: str, form: tuple[object, ...]) -> Insn:
        return Insn(pos, 2, text, form)

    if op0 in (8, 9):
        name = "l32i.n" if op0 == 8 else "s32i.n"
        return insn(f"{name} {a[t]}, {a[s]}, {4 * r}", (name, t, s, r))
    if op0 == 10:
        return insn(f"add.n {a[r]}, {a[s]}, {a[t]}", ("add.n", r, s, t))
    if op0 == 11:
        imm = -1 if t == 0 else t
        return insn(f"addi.n {a[r]}, {a[s]}, {imm}", ("addi.n", r, s, imm))
    if op0 == 12:
        if not t & 8:
            imm = (t & 7) << 4 | r
            imm = imm - 128 if imm >= 96 else imm
            return insn(f"movi.n {a[s]}, {imm}", ("movi.n", s, imm))
        name = "bnez.n" if t & 4 else "beqz.n"
        target = pos + 4 + ((t & 3) << 4 | r)
        return insn(f"{name} {a[s]}, 0x{target:x}", (name, s, target))
    if op0 == 13:
        if r == 0:
            return insn(f"mov.n {a[t]}, {a[s]}", ("mov.n", t, s))
        if r == 15 and s == 0 and t in (0, 1, 3):
            name = {0: "ret.n", 1: "retw.n", 3: "nop.n"}[t]
            return insn(name, (name,))
    return None
