"""Decoding the 32-bit Thumb instructions the inline assembler emits.

BL (every Thumb core); on ARMv7-M also the wide conditional and unconditional branches,
MOVW/MOVT, PUSH/POP of high registers (STMDB/LDMIA sp!), CLZ, RBIT, MRS, LDREX/STREX,
SDIV/UDIV; the VFP instructions are in thumb_vfp.py (cores with the FPU). ``decode_wide``
returns None for an encoding the core does not have.
"""

from __future__ import annotations

from mpt.runtime.vm.thumb_base import MASK, SIGN, condition_passes
from mpt.runtime.vm.thumb_vfp import decode_vfp

# MRS's special registers: the xPSR views, MSP, PSP, PRIMASK, BASEPRI(_MAX), FAULTMASK,
# CONTROL (MicroPython runs in privileged thread mode on the main stack, no exception active)
_SYSM = (0, 1, 2, 3, 5, 6, 7, 8, 9, 16, 17, 18, 19, 20)


def _branch(cpu, hw1: int, hw2: int):
    s = (hw1 >> 10) & 1
    j1, j2 = (hw2 >> 13) & 1, (hw2 >> 11) & 1
    if hw2 & 0x1000:  # BL, B.W (T4): S:I1:I2:imm10:imm11:0
        i1, i2 = 1 - (j1 ^ s), 1 - (j2 ^ s)
        offset = (s << 24) | (i1 << 23) | (i2 << 22) | ((hw1 & 0x3FF) << 12) | ((hw2 & 0x7FF) << 1)
        offset -= (s << 25)
        link = bool(hw2 & 0x4000)
        if not link and not cpu.armv7m:
            return None
        r = cpu.r

        def run(pc):
            if link:
                r[14] = (pc + 4) | 1
            return (pc + 4 + offset) & MASK
        return run
    if not cpu.armv7m:
        return None
    cond = (hw1 >> 6) & 15  # B<cc>.W (T3): S:J2:J1:imm6:imm11:0
    if cond >= 14:
        return None
    offset = (s << 20) | (j2 << 19) | (j1 << 18) | ((hw1 & 0x3F) << 12) | ((hw2 & 0x7FF) << 1)
    offset -= s << 21

    def run_cc(pc):
        if condition_passes(cpu, cond):
            return (pc + 4 + offset) & MASK
        return pc + 4
    return run_cc


def _multiple(cpu, hw1: int, hw2: int):
    """STMDB rn!, {list} (PUSH) and LDMIA rn!, {list} (POP)."""
    r = cpu.r
    rn = hw1 & 15
    load = bool(hw1 & 0x10)
    writeback = bool(hw1 & 0x20)
    regs = [i for i in range(16) if hw2 >> i & 1]
    if len(regs) < 2 or hw2 & 0x2000 or (not load and hw2 & 0x8000) or rn == 15:
        return None
    count = len(regs)

    def run(pc):
        cpu.pc = pc
        base = r[rn]
        if load:
            values = cpu.load_words(base, count)
            if writeback:
                r[rn] = (base + 4 * count) & MASK
            for reg, value in zip(regs, values):
                if reg == 15:
                    return cpu.branch_to(value, pc)
                r[reg] = value
            return pc + 4
        start = (base - 4 * count) & MASK
        cpu.store_words(start, [r[reg] for reg in regs])
        if writeback:
            r[rn] = start
        return pc + 4
    return run


def _unary(cpu, hw1: int, hw2: int):
    """CLZ and RBIT."""
    r = cpu.r
    rm, rd = hw2 & 15, (hw2 >> 8) & 15
    if hw1 & 15 != rm:
        return None
    clz = hw1 & 0xFFF0 == 0xFAB0

    def run(pc):
        v = r[rm]
        r[rd] = 32 - v.bit_length() if clz else int(f"{v:032b}"[::-1], 2)
        return pc + 4
    return run


def _divide(cpu, hw1: int, hw2: int):
    r = cpu.r
    rn, rd, rm = hw1 & 15, (hw2 >> 8) & 15, hw2 & 15
    signed = hw1 & 0xFFF0 == 0xFB90

    def run(pc):
        a, b = r[rn], r[rm]
        if b == 0:  # (division by zero does not trap: CCR.DIV_0_TRP is off)
            r[rd] = 0
            return pc + 4
        if signed:
            a = a - (1 << 32) if a & SIGN else a
            b = b - (1 << 32) if b & SIGN else b
            q = abs(a) // abs(b)
            r[rd] = (q if (a < 0) == (b < 0) else -q) & MASK
        else:
            r[rd] = a // b
        return pc + 4
    return run


def _exclusive(cpu, hw1: int, hw2: int):
    """LDREX rt, [rn, #imm] and STREX rd, rt, [rn, #imm] (one core: the local monitor)."""
    r = cpu.r
    rn, rt = hw1 & 15, (hw2 >> 12) & 15
    imm = (hw2 & 0xFF) * 4
    if hw1 & 0x10:
        def run_ldrex(pc):
            cpu.pc = pc
            address = (r[rn] + imm) & MASK
            r[rt] = cpu.load(4, address)
            cpu.exclusive = address
            return pc + 4
        return run_ldrex
    rd = (hw2 >> 8) & 15

    def run_strex(pc):
        cpu.pc = pc
        address = (r[rn] + imm) & MASK
        if cpu.exclusive is None:
            r[rd] = 1
        else:
            cpu.store(4, address, r[rt])
            r[rd] = 0
        cpu.exclusive = None
        return pc + 4
    return run_strex


