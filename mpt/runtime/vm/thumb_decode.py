"""Decoding the 16-bit Thumb instructions into the functions the Thumb CPU runs.

``decode(cpu, pc, in_it)`` reads the instruction at ``pc`` and returns a function of the
instruction's address that executes it and gives the next address. ``in_it``: the
instruction is inside an IT block (armv7m), where the 16-bit data-processing instructions do
not set the flags. 32-bit instructions are handed to thumb_wide.py. An encoding the core does
not have decodes to a function that faults when it runs (code placed with ``data()`` after a
branch is never run).
"""

from __future__ import annotations

from mpt.runtime.vm.thumb_base import MASK, PREDICATES, SIGN, CpuFault, condition_passes
from mpt.runtime.vm.thumb_wide import decode_wide


def undefined(what: str):
    def run(pc):
        raise CpuFault(what, pc)
    return run


def shift_by_register(kind: int, value: int, amount: int):
    """(result, carry or None) of LSL/LSR/ASR/ROR by a register's bottom byte."""
    amount &= 0xFF
    if amount == 0:
        return value, None
    if kind == 0:  # LSL
        if amount < 32:
            return (value << amount) & MASK, (value >> (32 - amount)) & 1
        return 0, (value & 1 if amount == 32 else 0)
    if kind == 1:  # LSR
        if amount < 32:
            return value >> amount, (value >> (amount - 1)) & 1
        return 0, (value >> 31 if amount == 32 else 0)
    if kind == 2:  # ASR
        signed = value - (1 << 32) if value & SIGN else value
        if amount < 32:
            return (signed >> amount) & MASK, (signed >> (amount - 1)) & 1
        return (MASK if signed < 0 else 0), value >> 31
    amount &= 31  # ROR
    if amount == 0:
        return value, value >> 31
    result = ((value >> amount) | (value << (32 - amount))) & MASK
    return result, result >> 31


def _shift_imm(cpu, hw: int, setflags: bool):
    r = cpu.r
    kind = (hw >> 11) & 3
    imm5 = (hw >> 6) & 31
    rm = (hw >> 3) & 7
    rd = hw & 7
    flags = cpu.logic_flags
    if kind == 0 and imm5 == 0:  # MOVS rd, rm
        def run(pc):
            r[rd] = flags(r[rm], setflags)
            return pc + 2
        return run
    amount = imm5 or 32  # LSR/ASR #0 mean #32

    def run_shift(pc):
        result, carry = shift_by_register(kind, r[rm], amount)
        r[rd] = flags(result, setflags, carry)
        return pc + 2
    return run_shift


def _add_sub(cpu, hw: int, setflags: bool):
    r = cpu.r
    sub = 1 if hw & 0x0200 else 0
    field = (hw >> 6) & 7
    rn = (hw >> 3) & 7
    rd = hw & 7
    immediate = bool(hw & 0x0400)
    flip = MASK if sub else 0

    def run(pc):
        a = r[rn]
        b = (field if immediate else r[field]) ^ flip
        total = a + b + sub
        result = total & MASK
        if setflags:
            cpu.n = result >= SIGN
            cpu.z = result == 0
            cpu.c = total > MASK
            cpu.v = bool((a ^ result) & (b ^ result) & SIGN)
        r[rd] = result
        return pc + 2
    return run


def _imm8(cpu, hw: int, setflags: bool):
    r = cpu.r
    kind = (hw >> 11) & 3
    rd = (hw >> 8) & 7
    imm = hw & 0xFF
    if kind == 0:
        def run(pc):
            r[rd] = cpu.logic_flags(imm, setflags)
            return pc + 2
        return run
    # ADDS/SUBS/CMP with the flags worked out here (the commonest instructions of a loop)
    operand, carry = (imm, 0) if kind == 2 else (imm ^ MASK, 1)
    write = kind != 1
    setflags = setflags or not write

    def run_arith(pc):
        a = r[rd]
        total = a + operand + carry
        result = total & MASK
        if setflags:
            cpu.n = result >= SIGN
            cpu.z = result == 0
            cpu.c = total > MASK
            cpu.v = bool((a ^ result) & (operand ^ result) & SIGN)
        if write:
            r[rd] = result
        return pc + 2
    return run_arith


