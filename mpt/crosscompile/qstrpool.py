"""The qstr (interned string) pool as mpy-cross 1.29 has it while parsing one file.

It starts with the qstrs built into the mpy-cross binary, plus the source file name, and grows
as the parser interns identifiers and short string literals. Whether a string literal longer
than 10 bytes becomes a str leaf depends on what is in the pool at that moment; shorter ones
are always interned. So ``builtin_qstrs`` lists only the builtin qstrs longer than 10 bytes,
each confirmed against the real binary by ``tools/derive_mpy_cross_qstrs.py``.
"""

from __future__ import annotations

from mpt.crosscompile.builtin_qstrs import BUILTIN_QSTRS
from mpt.errors import CompileError

# qstr lengths are stored in one byte (MICROPY_QSTR_BYTES_IN_LEN = 1)
QSTR_MAX_LEN = 255


def builtin_qstrs() -> frozenset:
    """The qstrs longer than 10 bytes present in a fresh mpy-cross 1.29 process (utf-8)."""
    return BUILTIN_QSTRS


class QstrPool:
    def __init__(self, initial=()):
        self._builtin = builtin_qstrs()
        self._added: dict[bytes, None] = {}
        for s in initial:
            self.intern(s)

    def find(self, s: bytes) -> bool:
        """qstr_find_strn: is ``s`` already interned?"""
        return s in self._builtin or s in self._added

    def intern(self, s: bytes) -> None:
        """qstr_from_strn: make sure ``s`` is interned."""
        if len(s) > QSTR_MAX_LEN:
            # raised by qstr.c itself, so mpy-cross reports it without a traceback
            raise CompileError("RuntimeError", "name too long", "", None)
        if s not in self._builtin:
            self._added.setdefault(s, None)

    @property
    def added(self) -> list:
        """The qstrs interned since the pool was created, in order."""
        return list(self._added)
