"""The one bytecode instruction decoder, used by the disassembler, the VM's translator and tests.

Operands are decoded by the opcode's operand kind (see mpt.mpy.opcodes): var-uints for qstr,
object, child and count operands, a signed var-int for LOAD_CONST_SMALL_INT, a 1- or 2-byte
relative offset for jumps (turned into the absolute target offset here), and one trailing
byte for MAKE_CLOSURE* (cells closed over) and UNWIND_JUMP (unwind count).
"""

from __future__ import annotations

from collections.abc import Iterator

from mpt.errors import MpyFormatError
from mpt.mpy import opcodes
from mpt.mpy.opcodes import Opcode

# How the bytes after an opcode byte are read, as small ints for a fast dispatch.
_NONE, _UINT, _SINT, _UINT_BYTE, _JUMP_S, _JUMP_U, _JUMP_S_BYTE = range(7)
_FORM = {opcodes.NONE: _NONE, opcodes.QSTR: _UINT, opcodes.UINT: _UINT, opcodes.OBJ: _UINT,
         opcodes.SINT: _SINT, opcodes.UINT_BYTE: _UINT_BYTE, opcodes.JUMP_S: _JUMP_S,
         opcodes.JUMP_U: _JUMP_U, opcodes.JUMP_S_BYTE: _JUMP_S_BYTE}
# Per byte value: (Opcode, form), or None for a byte that is not an opcode.
_DECODE: list[tuple[Opcode, int] | None] = [
    None if op is None else (op, _FORM[op.operand]) for op in opcodes.TABLE]


class Instruction:
    """One decoded instruction.

    ``offset`` and ``end`` (the offset of the next instruction) count from the start of the
    bytecode; ``size`` is the number of bytes. ``arg`` is the operand: a qstr, object or child
    index, a count, a value, or the absolute offset a jump goes to; 0 when the opcode has
    none. ``extra`` is the trailing byte of MAKE_CLOSURE* and UNWIND_JUMP, else 0. ``name``
    and ``code`` repeat ``opcode.name`` and the opcode byte (which for the multi-opcodes
    holds their argument).
    """

    __slots__ = ("offset", "size", "end", "opcode", "name", "code", "arg", "extra")

    def __init__(self, offset: int, size: int, opcode: Opcode, arg: int = 0,
                 extra: int = 0) -> None:
        self.offset = offset
        self.size = size
        self.end = offset + size
        self.opcode = opcode
        self.name = opcode.name
        self.code = opcode.code
        self.arg = arg
        self.extra = extra

    def stack_effect(self) -> int:
        """The change in stack depth when execution continues with the next instruction."""
        return self.opcode.stack_effect(self.arg, self.extra)

    def __repr__(self) -> str:
        return (f"Instruction({self.offset}, {self.name}, arg={self.arg}, extra={self.extra}, "
                f"size={self.size})")


def iter_instructions(code: bytes, start: int = 0) -> Iterator[Instruction]:
    """Decode ``code[start:]`` (bytecode without its prelude) one instruction at a time.

    Offsets and jump targets count from ``start``. Raises MpyFormatError on a byte that is
    not an opcode or an instruction cut short by the end of the code.
    """
    decode_table = _DECODE
    pos = start
    n = len(code)
    try:
        while pos < n:
            ip = pos
            entry = decode_table[code[pos]]
            if entry is None:
                raise MpyFormatError(
                    f"invalid opcode 0x{code[pos]:02x} at bytecode offset {pos - start}")
            op, form = entry
            pos += 1
            arg = extra = 0
            if form == _NONE:
                pass
            elif form == _UINT or form == _UINT_BYTE:
                while True:
                    b = code[pos]
                    pos += 1
                    arg = (arg << 7) | (b & 0x7F)
                    if not b & 0x80:
                        break
                if form == _UINT_BYTE:
                    extra = code[pos]
                    pos += 1
            elif form == _SINT:
                arg = -1 if code[pos] & 0x40 else 0
                while True:
                    b = code[pos]
                    pos += 1
                    arg = (arg << 7) | (b & 0x7F)
                    if not b & 0x80:
                        break
            else:
                b = code[pos]
                if b & 0x80:
                    value = (b & 0x7F) | (code[pos + 1] << 7)
                    pos += 2
                    bias = 0x4000
                else:
                    value = b
                    pos += 1
                    bias = 0x40
                if form != _JUMP_U:
                    value -= bias
                arg = pos + value - start  # relative to the end of the offset bytes
                if form == _JUMP_S_BYTE:
                    extra = code[pos]
                    pos += 1
            yield Instruction(ip - start, pos - ip, op, arg, extra)
    except IndexError:
        raise MpyFormatError("bytecode ends in the middle of an instruction") from None


def decode(code: bytes, start: int = 0) -> list[Instruction]:
    """All instructions of ``code[start:]`` (see iter_instructions)."""
    return list(iter_instructions(code, start))
