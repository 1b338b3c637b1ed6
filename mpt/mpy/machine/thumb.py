"""Thumb and Thumb-2 machine code (armv6m, armv7m and up): the native emitter's subset.

16-bit: shifts by immediate, add/sub of registers and small immediates, mov/cmp of 8-bit
immediates, the register ALU group, the high-register add/mov/bx/blx, PC-relative ldr,
loads and stores with register or immediate offset and SP-relative ones, add rd, sp, #imm,
add/sub sp, sxth, push/pop, nop, it, conditional and unconditional branches. 32-bit (armv7m):
movw/movt, ldr/str with a 12-bit offset, addw/subw, the wide b and b<cond>. The literal words
that PC-relative ldr loads (armv6m's 32-bit constants and long jumps) are shown as data.
Anything else is one ``.short``.
"""

from __future__ import annotations

from mpt.mpy.machine.insn import Insn, data_item

REG_NAMES = ("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11",
             "r12", "sp", "lr", "pc")
COND_NAMES = ("eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt",
              "le", "al", "nv")
_FORMAT_4 = ("and", "eor", "lsl", "lsr", "asr", "adc", "sbc", "ror", "tst", "neg", "cmp",
             "cmn", "orr", "mul", "bic", "mvn")
# ldr/str with immediate offset: opcode bits 15..11 -> (mnemonic, offset scale)
_LDST_IMM = {0x0C: ("str", 4), 0x0D: ("ldr", 4), 0x0E: ("strb", 1), 0x0F: ("ldrb", 1),
             0x10: ("strh", 2), 0x11: ("ldrh", 2)}
_LDST_REG = ("str", "strh", "strb", "ldrsb", "ldr", "ldrh", "ldrb", "ldrsh")
_LDST_W = {0x8: "strb.w", 0x9: "ldrb.w", 0xA: "strh.w", 0xB: "ldrh.w", 0xC: "str.w",
           0xD: "ldr.w"}


def _s(value: int, bits: int) -> int:
    return value - (1 << bits) if value >> (bits - 1) & 1 else value


def _reglist(mask: int, extra: str) -> str:
    names = [REG_NAMES[i] for i in range(8) if mask >> i & 1]
    if mask & 0x100:
        names.append(extra)
    return "{" + ", ".join(names) + "}"


def decode_thumb(code: bytes, start: int, end: int, thumb2: bool) -> list[Insn]:
    out: list[Insn] = []
    literals: set[int] = set()  # offsets of words loaded PC-relative
    pos = start
    while pos < end:
        if pos in literals and pos + 4 <= end:
            out.append(data_item(code, pos, 4, known=True, note="literal"))
            pos += 4
            continue
        if pos + 2 > end:
            out.append(data_item(code, pos, 1))
            pos += 1
            continue
        insn = _decode_one(code, pos, end, thumb2)
        if insn is None:
            insn = data_item(code, pos, 2)
        elif insn.form[0] == "ldr_pcrel" and isinstance(insn.form[2], int):
            literals.add(insn.form[2])
        out.append(insn)
        pos += insn.size
    return out


