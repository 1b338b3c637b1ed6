"""The translator's opcode table: which handler method translates which opcode (vm.c style)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from mpt.mpy import opcodes as oc

F = TypeVar("F", bound=Callable[..., Any])


def handles(*names: str) -> Callable[[F], F]:
    """Mark a method as the handler of the opcodes ``names`` (an opcode family)."""
    def mark(method: F) -> F:
        method.opcode_names = names  # type: ignore[attr-defined]
        return method
    return mark


def handler_table(cls: type) -> list[Callable[..., Any]]:
    """Per opcode byte, the marked method of ``cls`` (or its bases) handling that opcode.

    Handlers are called as ``handler(translator, ins, stack, indent)`` and return a true
    value when the instruction ends the basic block.
    """
    by_name: dict[str, Callable[..., Any]] = {}
    for klass in reversed(cls.__mro__):
        for member in vars(klass).values():
            for name in getattr(member, "opcode_names", ()):
                by_name[name] = member
    table: list[Callable[..., Any]] = []
    for op in oc.TABLE:
        if op is None:
            table.append(_not_an_opcode)
        elif op.name in by_name:
            table.append(by_name[op.name])
        else:
            raise TypeError(f"{cls.__name__} has no handler for {op.name}")
    return table


def _not_an_opcode(translator: object, ins: object, stack: object, ind: int) -> bool:
    raise AssertionError("the decoder yields only valid opcodes")