def _data_processing(cpu, hw: int, setflags: bool):
    r = cpu.r
    op = (hw >> 6) & 15
    rm = (hw >> 3) & 7
    rd = hw & 7
    add = cpu.add_flags
    logic = cpu.logic_flags

    def run(pc):
        a, b = r[rd], r[rm]
        if op == 0:
            r[rd] = logic(a & b, setflags)
        elif op == 1:
            r[rd] = logic(a ^ b, setflags)
        elif op in (2, 3, 4, 7):
            result, carry = shift_by_register((2, 3, 4, 7).index(op), a, b)
            r[rd] = logic(result, setflags, carry)
        elif op == 5:
            r[rd] = add(a, b, int(cpu.c), setflags)
        elif op == 6:
            r[rd] = add(a, b ^ MASK, int(cpu.c), setflags)
        elif op == 8:
            logic(a & b)
        elif op == 9:
            r[rd] = add(0, b ^ MASK, 1, setflags)
        elif op == 10:
            add(a, b ^ MASK, 1)
        elif op == 11:
            add(a, b, 0)
        elif op == 12:
            r[rd] = logic(a | b, setflags)
        elif op == 13:
            r[rd] = logic((a * b) & MASK, setflags)
        elif op == 14:
            r[rd] = logic(a & ~b & MASK, setflags)
        else:
            r[rd] = logic(b ^ MASK, setflags)
        return pc + 2
    return run


def _special(cpu, hw: int):
    """ADD/CMP/MOV with high registers, BX and BLX."""
    r = cpu.r
    op = (hw >> 8) & 3
    rm = (hw >> 3) & 15
    rd = (hw & 7) | ((hw >> 4) & 8)
    read = cpu.read_reg
    if op == 3:
        link = bool(hw & 0x80)

        def run_bx(pc):
            target = read(rm, pc)
            if link:
                r[14] = (pc + 2) | 1
            return cpu.branch_to(target, pc)
        return run_bx
    if op == 1:
        def run_cmp(pc):
            cpu.add_flags(read(rd, pc), read(rm, pc) ^ MASK, 1)
            return pc + 2
        return run_cmp

    def run(pc):
        value = read(rm, pc)
        if op == 0:
            value = (value + read(rd, pc)) & MASK
        if rd == 15:
            return value & ~1
        r[rd] = value
        return pc + 2
    return run


def _load_store(cpu, size: int, load: bool, signed: bool, rt: int, address, aligned: bool):
    """A load or store of ``size`` bytes at ``address(pc)``."""
    r = cpu.r
    if load:
        top = 1 << (8 * size - 1)

        def run_load(pc):
            cpu.pc = pc
            value = cpu.load(size, address(pc), aligned)
            if signed and value & top:
                value -= top << 1
            r[rt] = value & MASK
            return pc + 2
        return run_load

    def run_store(pc):
        cpu.pc = pc
        cpu.store(size, address(pc), r[rt], aligned)
        return pc + 2
    return run_store


def _register_offset(cpu, hw: int):
    r = cpu.r
    op = (hw >> 9) & 7
    rm, rn, rt = (hw >> 6) & 7, (hw >> 3) & 7, hw & 7
    size = (4, 2, 1, 1, 4, 2, 1, 2)[op]
    return _load_store(cpu, size, op >= 3, op in (3, 7), rt,
                       lambda pc: (r[rn] + r[rm]) & MASK, False)


