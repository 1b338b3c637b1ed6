"""32-bit ARM (A32) machine code (armv6, the native emitter's ARM-mode back end).

Data processing with an immediate, a register or a register shifted by an immediate or a
register (shown in UAL: a MOV with a shift is ``lsl``/``lsr``/``asr``/``ror``), mul/mla,
ldr/str/ldrb/strb with an immediate or register offset, ldrh/strh/ldrsb/ldrsh, push/pop and
the other ldm/stm forms, b/bl and bx/blx through a register, each with its condition. The
word a PC-relative ldr loads (the emitter's 32-bit constants, behind a branch over them) is
shown as literal data. Anything else is one ``.word``.
"""

from __future__ import annotations

from collections.abc import Callable

from mpt.mpy.machine.insn import Insn, data_item
from mpt.mpy.machine.thumb import COND_NAMES, REG_NAMES

AL = 14
_DATA_OPS = ("and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp",
             "cmn", "orr", "mov", "bic", "mvn")
_COMPARES = {"tst", "teq", "cmp", "cmn"}
_SHIFTS = ("lsl", "lsr", "asr", "ror")
Make = Callable[..., Insn]  # (text, *form) -> the instruction at the current offset
_HALFWORD = {(0, 1): "strh", (1, 1): "ldrh", (1, 2): "ldrsb", (1, 3): "ldrsh"}


def _cond(op: int) -> str:
    cond = op >> 28
    return "" if cond == AL else COND_NAMES[cond]


def _reglist(mask: int) -> str:
    return "{" + ", ".join(REG_NAMES[i] for i in range(16) if mask >> i & 1) + "}"


def _ror(value: int, amount: int) -> int:
    return ((value >> amount) | (value << (32 - amount))) & 0xFFFFFFFF if amount else value


def decode_arm(code: bytes, start: int, end: int) -> list[Insn]:
    out: list[Insn] = []
    literals: set[int] = set()  # offsets of the words PC-relative loads read
    pos = start
    while pos < end:
        if pos + 4 > end:
            out.append(data_item(code, pos, 1))
            pos += 1
            continue
        if pos in literals:
            out.append(data_item(code, pos, 4, known=True, note="literal"))
        else:
            op = int.from_bytes(code[pos:pos + 4], "little")
            insn = _decode_one(op, pos)
            if insn is None:
                insn = data_item(code, pos, 4)
            elif insn.form[0] == "ldr_pcrel" and isinstance(insn.form[3], int):
                literals.add(insn.form[3])
            out.append(insn)
        pos += 4
    return out


def _decode_one(op: int, pos: int) -> Insn | None:
    if op >> 28 == 0xF:
        return None  # the unconditional space: nothing the emitter writes
    cond = _cond(op)

    def insn(text: str, *form: object) -> Insn:
        return Insn(pos, 4, text, form)

    group = op >> 25 & 7
    if group == 0b101:
        link = op >> 24 & 1
        offset = (op & 0xFFFFFF) - ((op & 0x800000) << 1)
        target = pos + 8 + 4 * offset
        text = f"{'bl' if link else 'b'}{cond} 0x{target:04x}"
        if link:
            return insn(text, "bl", op >> 28, target)
        # (the forms of the other decoders: "b" target, "bcc" condition target)
        return insn(text, "b", target) if op >> 28 == AL else insn(text, "bcc", op >> 28,
                                                                     target)
    if op & 0x0FFFFFD0 == 0x012FFF10:
        name = "blx" if op & 0x20 else "bx"
        return insn(f"{name}{cond} {REG_NAMES[op & 15]}", name, op >> 28, op & 15)
    if group == 0b100:
        return _block_transfer(op, cond, insn)
    if group in (0b000, 0b001):
        if group == 0 and op & 0x0FC000F0 == 0x00000090:
            return _multiply(op, cond, insn)
        if group == 0 and op & 0x90 == 0x90 and op & 0x60:
            return _halfword(op, pos, cond, insn)
        return _data_processing(op, cond, insn)
    if group in (0b010, 0b011):
        if group == 0b011 and op & 0x10:
            return None  # media instructions
        return _load_store(op, pos, cond, insn)
    return None


def _operand2(op: int) -> tuple[str, tuple[object, ...]] | None:
    """The flexible second operand: (text, form)."""
    if op >> 25 & 1:
        value = _ror(op & 0xFF, 2 * (op >> 8 & 15))
        return f"#{value}", ("imm", value, op & 0xFFF)
    rm = op & 15
    kind = op >> 5 & 3
    if op & 0x10:
        if op & 0x80:
            return None
        rs = op >> 8 & 15
        return f"{REG_NAMES[rm]}, {_SHIFTS[kind]} {REG_NAMES[rs]}", ("reg_shift_reg", rm,
                                                                      kind, rs)
    amount = op >> 7 & 31
    if amount == 0 and kind == 0:
        return REG_NAMES[rm], ("reg", rm)
    shown = amount or 32 if kind in (1, 2) else amount
    if amount == 0 and kind == 3:
        return f"{REG_NAMES[rm]}, rrx", ("reg_shift_imm", rm, 3, 0)
    return f"{REG_NAMES[rm]}, {_SHIFTS[kind]} #{shown}", ("reg_shift_imm", rm, kind, amount)


