"""Instruction listings for the machine code in native .mpy functions.

One small decoder per architecture family, each covering the instructions MicroPython's native
emitter (and so mpy-cross's and mpt's) produces, plus what it can of the rest; anything else is
shown as data (``.byte``/``.short``/``.word``), so a listing always accounts for every byte.
The decoders know the encodings only: nothing here imports the compiler.
"""

from __future__ import annotations

from mpt.mpy.machine.insn import Insn, data_item

__all__ = ["Insn", "can_decode", "data_item", "decode"]

# the architectures decoded, by the names the .mpy header uses
_FAMILIES = {"x86": "x86", "x64": "x86", "armv6": "arm", "armv6m": "thumb", "armv7m": "thumb",
             "armv7em": "thumb", "armv7emsp": "thumb", "armv7emdp": "thumb",
             "xtensa": "xtensa", "xtensawin": "xtensa", "rv32imc": "rv32"}


def can_decode(arch: str) -> bool:
    return arch in _FAMILIES


def decode(arch: str, code: bytes, start: int = 0, end: int | None = None) -> list[Insn]:
    """Decode ``code[start:end]`` (offsets in the result are offsets in ``code``)."""
    end = len(code) if end is None else end
    family = _FAMILIES.get(arch)
    if family == "x86":
        from mpt.mpy.machine.x86 import decode_x86
        return decode_x86(code, start, end, arch == "x64")
    if family == "thumb":
        from mpt.mpy.machine.thumb import decode_thumb
        return decode_thumb(code, start, end, arch != "armv6m")
    if family == "arm":
        from mpt.mpy.machine.arm import decode_arm
        return decode_arm(code, start, end)
    if family == "xtensa":
        from mpt.mpy.machine.xtensa import decode_xtensa
        return decode_xtensa(code, start, end)
    if family == "rv32":
        from mpt.mpy.machine.rv32 import decode_rv32
        return decode_rv32(code, start, end)
    raise ValueError(f"no instruction decoder for {arch}")
