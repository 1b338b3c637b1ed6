"""x86 and x86-64 machine code: the integer subset the native emitter uses, in Intel syntax.

Covered: push/pop, mov/lea/movzx between registers and [base+disp] memory (the SIB form
with no index, RIP-relative lea), mov of 32/64-bit immediates, the two-operand ALU group
(add or and sub xor cmp test, their imm8/imm32 forms), not/neg, shifts by cl, imul, setcc,
short and near jumps and conditional jumps, call/jmp through a register, call rel32, ret.
Anything else is one ``.byte``.
"""

from __future__ import annotations

from mpt.mpy.machine.insn import Insn, data_item

_REG64 = ("rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
          "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15")
_REG32 = ("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
          "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d")
_REG16 = ("ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
          "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w")
_REG8_REX = ("al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
             "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b")
_REG8 = ("al", "cl", "dl", "bl", "ah", "ch", "dh", "bh")
CC_NAMES = ("o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g")
_ALU = {0x01: "add", 0x09: "or", 0x21: "and", 0x29: "sub", 0x31: "xor", 0x39: "cmp",
        0x85: "test", 0x89: "mov"}
_GROUP1 = ("add", "or", "adc", "sbb", "and", "sub", "xor", "cmp")
_PTR = {8: "byte", 16: "word", 32: "dword", 64: "qword"}


def _s(value: int, bits: int) -> int:
    return value - (1 << bits) if value >> (bits - 1) & 1 else value


def _hex(value: int) -> str:
    return f"-0x{-value:x}" if value < 0 else f"0x{value:x}"


class _Undecodable(Exception):
    pass


class _Reader:
    def __init__(self, code: bytes, pos: int, end: int):
        self.code = code
        self.pos = pos
        self.end = end

    def u8(self) -> int:
        if self.pos >= self.end:
            raise _Undecodable
        self.pos += 1
        return self.code[self.pos - 1]

    def s8(self) -> int:
        return _s(self.u8(), 8)

    def u32(self) -> int:
        if self.pos + 4 > self.end:
            raise _Undecodable
        self.pos += 4
        return int.from_bytes(self.code[self.pos - 4:self.pos], "little")

    def s32(self) -> int:
        return _s(self.u32(), 32)

    def u64(self) -> int:
        return self.u32() | self.u32() << 32


def _reg_name(reg: int, bits: int, rex: bool) -> str:
    if bits == 64:
        return _REG64[reg]
    if bits == 32:
        return _REG32[reg]
    if bits == 16:
        return _REG16[reg]
    return _REG8_REX[reg] if rex else _REG8[reg]


def decode_x86(code: bytes, start: int, end: int, x64: bool) -> list[Insn]:
    out = []
    pos = start
    while pos < end:
        try:
            insn = _decode_one(code, pos, end, x64)
        except _Undecodable:
            insn = data_item(code, pos, 1)
        out.append(insn)
        pos += insn.size
    return out