def _data_processing(op: int, cond: str, insn: Make) -> Insn | None:
    operand = _operand2(op)
    if operand is None:
        return None
    text2, form2 = operand
    name = _DATA_OPS[op >> 21 & 15]
    s = "s" if op >> 20 & 1 and name not in _COMPARES else ""
    if name in _COMPARES and not op >> 20 & 1:
        return None  # (the status-register moves live here)
    rn, rd = op >> 16 & 15, op >> 12 & 15
    form = (name, op >> 28, op >> 20 & 1, rd, rn, form2)
    if name == "mov" and form2[0] in ("reg_shift_reg", "reg_shift_imm"):
        # UAL: a MOV of a shifted register is the shift
        rm, kind, amount = op & 15, op >> 5 & 3, (op >> 8 & 15) if op & 0x10 else op >> 7 & 31
        operands = f"{REG_NAMES[rd]}, {REG_NAMES[rm]}"
        if form2[0] == "reg_shift_reg":
            return insn(f"{_SHIFTS[kind]}{s}{cond} {operands}, {REG_NAMES[amount]}", *form)
        if kind == 3 and amount == 0:
            return insn(f"rrx{s}{cond} {operands}", *form)
        return insn(f"{_SHIFTS[kind]}{s}{cond} {operands}, #{amount or 32}", *form)
    if name in ("mov", "mvn"):
        return insn(f"{name}{s}{cond} {REG_NAMES[rd]}, {text2}", *form)
    if name in _COMPARES:
        return insn(f"{name}{cond} {REG_NAMES[rn]}, {text2}", *form)
    return insn(f"{name}{s}{cond} {REG_NAMES[rd]}, {REG_NAMES[rn]}, {text2}", *form)


def _multiply(op: int, cond: str, insn: Make) -> Insn:
    rd, rn, rs, rm = op >> 16 & 15, op >> 12 & 15, op >> 8 & 15, op & 15
    s = "s" if op >> 20 & 1 else ""
    if op >> 21 & 1:
        return insn(f"mla{s}{cond} {REG_NAMES[rd]}, {REG_NAMES[rm]}, {REG_NAMES[rs]}, "
                    f"{REG_NAMES[rn]}", "mla", op >> 28, rd, rm, rs, rn)
    return insn(f"mul{s}{cond} {REG_NAMES[rd]}, {REG_NAMES[rm]}, {REG_NAMES[rs]}", "mul",
                op >> 28, rd, rm, rs)


def _address(rn: str, offset: str, pre: int, writeback: int) -> str:
    if not pre:
        return f"[{rn}], {offset}"
    if offset in ("#0", "#-0"):
        offset = ""
    return f"[{rn}{', ' + offset if offset else ''}]" + ("!" if writeback else "")


def _halfword(op: int, pos: int, cond: str, insn: Make) -> Insn | None:
    load, sh = op >> 20 & 1, op >> 5 & 3
    name = _HALFWORD.get((load, sh))
    if name is None:
        return None  # ldrd/strd: not written by the emitter
    pre, up, imm, writeback = op >> 24 & 1, op >> 23 & 1, op >> 22 & 1, op >> 21 & 1
    rn, rt = op >> 16 & 15, op >> 12 & 15
    sign = "" if up else "-"
    if imm:
        value = (op >> 4 & 0xF0) | (op & 15)
        offset = f"#{sign}{value}"
        form_offset: tuple[object, ...] = ("imm", value if up else -value)
    else:
        if op >> 8 & 15:
            return None
        offset, form_offset = f"{sign}{REG_NAMES[op & 15]}", ("reg", op & 15, up)
    return insn(f"{name}{cond} {REG_NAMES[rt]}, {_address(REG_NAMES[rn], offset, pre, writeback)}",
                "ldst_h", name, op >> 28, rt, rn, form_offset, pre, writeback)


def _load_store(op: int, pos: int, cond: str, insn: Make) -> Insn:
    register, pre, up = op >> 25 & 1, op >> 24 & 1, op >> 23 & 1
    byte, writeback, load = op >> 22 & 1, op >> 21 & 1, op >> 20 & 1
    rn, rt = op >> 16 & 15, op >> 12 & 15
    name = ("ldr" if load else "str") + ("b" if byte else "")
    sign = "" if up else "-"
    if not register:
        value = op & 0xFFF
        if rn == 15 and load and pre and not writeback and not byte:
            target = pos + 8 + (value if up else -value)
            where = f"[pc, #{sign}{value}]" if value else "[pc]"
            return insn(f"ldr{cond} {REG_NAMES[rt]}, {where}  ; 0x{target:04x}",
                        "ldr_pcrel", op >> 28, rt, target)
        offset = f"#{sign}{value}"
        form_offset: tuple[object, ...] = ("imm", value if up else -value)
    else:
        shifted = _operand2(op & ~(1 << 25) & ~0x10)  # a register shifted by an immediate
        assert shifted is not None
        offset = sign + shifted[0]
        form_offset = ("reg", op & 15, up, op >> 5 & 3, op >> 7 & 31)
    return insn(f"{name}{cond} {REG_NAMES[rt]}, {_address(REG_NAMES[rn], offset, pre, writeback)}",
                "ldst", name, op >> 28, rt, rn, form_offset, pre, writeback)


def _block_transfer(op: int, cond: str, insn: Make) -> Insn | None:
    pre, up, psr, writeback, load = (op >> 24 & 1, op >> 23 & 1, op >> 22 & 1, op >> 21 & 1,
                                     op >> 20 & 1)
    if psr:
        return None
    rn, mask = op >> 16 & 15, op & 0xFFFF
    if rn == 13 and writeback and (load, pre, up) in ((1, 0, 1), (0, 1, 0)):
        name = "pop" if load else "push"
        return insn(f"{name}{cond} {_reglist(mask)}", name, op >> 28, mask)
    mode = ("da", "ia", "db", "ib")[pre << 1 | up]
    name = ("ldm" if load else "stm") + mode
    return insn(f"{name}{cond} {REG_NAMES[rn]}{'!' if writeback else ''}, {_reglist(mask)}",
                "ldm_stm", name, op >> 28, rn, writeback, mask)
