"""The compiled form of a module: what the compiler produces and the .mpy writer/reader exchange.

Constant objects use plain Python values for MicroPython's types: str, bytes, int (any size),
float, complex, tuple (of constants), None, False, True and Ellipsis.
"""

from __future__ import annotations

from typing import Any

MPY_MAGIC = ord("M")
MPY_VERSION = 6
MPY_SUB_VERSION = 3

# RawCode.kind (the low two bits of a raw code's kind_len field in a .mpy file).
KIND_BYTECODE = 0
KIND_NATIVE_PY = 1
KIND_NATIVE_VIPER = 2
KIND_NATIVE_ASM = 3


class RawCode:
    """One function's code: the module body, a def, a lambda, a class body or a comprehension.

    ``fun_data`` holds the bytes exactly as they go into the .mpy file: for bytecode, the encoded
    prelude (signature, sizes, simple name, argument names, line info, cell info) followed by the
    bytecode itself. Qstrs and constants inside it are indices into the module's tables, and
    children are referenced by their index in ``children``.
    """

    # A plain class rather than a dataclass: creating dataclasses (and importing the module)
    # costs start-up time on every `mpt compile`.
    __slots__ = ("kind", "fun_data", "children", "prelude_offset", "relocations", "scope_flags",
                 "n_pos_args", "type_sig", "viper_sections", "board_native")

    def __init__(self, kind: int, fun_data: bytes, children: list[RawCode] | None = None,
                 prelude_offset: int | None = None, relocations: bytes | None = None,
                 scope_flags: int | None = None, n_pos_args: int | None = None,
                 type_sig: int | None = None, viper_sections: bytes | None = None) -> None:
        self.kind = kind
        self.fun_data = fun_data
        self.children: list[RawCode] = [] if children is None else children
        # Native code only (not produced by the bytecode compiler):
        self.prelude_offset = prelude_offset
        self.relocations = relocations
        self.scope_flags = scope_flags
        self.n_pos_args = n_pos_args
        self.type_sig = type_sig
        # a viper function's rodata/BSS sizes and rodata bytes as stored (natmod builds)
        self.viper_sections = viper_sections
        # a native or viper function compiled to bytecode for the emulated board: what runs it
        # as the firmware's machine code would (not part of the .mpy format; see
        # mpt.crosscompile.native.board)
        # mpt.crosscompile.native.board.BoardNative of a native/viper function compiled for
        # the emulated board (a type this layer cannot import), else None
        self.board_native: Any = None

    def _fields(self) -> tuple[object, ...]:
        return (self.kind, self.fun_data, self.children, self.prelude_offset, self.relocations,
                self.scope_flags, self.n_pos_args, self.type_sig, self.viper_sections)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, RawCode)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        return _repr(self, self.__slots__[:-1])


class CompiledModule:
    """A module ready to be written as .mpy, or just read from one.

    ``qstrs[0]`` is the source file name embedded in the file.
    """

    __slots__ = ("qstrs", "objects", "root", "small_int_bits", "arch", "arch_flags",
                 "float_bits")

    def __init__(self, qstrs: list[str], objects: list[object], root: RawCode,
                 small_int_bits: int = 31, arch: int = 0, arch_flags: int | None = None) -> None:
        self.qstrs = qstrs
        self.objects = objects
        self.root = root
        self.small_int_bits = small_int_bits
        self.arch = arch  # 0: bytecode only (header flags byte 0)
        self.arch_flags = arch_flags  # native sub-architecture flags, when arch != 0
        # the precision its float constants were parsed and folded in: 64 as mpy-cross (and
        # a .mpy file's text) has them, 32 when compiled for a single-precision build
        self.float_bits = 64

    def _fields(self) -> tuple[object, ...]:
        return (self.qstrs, self.objects, self.root, self.small_int_bits, self.arch,
                self.arch_flags)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, CompiledModule)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        return _repr(self, self.__slots__)


def _repr(obj: object, names: tuple[str, ...]) -> str:
    """``Class(field=value, ...)``, as a dataclass would show it."""
    args = ", ".join(f"{name}={getattr(obj, name)!r}" for name in names)
    return f"{obj.__class__.__qualname__}({args})"
