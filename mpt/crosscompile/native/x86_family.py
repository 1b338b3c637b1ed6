"""What the x86 and x86-64 back ends share: condition codes, jumps and the two-register ALU
operations, whose encodings differ only in the REX prefix each back end's `_generic_rr` adds."""

from __future__ import annotations

from mpt.crosscompile.native.asmbase import AsmBase

CC_JB, CC_JAE, CC_JE, CC_JNE, CC_JBE, CC_JA = 0x2, 0x3, 0x4, 0x5, 0x6, 0x7
CC_JL, CC_JGE, CC_JLE, CC_JG = 0xC, 0xD, 0xE, 0xF
CC_JZ, CC_JNZ = CC_JE, CC_JNE


def _fits_s8(x: int) -> bool:
    return (x & 0xFFFFFF80) in (0, 0xFFFFFF80)


def _u32(x: int) -> bytes:
    return (x & 0xFFFFFFFF).to_bytes(4, "little")


class AsmX86Family(AsmBase):
    """The operations both back ends encode alike; `_generic_rr` is each one's own."""

    def _generic_rr(self, dest: int, src: int, opcode: int) -> None:
        raise NotImplementedError

    def __init__(self):
        super().__init__()
        self.num_locals = 0

    def jcc_label(self, cc: int, label) -> None:
        dest = self.label_dest(label)
        rel = (dest if dest is not None else -1) - self.code_offset
        if dest is not None and rel < 0 and _fits_s8(rel - 2):
            self.write(bytes([0x70 | cc, (rel - 2) & 0xFF]))
        else:
            self.write(bytes([0x0F, 0x80 | cc]) + _u32(rel - 6))

    def jump(self, label) -> None:
        dest = self.label_dest(label)
        rel = (dest if dest is not None else -1) - self.code_offset
        if dest is not None and rel < 0 and _fits_s8(rel - 2):
            self.write(bytes([0xEB, (rel - 2) & 0xFF]))
        else:
            self.write(b"\xe9" + _u32(rel - 5))

    def jump_reg(self, reg: int) -> None:
        self.write(bytes([0xFF, (4 << 3) | 0xC0 | reg]))

    def clr_reg(self, reg: int) -> None:
        self._generic_rr(reg, reg, 0x31)

    def not_reg(self, reg: int) -> None:
        self._generic_rr(reg, 2, 0xF7)

    def neg_reg(self, reg: int) -> None:
        self._generic_rr(reg, 3, 0xF7)

    def lsl_reg(self, reg: int) -> None:
        self._generic_rr(reg, 4, 0xD3)

    def lsr_reg(self, reg: int) -> None:
        self._generic_rr(reg, 5, 0xD3)

    def asr_reg(self, reg: int) -> None:
        self._generic_rr(reg, 7, 0xD3)

    def or_reg_reg(self, dest: int, src: int) -> None:
        self._generic_rr(dest, src, 0x09)

    def xor_reg_reg(self, dest: int, src: int) -> None:
        self._generic_rr(dest, src, 0x31)

    def and_reg_reg(self, dest: int, src: int) -> None:
        self._generic_rr(dest, src, 0x21)

    def add_reg_reg(self, dest: int, src: int) -> None:
        self._generic_rr(dest, src, 0x01)

    def sub_reg_reg(self, dest: int, src: int) -> None:
        self._generic_rr(dest, src, 0x29)