def _decode_one(code: bytes, pos: int, end: int, thumb2: bool) -> Insn | None:
    op = int.from_bytes(code[pos:pos + 2], "little")

    def one(text: str, form: tuple[object, ...]) -> Insn:
        return Insn(pos, 2, text, form)

    rd, rs = op & 7, op >> 3 & 7
    top5 = op >> 11
    if top5 == 0x00:
        shift = op >> 6 & 0x1F
        if shift == 0:
            return one(f"movs {REG_NAMES[rd]}, {REG_NAMES[rs]}", ("lsl_imm", rd, rs, 0))
        return one(f"lsls {REG_NAMES[rd]}, {REG_NAMES[rs]}, #{shift}", ("lsl_imm", rd, rs, shift))
    if top5 == 0x01 or top5 == 0x02:
        shift = op >> 6 & 0x1F
        name = "lsrs" if top5 == 0x01 else "asrs"
        return one(f"{name} {REG_NAMES[rd]}, {REG_NAMES[rs]}, #{shift or 32}",
                   (name[:3] + "_imm", rd, rs, shift))
    if top5 == 0x03:
        rn = op >> 6 & 7
        name = "subs" if op & 0x200 else "adds"
        if op & 0x400:
            return one(f"{name} {REG_NAMES[rd]}, {REG_NAMES[rs]}, #{rn}", (name + "_i3", rd, rs, rn))
        return one(f"{name} {REG_NAMES[rd]}, {REG_NAMES[rs]}, {REG_NAMES[rn]}",
                   (name[:3] + "_rrr", rd, rs, rn))
    if 0x04 <= top5 <= 0x07:
        name = ("movs", "cmp", "adds", "subs")[top5 - 4]
        r8, i8 = op >> 8 & 7, op & 0xFF
        return one(f"{name} {REG_NAMES[r8]}, #{i8}", (name + "_i8", r8, i8))
    if op >> 10 == 0x10:
        name = _FORMAT_4[op >> 6 & 15]
        return one(f"{name}{'' if name in ('cmp', 'tst', 'cmn') else 's'} {REG_NAMES[rd]}, "
                   f"{REG_NAMES[rs]}", ("format_4", name, rd, rs))
    if op >> 10 == 0x11:
        sub = op >> 8 & 3
        hd = rd | (op >> 4 & 8)
        hs = op >> 3 & 15
        if sub == 0:
            return one(f"add {REG_NAMES[hd]}, {REG_NAMES[hs]}", ("add_hi", hd, hs))
        if sub == 1:
            return one(f"cmp {REG_NAMES[hd]}, {REG_NAMES[hs]}", ("cmp_hi", hd, hs))
        if sub == 2:
            return one(f"mov {REG_NAMES[hd]}, {REG_NAMES[hs]}", ("mov_hi", hd, hs))
        if op & 7:
            return None
        name = "blx" if op & 0x80 else "bx"
        return one(f"{name} {REG_NAMES[hs]}", (name, hs))
    if top5 == 0x09:
        r8, i8 = op >> 8 & 7, op & 0xFF
        target = ((pos + 4) & ~3) + 4 * i8
        if target + 4 > end:
            return None
        value = int.from_bytes(code[target:target + 4], "little")
        return one(f"ldr {REG_NAMES[r8]}, [pc, #{4 * i8}]  ; 0x{target:x}: 0x{value:08x}",
                   ("ldr_pcrel", r8, target))
    if op >> 12 == 0x5:
        name = _LDST_REG[op >> 9 & 7]
        rm = op >> 6 & 7
        return one(f"{name} {REG_NAMES[rd]}, [{REG_NAMES[rs]}, {REG_NAMES[rm]}]",
                   ("ldst_reg", name, rd, rs, rm))
    if top5 in _LDST_IMM:
        name, scale = _LDST_IMM[top5]
        imm = (op >> 6 & 0x1F) * scale
        return one(f"{name} {REG_NAMES[rd]}, [{REG_NAMES[rs]}, #{imm}]",
                   ("ldst_imm", name, rd, rs, imm))
    if top5 in (0x12, 0x13):
        name = "str" if top5 == 0x12 else "ldr"
        r8, i8 = op >> 8 & 7, op & 0xFF
        return one(f"{name} {REG_NAMES[r8]}, [sp, #{4 * i8}]", (name + "_sp", r8, i8))
    if top5 == 0x15:
        r8, i8 = op >> 8 & 7, op & 0xFF
        return one(f"add {REG_NAMES[r8]}, sp, #{4 * i8}", ("add_sp_addr", r8, i8))
    if op >> 8 == 0xB0:
        name = "sub" if op & 0x80 else "add"
        return one(f"{name} sp, #{4 * (op & 0x7F)}", (name + "_sp", op & 0x7F))
    if op >> 6 == 0x2C8:
        return one(f"sxth {REG_NAMES[rd]}, {REG_NAMES[rs]}", ("sxth", rd, rs))
    if op >> 9 == 0x5A:
        return one(f"push {_reglist(op & 0x1FF, 'lr')}", ("push", op & 0x1FF))
    if op >> 9 == 0x5E:
        return one(f"pop {_reglist(op & 0x1FF, 'pc')}", ("pop", op & 0x1FF))
    if op == 0xBF00:
        return one("nop", ("nop",))
    if op >> 8 == 0xBF and op & 15:
        first = op >> 4 & 15
        mask = op & 15
        # the then/else pattern for the following instructions
        pattern = ""
        for bit in (3, 2, 1):
            if mask & ((1 << bit) - 1) == 0:
                break
            pattern += "t" if (mask >> bit & 1) == (first & 1) else "e"
        return one(f"it{pattern} {COND_NAMES[first]}", ("it", op & 0xFF))
    if op >> 12 == 0xD and op >> 8 & 15 < 14:
        cond = op >> 8 & 15
        target = pos + 4 + 2 * _s(op & 0xFF, 8)
        return one(f"b{COND_NAMES[cond]} 0x{target:x}", ("bcc", cond, target, 2))
    if top5 == 0x1C:
        target = pos + 4 + 2 * _s(op & 0x7FF, 11)
        return one(f"b 0x{target:x}", ("b", target, 2))
    if thumb2 and top5 in (0x1D, 0x1E, 0x1F) and pos + 4 <= end:
        return _decode_wide(op, int.from_bytes(code[pos + 2:pos + 4], "little"), pos)
    return None


