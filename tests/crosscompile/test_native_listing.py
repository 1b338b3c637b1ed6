"""The machine-code decoders of `mpt disasm` (mpt.mpy.machine) on everything the native emitter
produces for the native differential corpus.

Two properties, per architecture decoded:
- coverage: every byte of every native and viper function decodes (no unknown data: only
  the literal words that PC-relative loads read are data);
- round trip: an instruction decoded from the emitter's output, handed back to mpt's
  assembler back end (the method or encoder that produces that form), gives the same bytes.
  Forms the back ends only ever write inline as part of a longer sequence (push lists,
  ret, call through a register, ...) have no single encoder to call and are counted apart.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mpt.crosscompile.api import compile_source
from mpt.crosscompile.native.asmbase import PASS_EMIT
from mpt.mpy.machine import decode
from mpt.mpy.mpyfile import read_mpy
from mpt.mpy.prelude import decode_prelude
from mpt.mpy.rawcode import KIND_NATIVE_PY, KIND_NATIVE_VIPER
from mpycross_ref import MICROPYTHON_SRC, needs_micropython_src

HERE = Path(__file__).parent
CORPUS = HERE / "native_corpus"
WHOLE_MODULES = HERE / "corpus"
WORD_SIZE = {"x64": 8}
SCOPE_FLAG_GENERATOR = 0x01

# (arch, arch flags) pairs decoded
CASES = [("x64", 0), ("x86", 0), ("armv6", 0), ("armv6m", 0), ("armv7m", 0), ("armv7emdp", 0),
         ("xtensa", 0), ("xtensawin", 0), ("rv32imc", 0), ("rv32imc", 3)]


def _functions(arch: str, flags: int, programs=None):
    """(name, code, start, end) for every native/viper function the corpus (or ``programs``)
    compiles to."""
    if programs is not None:
        modules = [compile_source(p.read_bytes(), p.name, march=arch, arch_flags=flags)
                   for p in programs]
    else:
        modules = [compile_source(p.read_bytes(), p.name, march=arch, arch_flags=flags)
                   for p in sorted(CORPUS.glob("*.py")) if not p.name.startswith("asm_")]
        for p in sorted(WHOLE_MODULES.glob("*.py")):
            try:
                modules.append(compile_source(p.read_bytes(), p.name, march=arch,
                                              emit="native", arch_flags=flags))
            except Exception:  # the programs mpy-cross refuses as native code too
                continue
    word = WORD_SIZE.get(arch, 4)
    out = []

    def walk(rc, path):
        if rc.kind in (KIND_NATIVE_PY, KIND_NATIVE_VIPER):
            start, end = 0, len(rc.fun_data)
            if rc.kind == KIND_NATIVE_PY:
                prelude = decode_prelude(rc.fun_data[rc.prelude_offset:])
                start = word * (2 if prelude.scope_flags & SCOPE_FLAG_GENERATOR else 1)
                end = rc.prelude_offset
            out.append((path, rc.fun_data, start, end))
        for i, child in enumerate(rc.children):
            walk(child, f"{path}.{i}")

    for i, data in enumerate(modules):
        walk(read_mpy(data).root, str(i))
    return out


_CACHE: dict = {}


def functions(arch: str, flags: int):
    if (arch, flags) not in _CACHE:
        _CACHE[arch, flags] = _functions(arch, flags)
    return _CACHE[arch, flags]


@pytest.mark.parametrize("arch, flags", CASES)
def test_every_byte_the_emitter_produces_decodes(arch, flags):
    funcs = functions(arch, flags)
    assert len(funcs) > 100
    unknown = []
    for path, code, start, end in funcs:
        insns = decode(arch, code, start, end)
        assert sum(i.size for i in insns) == end - start
        assert [i.offset for i in insns] == sorted({i.offset for i in insns})
        unknown += [(path, hex(i.offset), i.text) for i in insns if not i.known]
    assert unknown == []


@needs_micropython_src
@pytest.mark.parametrize("arch, flags", CASES)
def test_micropython_native_and_viper_tests_decode(arch, flags):
    tests = MICROPYTHON_SRC / "tests" / "micropython"
    programs = [p for pattern in ("native_*.py", "viper_*.py") for p in sorted(tests.glob(pattern))]
    funcs = _functions(arch, flags, programs)
    assert len(funcs) > 100
    unknown = [(path, i.text) for path, code, start, end in funcs
               for i in decode(arch, code, start, end) if not i.known]
    assert unknown == []


# ---- re-encoding with mpt's back ends ----

def _x64_encoder(a, insn, arch):
    f = insn.form
    name = f[0]
    alu = {"add": 0x01, "or": 0x09, "and": 0x21, "sub": 0x29, "xor": 0x31, "cmp": 0x39,
           "test": 0x85, "mov": 0x89}
    if name in ("push", "pop"):
        return lambda: (a.push_r64 if name == "push" else a.pop_r64)(f[1])
    # (name, bits, dest, src): registers by number, memory as ("mem", base, disp)
    if name in alu and len(f) == 4 and isinstance(f[2], int) and isinstance(f[3], int):
        bits, rm, reg = f[1], f[2], f[3]
        if bits == 8 and name == "test":
            return lambda: a.test_r8_with_r8(reg, rm)
        if bits == 64:
            return lambda: a._generic_rr(rm, reg, alu[name])
    if name == "mov" and isinstance(f[2], tuple):
        bits, (_, base, disp), reg = f[1], f[2], f[3]
        store = {8: a.mov_r8_to_mem8, 16: a.mov_r16_to_mem16, 32: a.mov_r32_to_mem32,
                 64: a.mov_r64_to_mem64}[bits]
        return lambda: store(reg, base, disp)
    if name == "mov" and isinstance(f[3], tuple):
        bits, reg, (_, base, disp) = f[1], f[2], f[3]
        load = {64: a.mov_mem64_to_r64, 32: a.mov_mem32_to_r64zx}[bits]
        return lambda: load(base, disp, reg)
    if name == "lea":
        if f[3][0] == "rip":
            return lambda: a.mov_reg_pcrel(f[2], "T")
        return lambda: a.lea_disp_to_r64(f[3][1], f[3][2], f[2])
    if name == "movzx":
        load = {8: a.mov_mem8_to_r64zx, 16: a.mov_mem16_to_r64zx}[f[1]]
        return lambda: load(f[3][1], f[3][2], f[2])
    if name == "sub_imm":
        return lambda: a.sub_r64_i32(f[2], f[3])
    if name == "mov_imm":
        return lambda: (a.mov_i64_to_r64 if f[1] == 64 else a.mov_i32_to_r64)(f[3], f[2])
    if name in ("shl", "shr", "sar", "not", "neg"):
        method = {"shl": a.lsl_reg, "shr": a.lsr_reg, "sar": a.asr_reg, "not": a.not_reg,
                  "neg": a.neg_reg}[name]
        return lambda: method(f[2])
    if name == "jmp" and len(f) == 3 and f[1] == 64:
        return lambda: a.jump_reg(f[2])
    if name == "jmp":
        return lambda: a.jump("T")
    if name.startswith("j") and name[1:] in x64_cc_names():
        return lambda: a.jcc_label(x64_cc_names().index(name[1:]), "T")
    if name == "setcc":
        return lambda: a.setcc_r8(f[1], f[2])
    if name == "imul":
        return lambda: a.mul_reg_reg(f[2], f[3])
    return None


def x64_cc_names():
    from mpt.mpy.machine.x86 import CC_NAMES
    return CC_NAMES


def _branch_target(insn):
    f = insn.form
    for value in f[1:]:
        if isinstance(value, tuple) and value[0] == "rip":
            return value[1]
    if f[0] in ("jmp", "b", "bcc", "jal", "c.j", "c.jal", "c.beqz", "c.bnez") or \
            f[0].startswith("j") or f[0] in ("beq", "bne", "blt", "bge", "bltu", "bgeu"):
        ints = [v for v in f[1:] if isinstance(v, int)]
        if f[0] in ("b",):
            return f[1]
        if f[0] == "bcc":
            return f[2]
        return ints[-1] if f[0] in ("beq", "bne", "blt", "bge", "bltu", "bgeu", "c.beqz",
                                    "c.bnez") else ints[0]
    return None


def _thumb_encoder(a, insn, arch):
    from mpt.crosscompile.native.thumb import OP_MOVT, OP_MOVW
    f = insn.form
    name = f[0]
    sizes = {"b": 0, "h": 1}
    if name == "lsl_imm":
        return lambda: a.lsl_rlo_rlo_i5(f[1], f[2], f[3])
    if name in ("add_rrr", "sub_rrr"):
        return lambda: (a.add_rlo_rlo_rlo if name == "add_rrr" else a.sub_rlo_rlo_rlo)(*f[1:])
    if name in ("movs_i8", "cmp_i8", "adds_i8"):
        return lambda: {"movs_i8": a.mov_rlo_i8, "cmp_i8": a.cmp_rlo_i8,
                        "adds_i8": a.add_rlo_i8}[name](f[1], f[2])
    if name == "format_4":
        return lambda: a.format_4(f[1], f[2], f[3])
    if name == "add_hi":
        return lambda: a.add_reg_reg_hi(f[1], f[2])
    if name == "mov_hi":
        return lambda: a.mov_reg_reg(f[1], f[2])
    if name == "bx":
        return lambda: a.bx_reg(f[1])
    if name == "ldr_pcrel":
        return lambda: a.ldr_rlo_pcrel_i8(f[1], (f[2] - ((insn.offset + 4) & ~3)) // 4)
    if name in ("ldst_imm", "ldst_w"):
        mnemonic, rt, rn, imm = f[1].split(".")[0], f[2], f[3], f[4]
        size = sizes.get(mnemonic[-1], 2)
        method = a.load_scaled if mnemonic.startswith("ldr") else \
            a.store_scaled
        return lambda: method(rt, rn, imm >> size, size)
    if name == "ldst_reg" and f[1] in ("ldrb", "strb"):
        method = a.load_sized_reg_reg_reg if f[1] == "ldrb" else a.store_sized_reg_reg_reg
        return lambda: method(8, f[2], f[3], f[4])
    if name == "str_sp":
        return lambda: a.mov_local_reg(f[2], f[1])
    if name == "ldr_sp":
        return lambda: a.mov_reg_local(f[1], f[2])
    if name == "add_sp_addr":
        return lambda: a.mov_reg_local_addr(f[1], f[2])
    if name == "sxth":
        return lambda: a.sxth_rlo_rlo(f[1], f[2])
    if name in ("movw", "movt"):
        return lambda: a.mov_reg_i16(OP_MOVW if name == "movw" else OP_MOVT, f[1], f[2])
    # armv6m writes a forward branch as a sequence (a branch over a long jump): only its
    # backward branches are one instruction
    if name == "b" and (a.armv7m or f[1] <= insn.offset):
        return lambda: a.b_label("T")
    if name == "bcc" and (a.armv7m or f[2] <= insn.offset):
        return lambda: a.bcc_label(f[1], "T")
    return None


def _arm_encoder(a, insn, arch):
    from mpt.crosscompile.native.arm import CC_AL, SP
    f = insn.form
    name = f[0]
    if name == "b":
        return lambda: a.jump("T")
    if name == "bcc":
        return lambda: a._bcc(f[1] << 28, "T")
    if name in ("ldst", "ldst_h"):
        mnemonic, rt, rn, offset = f[1], f[3], f[4], f[5]
        bits = {"b": 8, "h": 16}.get(mnemonic[-1], 32)
        load = mnemonic.startswith("ldr")
        if offset[0] == "imm" and offset[1] >= 0:
            index = offset[1] // (bits // 8)
            return lambda: (a.load_sized_offset if load else a.store_sized_offset)(
                bits, rt, rn, index)
        if offset[0] == "reg" and name == "ldst":
            return lambda: (a.load_sized_reg_reg_reg if load else a.store_sized_reg_reg_reg)(
                bits, rt, rn, offset[1])
        return None  # a halfword at a register index: after the index's shift
    if f[1] != CC_AL >> 28:
        return None  # compare_set's pair of conditional moves
    if name == "bx":
        return lambda: a.jump_reg(f[2])
    if name == "mul":
        rd, rm, rs = f[2:5]
        return (lambda: a.mul_reg_reg(rd, rm)) if rd == rs else None
    if len(f) != 6:
        return None
    s, rd, rn, operand = f[2], f[3], f[4], f[5]
    if s:
        return None
    kind = operand[0]
    if name == "mov" and kind == "reg":
        return lambda: a.mov_reg_reg(rd, operand[1])
    if name == "mov" and kind == "reg_shift_reg" and rd == operand[1]:
        shift = (a.lsl_reg_reg, a.lsr_reg_reg, a.asr_reg_reg)[operand[2]]
        return lambda: shift(rd, operand[3])
    if name in ("mov", "mvn") and kind == "imm":
        value = operand[1] if name == "mov" else ~operand[1]
        return lambda: a.mov_reg_imm(rd, value)
    if name == "mvn" and kind == "reg" and rd == operand[1]:
        return lambda: a.not_reg(rd)
    if name == "rsb" and kind == "imm" and operand[1] == 0 and rd == rn:
        return lambda: a.neg_reg(rd)
    if name == "add" and kind == "imm" and rn == SP:
        return lambda: a.mov_reg_local_addr(rd, operand[1] >> 2)
    if name == "add" and kind == "reg":
        return lambda: a.add_rrr(rd, rn, operand[1])
    two_operand = {"sub": a.sub_reg_reg, "and": a.and_reg_reg, "orr": a.or_reg_reg,
                   "eor": a.xor_reg_reg}
    if name in two_operand and kind == "reg" and rd == rn:
        return lambda: two_operand[name](rd, operand[1])
    return None


def _rv32_encoder(a, insn, arch):
    from mpt.crosscompile.native import rv32
    from mpt.mpy.machine.rv32 import _BRANCH, _LOAD, _OP, _OP_IMM, _STORE
    f = insn.form
    name = f[0]
    c = {"c.addi": a.c_addi, "c.li": a.c_li, "c.add": a.c_add, "c.mv": a.c_mv, "c.jr": a.c_jr,
         "c.jalr": a.c_jalr, "c.lw": a.c_lw, "c.sw": a.c_sw, "c.lwsp": a.c_lwsp,
         "c.swsp": a.c_swsp}
    if name in c:
        return lambda: c[name](*f[1:])
    if name == "c.lui":
        return lambda: a.c_lui(f[1], f[2] << 12)
    if name == "c.j":
        return lambda: a.c_j(f[1] - insn.offset)
    if name in ("c.beqz", "c.bnez"):
        return lambda: a._cb_branch(6 if name == "c.beqz" else 7, f[1], f[2] - insn.offset)
    ops = {v: k for k, v in _OP.items()}
    if name in ops:
        f3, f7 = ops[name]
        return lambda: a.word(rv32._type_r(0x33, f3, f7, f[1], f[2], f[3]))
    for table, opcode in ((_OP_IMM, 0x13), (_LOAD, 0x03)):
        inverse = {v: k for k, v in table.items()}
        if name in inverse:
            return lambda: a.word(rv32._type_i(opcode, inverse[name], f[1], f[2], f[3]))
    if name in ("slli", "srli", "srai"):
        f3 = 1 if name == "slli" else 5
        imm = f[3] | (0x400 if name == "srai" else 0)
        return lambda: a.word(rv32._type_i(0x13, f3, f[1], f[2], imm))
    if name == "jalr":
        return lambda: a.jalr(f[1], f[2], f[3])
    stores = {v: k for k, v in _STORE.items()}
    if name in stores:
        return lambda: a.word(rv32._type_s(0x23, stores[name], f[2], f[1], f[3]))
    branches = {v: k for k, v in _BRANCH.items()}
    if name in branches:
        return lambda: a.word(rv32._type_b(0x63, branches[name], f[1], f[2],
                                           f[3] - insn.offset))
    if name in ("lui", "auipc"):
        return lambda: a.word(rv32._type_u(0x37 if name == "lui" else 0x17, f[1], f[2]))
    if name == "c.addi4spn":
        return lambda: a.half(rv32._type_ciw(0, 0, f[1], f[2]))
    if name in ("cm.push", "cm.popret"):
        ft6, ft2 = (0x2E, 0) if name == "cm.push" else (0x2F, 2)
        return lambda: a.half(rv32._type_cmpp(2, ft6, ft2, f[1], f[2]))
    return None


def _xtensa_encoder(a, insn, arch):
    from mpt.crosscompile.native.xtensa import _rri8, _rrr
    f = insn.form
    name, pos = f[0], insn.offset
    lsai = {"l8ui": 0, "l16ui": 1, "s8i": 4, "s16i": 5}
    rst0 = {"and": 1, "or": 2, "xor": 3, "add": 8, "addx2": 9, "addx4": 10, "addx8": 11,
            "subx2": 13, "subx4": 14, "subx8": 15}
    conds = {"bnone": 0, "beq": 1, "blt": 2, "bltu": 3, "ball": 4, "bbc": 5, "bany": 8,
             "bne": 9, "bge": 10, "bgeu": 11, "bnall": 12, "bbs": 13}
    bz = {"beqz": 0, "bnez": 1, "bltz": 2, "bgez": 3}
    calls = {
        "j": lambda: a.op_j(f[1] - pos - 4),
        "call0": lambda: a.op_call0(f[2]),
        "callx": lambda: a._callx(f[1], f[2]),
        "jx": lambda: a.jump_reg(f[1]),
        "l32r": lambda: a.op_l32r(f[1], pos, f[2]),
        "l32i": lambda: a.op_l32i(f[1], f[2], f[3]),
        "s32i": lambda: a.op_s32i(f[1], f[2], f[3]),
        "movi": lambda: a.op_movi(f[1], f[2]),
        "addi": lambda: a.op_addi(f[1], f[2], f[3]),
        "sub": lambda: a.op_sub(f[1], f[2], f[3]),
        "ssr": lambda: a.op24(_rrr(0, 0, 4, 0, f[1], 0)),
        "ssl": lambda: a.op24(_rrr(0, 0, 4, 1, f[1], 0)),
        "neg": lambda: a.op24(_rrr(0, 0, 6, f[1], 0, f[2])),
        "sll": lambda: a.op24(_rrr(0, 1, 10, f[1], f[2], 0)),
        "srl": lambda: a.op24(_rrr(0, 1, 9, f[1], 0, f[2])),
        "sra": lambda: a.op24(_rrr(0, 1, 11, f[1], 0, f[2])),
        "mull": lambda: a.op24(_rrr(0, 2, 8, f[1], f[2], f[3])),
        "l32i.n": lambda: a.op_l32i_n(f[1], f[2], f[3]),
        "s32i.n": lambda: a.op_s32i_n(f[1], f[2], f[3]),
        "add.n": lambda: a.op_add_n(f[1], f[2], f[3]),
        "movi.n": lambda: a.op_movi_n(f[1], f[2]),
        "mov.n": lambda: a.op_mov_n(f[1], f[2]),
    }
    if name in calls:
        return calls[name]
    if name in lsai:
        return lambda: a.op24(_rri8(2, lsai[name], f[2], f[1], f[3]))
    if name in rst0:
        return lambda: a.op24(_rrr(0, 0, rst0[name], f[1], f[2], f[3]))
    if name in bz:
        return lambda: a.op_bccz(bz[name], f[1], f[2] - pos - 4)
    if name in conds:
        return lambda: a.op_bcc(conds[name], f[1], f[2], f[3] - pos - 4)
    if name in ("bbci", "bbsi"):
        return lambda: a.bit_branch(f[1], f[2], "T", 6 if name == "bbci" else 14)
    return None


def _x86_encoder(a, insn, arch):
    from mpt.crosscompile.native.x64 import _fits_s8
    f = insn.form
    name = f[0]
    alu = {"add": 0x01, "or": 0x09, "and": 0x21, "sub": 0x29, "xor": 0x31, "cmp": 0x39,
           "test": 0x85, "mov": 0x89}
    if name in alu and len(f) == 4 and isinstance(f[2], int) and isinstance(f[3], int) \
            and f[1] == 32:
        return lambda: a._generic_rr(f[2], f[3], alu[name])
    if name == "test" and f[1] == 8 and f[2] == f[3]:
        return lambda: a._test(f[2], True)
    prefix = {("mov", 8): b"\x88", ("mov", 16): b"\x66\x89", ("mov", 32): b"\x89"}
    if name == "mov" and isinstance(f[2], tuple):
        return lambda: a._mem(prefix[name, f[1]], f[3], f[2][1], f[2][2])
    if name in ("mov", "lea") and isinstance(f[3], tuple):
        opcode = b"\x8b" if name == "mov" else b"\x8d"
        return lambda: a._mem(opcode, f[2], f[3][1], f[3][2])
    if name == "movzx":
        return lambda: a._mem(b"\x0f\xb6" if f[1] == 8 else b"\x0f\xb7", f[2], f[3][1],
                              f[3][2])
    if name in ("add_imm", "sub_imm") and f[4] == _fits_s8(f[3]):
        # (a long form with a short immediate is mov_reg_pcrel's, inside its sequence)
        return lambda: a._imm_op(0 if name == "add_imm" else 5, f[2], f[3])
    if name == "mov_imm":
        return lambda: a.mov_reg_imm(f[2], f[3])
    if name in ("shl", "shr", "sar", "not", "neg"):
        method = {"shl": a.lsl_reg, "shr": a.lsr_reg, "sar": a.asr_reg, "not": a.not_reg,
                  "neg": a.neg_reg}[name]
        return lambda: method(f[2])
    if name == "jmp" and len(f) == 3 and f[1] == 32:
        return lambda: a.jump_reg(f[2])
    if name == "jmp":
        return lambda: a.jump("T")
    if name.startswith("j") and name[1:] in x64_cc_names():
        return lambda: a.jcc_label(x64_cc_names().index(name[1:]), "T")
    if name == "imul":
        return lambda: a.mul_reg_reg(f[2], f[3])
    return None


def _assembler(arch: str, flags: int):
    from mpt.crosscompile.native.archs import get_arch
    a = get_arch(arch).new_assembler(flags)
    a.start_pass(PASS_EMIT)
    return a


ENCODERS = {"x64": _x64_encoder, "x86": _x86_encoder, "armv6": _arm_encoder,
            "armv6m": _thumb_encoder, "armv7m": _thumb_encoder,
            "armv7emdp": _thumb_encoder, "xtensa": _xtensa_encoder,
            "xtensawin": _xtensa_encoder, "rv32imc": _rv32_encoder}


# the forms the back ends write only inline, inside a longer sequence: the indirect call
# and return, push/pop lists and stack adjustment of the entry and exit, the IT block and nop
# padding; a register-offset halfword/word load or store (a shift comes first); on armv6m a
# forward branch (a branch over a long jump)
INLINE_ONLY = {"x64": {"call", "ret"},
               "x86": {"push", "pop", "call", "ret", "add_imm", "setcc"},
               "thumb": {"blx", "nop", "push", "pop", "add_sp", "sub_sp", "it", "ldst_reg", "b",
                         "bcc"},
               "xtensa": {"entry", "ret.n", "retw.n"},
               # the entry and exit (push/pop, sub sp), a 32-bit constant (its pc-relative
               # load), the compare before a conditional branch or compare_set's conditional
               # moves, a halfword at a register index (and its index's shift)
               "arm": {"push", "pop", "sub", "ldr_pcrel", "cmp", "ldst_h", "mov"},
               "rv32imc": set()}


@pytest.mark.parametrize("arch, flags", [c for c in CASES if c[0] in ENCODERS])
def test_decoded_instructions_re_encode_to_the_same_bytes(arch, flags):
    a = _assembler(arch, flags)
    mismatches = []
    not_encoded = set()
    for path, code, start, end in functions(arch, flags):
        for insn in decode(arch, code, start, end):
            if insn.form[0].startswith("."):
                continue  # a literal word (armv6m's constants and long jumps)
            encoder = ENCODERS[arch](a, insn, arch)
            if encoder is None:
                not_encoded.add(insn.form[0])
                continue
            a.code = bytearray()
            a.code_offset = insn.offset
            a.suppress = False
            target = _branch_target(insn)
            a.labels = {"T": target} if target is not None else {}
            encoder()
            if bytes(a.code) != code[insn.offset:insn.offset + insn.size]:
                mismatches.append((path, hex(insn.offset), insn.text, bytes(a.code).hex(),
                                   code[insn.offset:insn.offset + insn.size].hex()))
    assert mismatches == []
    family = "arm" if arch == "armv6" else "thumb" if arch.startswith("arm") \
        else "xtensa" if arch.startswith("xtensa") else arch
    assert not_encoded <= INLINE_ONLY[family]


# ---- the ARM-mode listing against a real disassembler ----

LLVM_MC = shutil.which("llvm-mc")


@pytest.mark.skipif(LLVM_MC is None, reason="needs LLVM's llvm-mc (Debian: the llvm package) "
                                             "as the reference ARM disassembler")
def test_arm_listing_reads_as_llvm_disassembles_it():
    """Every instruction `mpt disasm` lists for -march=armv6 code reads as llvm-mc's
    disassembly of the same word (its branches as targets, cs/cc spelt hs/lo)."""
    insns = {}
    for _, code, start, end in functions("armv6", 0):
        for insn in decode("armv6", code, start, end):
            if not insn.form[0].startswith("."):
                insns.setdefault(code[insn.offset:insn.offset + 4], insn)
    words = list(insns)
    assert len(words) > 500
    listing = subprocess.run(
        [LLVM_MC, "--disassemble", "-triple=armv6-none-eabi"], capture_output=True, text=True,
        input="\n".join(" ".join(f"0x{byte:02x}" for byte in word) for word in words),
        check=True).stdout
    theirs = [" ".join(line.split()) for line in listing.splitlines()
              if line.strip() and not line.strip().startswith(".text")]
    assert len(theirs) == len(words)
    differ = []
    for word, text in zip(words, theirs):
        insn = insns[word]
        branch = re.fullmatch(r"(b\w*) #(-?\d+)", text)
        if branch:
            text = f"{branch[1]} 0x{insn.offset + 8 + int(branch[2]):04x}"
        mine = " ".join(insn.text.split(";")[0].split())
        mine = re.sub(r"^(\w+?)(cs|cc)\b", lambda m: m[1] + {"cs": "hs", "cc": "lo"}[m[2]], mine)
        if mine != text:
            differ.append((word.hex(), mine, text))
    assert differ == []