def _push_pop(cpu, hw: int, pop: bool, extra: int):
    """PUSH {list[, lr]} and POP {list[, pc]} (``extra`` the lr/pc bit's register)."""
    r = cpu.r
    regs = [i for i in range(8) if hw >> i & 1]
    if hw & 0x100:
        regs.append(extra)
    if not regs:
        return undefined(f"{'pop' if pop else 'push'} of no registers")
    count = len(regs)

    def run_push(pc):
        cpu.pc = pc
        sp = (r[13] - 4 * count) & MASK
        cpu.store_words(sp, [r[reg] for reg in regs])
        r[13] = sp
        return pc + 2

    def run_pop(pc):
        cpu.pc = pc
        sp = r[13]
        values = cpu.load_words(sp, count)
        r[13] = (sp + 4 * count) & MASK
        for reg, value in zip(regs, values):
            if reg == 15:
                return cpu.branch_to(value, pc)
            r[reg] = value
        return pc + 2
    return run_pop if pop else run_push


def _multiple(cpu, hw: int):
    """STMIA/LDMIA rn!, {list}."""
    r = cpu.r
    load = bool(hw & 0x0800)
    rn = (hw >> 8) & 7
    regs = [i for i in range(8) if hw >> i & 1]
    if not regs:
        return undefined("ldm/stm of no registers")

    def run(pc):
        cpu.pc = pc
        base = r[rn]
        end = (base + 4 * len(regs)) & MASK
        if load:
            values = [cpu.load(4, base + 4 * i) for i in range(len(regs))]
            r[rn] = end
            for reg, value in zip(regs, values):
                r[reg] = value
        else:
            for i, reg in enumerate(regs):
                cpu.store(4, base + 4 * i, r[reg])
            r[rn] = end
        return pc + 2
    return run


def _extend_reverse(cpu, hw: int):
    r = cpu.r
    rm, rd = (hw >> 3) & 7, hw & 7
    kind = (hw >> 6) & 3
    if hw & 0x0800:  # REV, REV16, -, REVSH
        if kind == 2:
            return undefined(f"undefined instruction 0x{hw:04x}")

        def run_rev(pc):
            v = r[rm]
            if kind == 0:
                r[rd] = int.from_bytes(v.to_bytes(4, "little"), "big")
            elif kind == 1:
                r[rd] = ((v >> 8) & 0x00FF00FF) | ((v << 8) & 0xFF00FF00)
            else:
                half = ((v & 0xFF) << 8) | ((v >> 8) & 0xFF)
                r[rd] = (half - 0x10000 if half & 0x8000 else half) & MASK
            return pc + 2
        return run_rev
    bits = 16 if kind in (0, 2) else 8
    signed = kind < 2

    def run(pc):
        v = r[rm] & ((1 << bits) - 1)
        if signed and v >> (bits - 1):
            v -= 1 << bits
        r[rd] = v & MASK
        return pc + 2
    return run


def _it_block(cpu, hw: int, pc: int):
    first, mask = (hw >> 4) & 15, hw & 15
    count = 4 - (mask & -mask).bit_length() + 1
    conds = [first] + [(first & 14) | ((mask >> (4 - k)) & 1) for k in range(1, count)]
    block = []
    address = pc + 2
    for cond in conds:
        size = 4 if cpu.fetch16(address) >> 11 >= 0x1D else 2
        block.append((cond, decode(cpu, address, True), address, size))
        address += size
    end = address

    def run(pc):
        for cond, op, at, size in block:
            if condition_passes(cpu, cond):
                after = op(at)
                if after != at + size:
                    return after  # a branch (the last instruction of a block)
        return end
    return run


