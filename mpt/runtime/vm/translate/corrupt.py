"""Bytecode no compiler produced, found while translating it (issue 15: a mutated .mpy is the
guest's ValueError, never a host traceback)."""

from __future__ import annotations

from typing import SupportsIndex


class CorruptBytecode(ValueError):
    """Bytecode that no compiler produced (a jump into nowhere, a stack that runs dry, an
    index past the end of a table): the guest's ValueError, as MicroPython's for a bad .mpy."""

    def __init__(self, message: str = "incompatible .mpy file"):
        super().__init__(message)


class ValueStack(list):
    """The translator's model of the value stack. Compiled code never reads below its
    bottom; corrupt bytecode that would is CorruptBytecode here, where every read goes."""

    __slots__ = ()

    def __getitem__(self, index):
        if isinstance(index, int) and not -len(self) <= index < len(self):
            raise CorruptBytecode()
        return super().__getitem__(index)

    def pop(self, index: SupportsIndex = -1):
        if not self:
            raise CorruptBytecode()
        return super().pop(index)

    def need(self, n: int) -> None:
        """Refuse an instruction that takes more items than the stack holds."""
        if n > len(self):
            raise CorruptBytecode()
