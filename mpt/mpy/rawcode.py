"""The compiled form of a module: what the compiler produces and the .mpy writer/reader exchange.

Constant objects use plain Python values for MicroPython's types: str, bytes, int (any size),
float, complex, tuple (of constants), None, False, True and Ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MPY_MAGIC = ord("M")
MPY_VERSION = 6
MPY_SUB_VERSION = 3

# RawCode.kind (the low two bits of a raw code's kind_len field in a .mpy file).
KIND_BYTECODE = 0
KIND_NATIVE_PY = 1
KIND_NATIVE_VIPER = 2
KIND_NATIVE_ASM = 3


@dataclass
class RawCode:
    """One function's code: the module body, a def, a lambda, a class body or a comprehension.

    ``fun_data`` holds the bytes exactly as they go into the .mpy file: for bytecode, the encoded
    prelude (signature, sizes, simple name, argument names, line info, cell info) followed by the
    bytecode itself. Qstrs and constants inside it are indices into the module's tables, and
    children are referenced by their index in ``children``.
    """

    kind: int
    fun_data: bytes
    children: list["RawCode"] = field(default_factory=list)
    # Native code only (not produced by the bytecode compiler):
    prelude_offset: int | None = None
    relocations: bytes | None = None
    scope_flags: int | None = None
    n_pos_args: int | None = None
    type_sig: int | None = None


@dataclass
class CompiledModule:
    """A module ready to be written as .mpy, or just read from one.

    ``qstrs[0]`` is the source file name embedded in the file.
    """

    qstrs: list[str]
    objects: list[object]
    root: RawCode
    small_int_bits: int = 31
    arch: int = 0  # 0: bytecode only (header flags byte 0)
    arch_flags: int | None = None  # native sub-architecture flags, when arch != 0