def _misc(cpu, hw: int, pc: int):
    r = cpu.r
    if hw & 0xFF00 == 0xB000:  # ADD/SUB sp, sp, #imm7*4
        imm = (hw & 0x7F) * 4
        if hw & 0x80:
            imm = -imm

        def run_sp(pc):
            r[13] = (r[13] + imm) & MASK
            return pc + 2
        return run_sp
    if hw & 0xF500 == 0xB100 and cpu.armv7m:  # CBZ/CBNZ
        nonzero = bool(hw & 0x0800)
        rn = hw & 7
        offset = ((hw >> 3) & 0x40) | ((hw >> 2) & 0x3E)

        def run_cbz(pc):
            if (r[rn] != 0) == nonzero:
                return pc + 4 + offset
            return pc + 2
        return run_cbz
    if hw & 0xF600 == 0xB200:  # SXTH/SXTB/UXTH/UXTB, REV/REV16/REVSH
        return _extend_reverse(cpu, hw)
    if hw & 0xFE00 in (0xB400, 0xBC00):
        return _push_pop(cpu, hw, bool(hw & 0x0800), 15 if hw & 0x0800 else 14)
    if hw & 0xFFEC == 0xB660:  # CPSIE/CPSID i
        disable = (hw >> 4) & 1

        def run_cps(pc):
            if hw & 2:
                cpu.primask = disable
            return pc + 2
        return run_cps
    if hw & 0xFF00 == 0xBF00:
        if hw & 0xF == 0:  # NOP, YIELD, WFE, WFI, SEV: nothing to wait for here
            return lambda pc: pc + 2
        if cpu.armv7m:
            return _it_block(cpu, hw, pc)
    if hw & 0xFF00 == 0xBE00:
        return undefined(f"bkpt {hw & 0xFF} with no debugger attached")
    return undefined(f"undefined instruction 0x{hw:04x}")


def decode(cpu, pc: int, in_it: bool):
    """The function that runs the instruction at ``pc`` (see the module docstring)."""
    hw = cpu.fetch16(pc)
    if hw >> 11 >= 0x1D:
        wide = decode_wide(cpu, hw, cpu.fetch16(pc + 2))
        return wide or undefined(f"undefined instruction 0x{hw:04x} 0x{cpu.fetch16(pc + 2):04x}")
    setflags = not in_it
    r = cpu.r
    top = hw >> 12
    if top < 2:
        if (hw >> 11) & 3 == 3:
            return _add_sub(cpu, hw, setflags)
        return _shift_imm(cpu, hw, setflags)
    if top < 4:
        return _imm8(cpu, hw, setflags)
    if hw >> 10 == 0x10:
        return _data_processing(cpu, hw, setflags)
    if hw >> 10 == 0x11:
        return _special(cpu, hw)
    if hw >> 11 == 0x09:  # LDR rt, [pc, #imm8*4]
        imm = (hw & 0xFF) * 4
        return _load_store(cpu, 4, True, False, (hw >> 8) & 7,
                           lambda pc: ((pc + 4) & ~3) + imm, True)
    if top == 5:
        return _register_offset(cpu, hw)
    rn, rt = (hw >> 3) & 7, hw & 7
    imm5 = (hw >> 6) & 31
    if top in (6, 7):
        size = 1 if top == 7 else 4
        offset = imm5 * size
        return _load_store(cpu, size, bool(hw & 0x0800), False, rt,
                           lambda pc: (r[rn] + offset) & MASK, False)
    if top == 8:
        offset = imm5 * 2
        return _load_store(cpu, 2, bool(hw & 0x0800), False, rt,
                           lambda pc: (r[rn] + offset) & MASK, False)
    imm8 = (hw & 0xFF) * 4
    rd = (hw >> 8) & 7
    if top == 9:
        return _load_store(cpu, 4, bool(hw & 0x0800), False, rd,
                           lambda pc: (r[13] + imm8) & MASK, False)
    if top == 10:
        sp = bool(hw & 0x0800)

        def run_adr(pc):
            r[rd] = ((r[13] if sp else (pc + 4) & ~3) + imm8) & MASK
            return pc + 2
        return run_adr
    if top == 11:
        return _misc(cpu, hw, pc)
    if top == 12:
        return _multiple(cpu, hw)
    if top == 13:
        cond = (hw >> 8) & 15
        if cond == 14:
            return undefined(f"undefined instruction (udf {hw & 0xFF})")
        if cond == 15:
            return undefined(f"svc {hw & 0xFF} with no supervisor call handler")
        offset = ((hw & 0xFF) ^ 0x80) - 0x80 << 1
        holds = PREDICATES[cond]

        def run_bcc(pc):
            if holds(cpu):
                return (pc + 4 + offset) & MASK
            return pc + 2
        return run_bcc
    offset = ((hw & 0x7FF) ^ 0x400) - 0x400 << 1  # B
    return lambda pc: (pc + 4 + offset) & MASK
