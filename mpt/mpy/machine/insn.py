"""One decoded instruction or data item, shared by the decoders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Insn:
    """One decoded instruction (or data item) at ``offset`` in the code, ``size`` bytes long.

    ``form`` is the instruction as a tuple, the mnemonic first and then its operands as
    integers (registers by number, immediates, branch targets as code offsets): what a
    re-encoder needs. ``known`` is False for bytes shown as data because no decoder rule
    matched them; literal data that the code itself loads (a PC-relative literal) is known.
    """

    offset: int
    size: int
    text: str
    form: tuple[object, ...] = ()
    known: bool = True


def data_item(code: bytes, offset: int, size: int, known: bool = False,
              note: str = "") -> Insn:
    """``size`` bytes at ``offset`` shown as one little-endian data item."""
    value = int.from_bytes(code[offset:offset + size], "little")
    directive = {1: ".byte", 2: ".short", 4: ".word", 8: ".quad"}[size]
    text = f"{directive} 0x{value:0{2 * size}x}" + (f"  ; {note}" if note else "")
    return Insn(offset, size, text, (directive, value), known)
