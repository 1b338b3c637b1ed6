"""One entry of the translator's symbolic value stack, and which guest names may appear as
themselves in generated source."""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field


def plain_name(name: str) -> bool:
    """Whether a guest name may appear as itself in generated source: ASCII only (CPython
    normalises other identifiers to NFKC, so ``ｘ`` would become ``x``), not a keyword."""
    return name.isascii() and name.isidentifier() and not keyword.iskeyword(name)


@dataclass
class Item:
    """One entry of the symbolic value stack."""

    code: str
    pure: bool = False  # no side effects and unaffected by calls (constants, locals, slots)
    kind: str = "val"  # val | null | self | slice | dict
    const: object = None
    is_const: bool = False
    names: frozenset = frozenset()  # the local/slot variables a pure item reads
    nest: int = 0
    dict_entries: list = field(default_factory=list)
    callee: str = ""  # the global name or method name this item was loaded by
    receiver: str = ""  # a method tracked by hashorder.order_method: its object's code
    receiver_pure: bool = False  # ... and that code may be evaluated twice
    # a slice slicing.load must check: built with a step part (a:b:c), or with a start that
    # may be beyond a memoryview's offset limit (not a small constant)
    stepped: bool = False