def _decode_wide(op1: int, op2: int, pos: int) -> Insn | None:
    def two(text: str, form: tuple[object, ...]) -> Insn:
        return Insn(pos, 4, text, form)

    if op1 & 0xFB70 in (0xF240, 0xF2C0) and not op2 & 0x8000:
        # movw / movt (T3): imm16 = imm4:i:imm3:imm8
        imm = (op1 & 15) << 12 | (op1 >> 10 & 1) << 11 | (op2 >> 12 & 7) << 8 | (op2 & 0xFF)
        rd = op2 >> 8 & 15
        name = "movt" if op1 & 0x0080 else "movw"
        return two(f"{name} {REG_NAMES[rd]}, #0x{imm:x}", (name, rd, imm))
    if op1 & 0xFBF0 in (0xF200, 0xF2A0) and not op2 & 0x8000:
        # addw / subw (T4): imm12 = i:imm3:imm8
        imm = (op1 >> 10 & 1) << 11 | (op2 >> 12 & 7) << 8 | (op2 & 0xFF)
        rn, rd = op1 & 15, op2 >> 8 & 15
        name = "subw" if op1 & 0x00A0 == 0x00A0 else "addw"
        return two(f"{name} {REG_NAMES[rd]}, {REG_NAMES[rn]}, #{imm}", (name, rd, rn, imm))
    if op1 >> 8 == 0xF8 and op1 >> 4 & 15 in _LDST_W:
        name = _LDST_W[op1 >> 4 & 15]
        rn, rt, imm = op1 & 15, op2 >> 12, op2 & 0xFFF
        return two(f"{name} {REG_NAMES[rt]}, [{REG_NAMES[rn]}, #{imm}]",
                   ("ldst_w", name, rt, rn, imm))
    if op1 >> 11 == 0x1E and op2 & 0xD000 == 0x9000:
        # b.w (T4)
        s = op1 >> 10 & 1
        i1 = 1 ^ (op2 >> 13 & 1) ^ s
        i2 = 1 ^ (op2 >> 11 & 1) ^ s
        offset = _s(s << 24 | i1 << 23 | i2 << 22 | (op1 & 0x3FF) << 12 | (op2 & 0x7FF) << 1, 25)
        return two(f"b.w 0x{pos + 4 + offset:x}", ("b", pos + 4 + offset, 4))
    if op1 >> 11 == 0x1E and op2 & 0xD000 == 0x8000 and op1 >> 6 & 15 < 14:
        # b<cond>.w (T3)
        s = op1 >> 10 & 1
        offset = _s(s << 20 | (op2 >> 11 & 1) << 19 | (op2 >> 13 & 1) << 18
                    | (op1 & 0x3F) << 12 | (op2 & 0x7FF) << 1, 21)
        cond = op1 >> 6 & 15
        return two(f"b{COND_NAMES[cond]}.w 0x{pos + 4 + offset:x}",
                   ("bcc", cond, pos + 4 + offset, 4))
    return None