def _mrs(cpu, hw2: int):
    r = cpu.r
    rd, sysm = (hw2 >> 8) & 15, hw2 & 0xFF
    if sysm not in _SYSM:
        return None

    def run(pc):
        if sysm <= 3:  # the APSR views of xPSR (IPSR and EPSR read as 0 in thread mode)
            value = cpu.n << 31 | cpu.z << 30 | cpu.c << 29 | cpu.v << 28
        elif sysm == 8:  # MSP
            value = r[13]
        elif sysm == 16:
            value = cpu.primask
        else:
            value = 0
        r[rd] = value
        return pc + 4
    return run


def _move_wide(cpu, hw1: int, hw2: int):
    r = cpu.r
    rd = (hw2 >> 8) & 15
    imm = ((hw1 & 15) << 12) | ((hw1 >> 10) & 1) << 11 | ((hw2 >> 12) & 7) << 8 | (hw2 & 0xFF)
    top = hw1 & 0xFBF0 == 0xF2C0

    def run(pc):
        r[rd] = (r[rd] & 0xFFFF) | (imm << 16) if top else imm
        return pc + 4
    return run


def _load_store_imm12(cpu, hw1: int, hw2: int):
    """LDR/LDRH/LDRB and STR/STRH/STRB rt, [rn, #imm12] (T2/T3 encodings), as the native
    emitter uses them for offsets beyond the 16-bit forms' reach."""
    r = cpu.r
    rn, rt, imm = hw1 & 15, (hw2 >> 12) & 15, hw2 & 0xFFF
    size = 1 << ((hw1 >> 5) & 3)
    if size == 8 or rn == 15 or rt == 15:
        return None
    if hw1 & 0x10:
        def run_load(pc):
            cpu.pc = pc
            r[rt] = cpu.load(size, (r[rn] + imm) & MASK)
            return pc + 4
        return run_load

    def run_store(pc):
        cpu.pc = pc
        cpu.store(size, (r[rn] + imm) & MASK, r[rt])
        return pc + 4
    return run_store


def _add_sub_imm12(cpu, hw1: int, hw2: int):
    """ADDW and SUBW rd, rn, #imm12 (T4 encodings; the native emitter's stack frames)."""
    r = cpu.r
    rn, rd = hw1 & 15, (hw2 >> 8) & 15
    imm = ((hw1 >> 10) & 1) << 11 | ((hw2 >> 12) & 7) << 8 | (hw2 & 0xFF)
    if hw1 & 0x00A0:
        imm = -imm
    if rn == 15 or rd == 15:
        return None

    def run(pc):
        r[rd] = (r[rn] + imm) & MASK
        return pc + 4
    return run


def decode_wide(cpu, hw1: int, hw2: int):
    """The function running the 32-bit instruction ``hw1 hw2``, or None."""
    if hw1 & 0xF800 == 0xF000 and hw2 & 0x8000:  # branches and miscellaneous control
        if hw2 & 0x5000 == 0 and (hw1 >> 6) & 15 >= 14:
            if hw1 == 0xF3EF and hw2 & 0xF000 == 0x8000:
                return _mrs(cpu, hw2)
            return None
        if hw2 & 0x5000 == 0x4000:  # BLX to ARM code
            return None
        return _branch(cpu, hw1, hw2)
    if not cpu.armv7m:
        return None
    if hw1 & 0xFBF0 in (0xF240, 0xF2C0):
        return _move_wide(cpu, hw1, hw2)
    if hw1 & 0xFF80 == 0xF880:
        return _load_store_imm12(cpu, hw1, hw2)
    if hw1 & 0xFBF0 in (0xF200, 0xF2A0) and not hw2 & 0x8000:
        return _add_sub_imm12(cpu, hw1, hw2)
    if hw1 & 0xFFD0 in (0xE900, 0xE890):
        return _multiple(cpu, hw1, hw2)
    if hw1 & 0xFFE0 == 0xE840 and (hw1 & 0x10 == 0 or hw2 & 0x0F00 == 0x0F00):
        return _exclusive(cpu, hw1, hw2)
    if (hw1 & 0xFFF0, hw2 & 0xF0F0) in ((0xFAB0, 0xF080), (0xFA90, 0xF0A0)):
        return _unary(cpu, hw1, hw2)
    if hw1 & 0xFFD0 == 0xFB90 and hw2 & 0xF0F0 == 0xF0F0:
        return _divide(cpu, hw1, hw2)
    if hw1 & 0xEC00 == 0xEC00 and hw2 & 0x0E00 == 0x0A00 and cpu.fpu:
        return decode_vfp(cpu, hw1, hw2)
    return None