def _decode_one(code: bytes, pos: int, end: int, x64: bool) -> Insn:
    r = _Reader(code, pos, end)
    b = r.u8()
    size16 = False
    if b == 0x66:
        size16 = True
        b = r.u8()
    rex = 0
    if x64 and 0x40 <= b <= 0x4F:
        rex = b
        b = r.u8()
    rex_w, rex_r, rex_b = rex >> 3 & 1, rex >> 2 & 1, rex & 1
    if rex & 2:
        raise _Undecodable  # an index register: never emitted
    bits = 64 if rex_w else 16 if size16 else 32
    word = 64 if x64 else 32

    def modrm() -> tuple[int, int | None, tuple[object, ...] | None, str | None]:
        """(reg field, r/m register or None, memory form, memory text)"""
        m = r.u8()
        mod, reg, rm = m >> 6, (m >> 3 & 7) | rex_r << 3, m & 7
        if mod == 3:
            return reg, rm | rex_b << 3, None, None
        if rm == 4:
            if r.u8() != 0x24:  # [base] with no index, the only SIB form emitted
                raise _Undecodable
            base = 4 | rex_b << 3
        elif rm == 5 and mod == 0:
            disp = r.s32()
            if x64:
                return reg, None, ("rip", disp), f"[rip{disp:+#x}]"
            return reg, None, ("abs", disp & 0xFFFFFFFF), f"[0x{disp & 0xFFFFFFFF:x}]"
        else:
            base = rm | rex_b << 3
        disp = 0 if mod == 0 else r.s8() if mod == 1 else r.s32()
        text = f"[{_REG64[base] if x64 else _REG32[base]}"
        text += f"{'+' if disp >= 0 else '-'}0x{abs(disp):x}]" if disp else "]"
        return reg, None, ("mem", base, disp), text

    def finish(text: str, form: tuple[object, ...]) -> Insn:
        return Insn(pos, r.pos - pos, text, form)

    def rm_text(rm_reg: int | None, mem_text: str | None, nbits: int) -> str:
        return _reg_name(rm_reg, nbits, bool(rex)) if rm_reg is not None else str(mem_text)

    if size16 and b not in (0x89, 0x8B):
        raise _Undecodable
    if 0x50 <= b <= 0x57 or 0x58 <= b <= 0x5F:
        reg = (b & 7) | rex_b << 3
        name = "push" if b < 0x58 else "pop"
        return finish(f"{name} {_reg_name(reg, word, True)}", (name, reg))
    if b in _ALU or b in (0x84, 0x88):
        nbits = 8 if b in (0x84, 0x88) else bits
        name = {0x84: "test", 0x88: "mov"}.get(b) or _ALU[b]
        reg, rm_reg, mem, mem_text = modrm()
        dest = rm_text(rm_reg, mem_text, nbits)
        if mem is not None:
            dest = f"{_PTR[nbits]} {dest}"
        form = (name, nbits, rm_reg if rm_reg is not None else mem, reg)
        return finish(f"{name} {dest}, {_reg_name(reg, nbits, bool(rex))}", form)
    if b in (0x8B, 0x8D):
        name = "mov" if b == 0x8B else "lea"
        reg, rm_reg, mem, mem_text = modrm()
        if b == 0x8D and mem is None:
            raise _Undecodable
        src = rm_text(rm_reg, mem_text, bits)
        if b == 0x8B and mem is not None:
            src = f"{_PTR[bits]} {src}"
        if mem is not None and mem[0] == "rip" and isinstance(mem[1], int):
            target = r.pos + mem[1]
            mem = ("rip", target)
            src += f"  ; 0x{target:x}"
        return finish(f"{name} {_reg_name(reg, bits, bool(rex))}, {src}",
                      (name, bits, reg, rm_reg if rm_reg is not None else mem))
    if b in (0x81, 0x83):
        reg, rm_reg, mem, mem_text = modrm()
        if rm_reg is None:
            raise _Undecodable
        imm = r.s8() if b == 0x83 else r.s32()
        name = _GROUP1[reg & 7]
        return finish(f"{name} {_reg_name(rm_reg, bits, bool(rex))}, {_hex(imm)}",
                      (name + "_imm", bits, rm_reg, imm, b == 0x83))
    if 0xB8 <= b <= 0xBF:
        reg = (b & 7) | rex_b << 3
        imm = r.u64() if rex_w else r.u32()
        return finish(f"mov {_reg_name(reg, bits, bool(rex))}, 0x{imm:x}", ("mov_imm", bits, reg, imm))
    if b == 0xC3:
        return finish("ret", ("ret",))
    if b in (0xD3, 0xF7, 0xFF):
        reg, rm_reg, mem, mem_text = modrm()
        ext = reg & 7
        group = {0xD3: {4: "shl", 5: "shr", 7: "sar"}, 0xF7: {2: "not", 3: "neg"},
                 0xFF: {2: "call", 4: "jmp"}}[b].get(ext)
        if group is None or rm_reg is None:
            raise _Undecodable
        name = group
        nbits = word if b == 0xFF else bits
        text = f"{name} {_reg_name(rm_reg, nbits, bool(rex))}" + (", cl" if b == 0xD3 else "")
        return finish(text, (name, nbits, rm_reg))
    if b in (0xE8, 0xE9, 0xEB) or 0x70 <= b <= 0x7F:
        rel = r.s8() if b == 0xEB or b < 0x80 else r.s32()
        target = r.pos + rel
        name = {0xE8: "call", 0xE9: "jmp", 0xEB: "jmp"}.get(b) or "j" + CC_NAMES[b & 15]
        return finish(f"{name} 0x{target:x}", (name, target, r.pos - pos))
    if b == 0x0F:
        b2 = r.u8()
        if 0x80 <= b2 <= 0x8F:
            rel = r.s32()
            target = r.pos + rel
            return finish(f"j{CC_NAMES[b2 & 15]} 0x{target:x}",
                          ("j" + CC_NAMES[b2 & 15], target, r.pos - pos))
        if 0x90 <= b2 <= 0x9F:
            reg, rm_reg, mem, mem_text = modrm()
            if rm_reg is None:
                raise _Undecodable
            name = "set" + CC_NAMES[b2 & 15]
            return finish(f"{name} {_reg_name(rm_reg, 8, bool(rex))}", ("setcc", b2 & 15, rm_reg))
        if b2 in (0xAF, 0xB6, 0xB7):
            reg, rm_reg, mem, mem_text = modrm()
            if b2 == 0xAF:
                src = rm_text(rm_reg, mem_text, bits)
                return finish(f"imul {_reg_name(reg, bits, bool(rex))}, {src}",
                              ("imul", bits, reg, rm_reg if rm_reg is not None else mem))
            nbits = 8 if b2 == 0xB6 else 16
            src = rm_text(rm_reg, mem_text, nbits)
            if mem is not None:
                src = f"{_PTR[nbits]} {src}"
            return finish(f"movzx {_reg_name(reg, 32, bool(rex))}, {src}",
                          ("movzx", nbits, reg, rm_reg if rm_reg is not None else mem))
    raise _Undecodable
