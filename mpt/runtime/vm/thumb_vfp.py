"""The single-precision VFP instructions of the Cortex-M4F (the pyboard's core).

The ones the inline assembler emits: VADD, VSUB, VMUL, VDIV, VNEG, VSQRT, VCMP(E), VCVT
between s32 and f32, VMOV between a core and an FPU register, VMRS, VLDR and VSTR. The
registers s0-s31 hold bit patterns; arithmetic is done on doubles and rounded once to single
precision (exact for these operations: a double holds more than twice a single's bits), to
nearest as FPSCR's default rounding mode asks.
"""

from __future__ import annotations

import math
import struct

from mpt.runtime.vm.thumb_base import MASK, SIGN

_F32 = struct.Struct("<f")
_U32 = struct.Struct("<I")
DEFAULT_NAN = 0x7FC00000


def to_float(bits: int) -> float:
    return _F32.unpack(_U32.pack(bits))[0]


def from_float(value: float) -> int:
    """``value`` rounded to the nearest single, as its bit pattern."""
    if value != value:
        return DEFAULT_NAN
    try:
        return _U32.unpack(_F32.pack(value))[0]
    except OverflowError:  # beyond the largest single: infinity
        return 0x7F800000 | (SIGN if value < 0 else 0)


def _divide(a: float, b: float) -> float:
    if b == 0:
        if a == 0 or a != a:
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def _sqrt(a: float) -> float:
    if a != a or a < 0:
        return math.nan
    return math.sqrt(a)


def _to_s32(value: float) -> int:
    """VCVT.S32.F32 (rounding toward zero, saturating; NaN gives 0)."""
    if value != value:
        return 0
    if value >= 2147483647:
        return 0x7FFFFFFF
    if value <= -2147483648:
        return SIGN
    return int(value) & MASK


def _compare(cpu, a: float, b: float) -> None:
    if a != a or b != b:
        nzcv = 0b0011
    elif a == b:
        nzcv = 0b0110
    elif a < b:
        nzcv = 0b1000
    else:
        nzcv = 0b0010
    cpu.fpscr = (cpu.fpscr & 0x0FFFFFFF) | nzcv << 28


_ARITH = {0x30: lambda a, b: a + b, 0x34: lambda a, b: a - b, 0x20: lambda a, b: a * b,
          0x80: _divide}


def _data_processing(cpu, hw1: int, hw2: int):
    s = cpu.s
    sd = ((hw2 >> 11) & 0x1E) | ((hw1 >> 6) & 1)
    sn = ((hw1 & 15) << 1) | ((hw2 >> 7) & 1)
    sm = ((hw2 & 15) << 1) | ((hw2 >> 5) & 1)
    opc1 = hw1 & 0xB0
    key = opc1 | ((hw2 >> 4) & 4)  # (bit 6 of hw2: VSUB against VADD, VNMUL against VMUL)
    if opc1 != 0xB0:
        fn = _ARITH.get(key)
        if fn is None:
            return None

        def run(pc):
            s[sd] = from_float(fn(to_float(s[sn]), to_float(s[sm])))
            return pc + 4
        return run
    opc2, opc3 = hw1 & 15, (hw2 >> 6) & 3
    if opc3 == 3 and opc2 == 1:
        def run_sqrt(pc):
            s[sd] = from_float(_sqrt(to_float(s[sm])))
            return pc + 4
        return run_sqrt
    if opc3 == 1 and opc2 == 1:
        def run_neg(pc):
            s[sd] = s[sm] ^ SIGN
            return pc + 4
        return run_neg
    if opc3 == 1 and opc2 == 0:
        def run_mov(pc):
            s[sd] = s[sm]
            return pc + 4
        return run_mov
    if opc3 == 3 and opc2 == 0:
        def run_abs(pc):
            s[sd] = s[sm] & ~SIGN
            return pc + 4
        return run_abs
    if opc3 & 1 and opc2 in (4, 5):
        zero = opc2 == 5

        def run_cmp(pc):
            _compare(cpu, to_float(s[sd]), 0.0 if zero else to_float(s[sm]))
            return pc + 4
        return run_cmp
    if opc3 & 1 and opc2 == 8:
        signed = bool(hw2 & 0x80)

        def run_to_float(pc):
            value = s[sm]
            if signed and value & SIGN:
                value -= 1 << 32
            s[sd] = from_float(float(value))
            return pc + 4
        return run_to_float
    if opc3 == 3 and opc2 == 13:  # VCVT.S32.F32 (round toward zero)
        def run_to_int(pc):
            s[sd] = _to_s32(to_float(s[sm]))
            return pc + 4
        return run_to_int
    return None


def _transfer(cpu, hw1: int, hw2: int):
    """VMOV between a core register and a single; VMRS."""
    r, s = cpu.r, cpu.s
    rt = (hw2 >> 12) & 15
    if hw1 == 0xEEF1:  # VMRS rt, FPSCR (rt 15: APSR_nzcv)
        def run_vmrs(pc):
            if rt == 15:
                flags = cpu.fpscr >> 28
                cpu.n, cpu.z, cpu.c, cpu.v = (bool(flags & 8), bool(flags & 4),
                                              bool(flags & 2), bool(flags & 1))
            else:
                r[rt] = cpu.fpscr
            return pc + 4
        return run_vmrs
    if hw1 & 0xFFE0 != 0xEE00 or rt in (13, 15):
        return None
    sn = ((hw1 & 15) << 1) | ((hw2 >> 7) & 1)
    if hw1 & 0x10:
        def run_to_core(pc):
            r[rt] = s[sn]
            return pc + 4
        return run_to_core

    def run_to_fpu(pc):
        s[sn] = r[rt]
        return pc + 4
    return run_to_fpu


def _load_store(cpu, hw1: int, hw2: int):
    """VLDR and VSTR of a single."""
    r, s = cpu.r, cpu.s
    rn = hw1 & 15
    sd = ((hw2 >> 11) & 0x1E) | ((hw1 >> 6) & 1)
    imm = (hw2 & 0xFF) * 4
    if not hw1 & 0x80:
        imm = -imm
    load = bool(hw1 & 0x10)

    def run(pc):
        cpu.pc = pc
        base = ((pc + 4) & ~3) if rn == 15 else r[rn]
        address = (base + imm) & MASK
        if load:
            s[sd] = cpu.load(4, address)
        else:
            cpu.store(4, address, s[sd])
        return pc + 4
    return run


def decode_vfp(cpu, hw1: int, hw2: int):
    """The function running a single-precision VFP instruction, or None."""
    if hw2 & 0x0F00 != 0x0A00:
        return None  # (double precision: the M4F has none)
    if hw1 & 0xFF00 == 0xEE00:
        if hw2 & 0x10:
            return _transfer(cpu, hw1, hw2)
        return _data_processing(cpu, hw1, hw2)
    if hw1 & 0xFF20 == 0xED00:
        return _load_store(cpu, hw1, hw2)
    return None
