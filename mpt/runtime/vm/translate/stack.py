"""The symbolic value stack of the translator.

Within a basic block, loads and pure operations are folded into expressions; anything with
side effects is materialised into the slot variables ``_mS0, _mS1, ...`` in stack order.
"""

from __future__ import annotations

import keyword
import math
from dataclasses import dataclass, field

from mpt.mpy import opcodes as oc
from mpt.runtime.vm.translate.corrupt import CorruptBytecode

ITER_NSLOTS = oc.ITER_BUF_NSLOTS


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
    # a slice slicing.load must check: built with a step part (a:b:c), or with a start that
    # may be beyond a memoryview's offset limit (not a small constant)
    stepped: bool = False


class SymbolicStack:
    """The symbolic stack operations of the translator."""

    def slot(self, i: int) -> str:
        return f"_mS{i}"

    def canonical(self, stack: list[Item], i: int) -> bool:
        it = stack[i]
        return it.code == self.slot(i) and it.kind == "val"

    def materialize(self, stack: list[Item], indent: int, *, upto: int | None = None,
                    only_impure: bool = False, names: frozenset = frozenset()) -> None:
        """Store pending items (positions < upto) into their slot variables, in stack order.

        With only_impure, pure items stay pending unless they read one of ``names``.
        """
        if upto is None:
            upto = len(stack)
        targets, values = [], []
        for i in range(upto):
            it = stack[i]
            if it.kind in ("null", "self"):
                continue
            if self.canonical(stack, i):
                continue
            if only_impure and it.pure and not (it.names & names) and not (
                    it.code.startswith("_mS") and it.code != self.slot(i)):
                continue
            code = self.value_code(it)
            targets.append(self.slot(i))
            values.append(code)
            sname = self.slot(i)
            stack[i] = Item(sname, pure=True, names=frozenset([sname]), stepped=it.stepped,
                            callee=it.callee)
        if not targets:
            return
        if len(targets) == 1:
            self.emit(indent, f"{targets[0]} = {values[0]}")
        else:
            self.emit(indent, f"{', '.join(targets)} = {', '.join(values)}")

    def dict_code(self, it: Item) -> str:
        code = "{" + ", ".join(f"{k}: {v}" for k, v in it.dict_entries) + "}"
        if it.const and it.const >= 3:  # remember the literal's table size (hashorder)
            code = f"{self.helper('_mh_literal')}({code}, {it.const})"
        return code

    def value_code(self, it: Item) -> str:
        if it.kind == "dict":
            return self.dict_code(it)
        return it.code

    def pop(self, stack: list[Item], n: int) -> list[Item]:
        if n == 0:
            return []
        if n > len(stack):
            raise CorruptBytecode()
        items = stack[-n:]
        del stack[-n:]
        return items

    def before_stmt(self, stack: list[Item], indent: int, names=frozenset()) -> None:
        self.materialize(stack, indent, only_impure=True, names=frozenset(names))

    @staticmethod
    def expr(code: str, *parts: Item) -> Item:
        nest = 1 + max((p.nest for p in parts), default=0)
        return Item(code, nest=nest)

    def const_item(self, value) -> Item:
        t = type(value)
        if value is None or value is True or value is False:
            return Item(repr(value), pure=True, is_const=True, const=value)
        if t is int:
            code = repr(value) if value >= 0 else f"({value})"
            return Item(code, pure=True, is_const=True, const=value)
        if t in (str, bytes):
            return Item(repr(value), pure=True, is_const=True, const=value)
        if t is float and math.isfinite(value):
            code = repr(value) if value >= 0 and not (value == 0 and math.copysign(1, value) < 0) \
                else f"({value!r})"
            return Item(code, pure=True, is_const=True, const=value)
        return Item(self.bind("_mK", value), pure=True, is_const=True, const=value)

    def rotate(self, stack: list[Item], ind: int, order: list[int]) -> None:
        """Reorder the top items (new position j gets old top item order[j]); NULL markers
        keep their kind so that a later STORE_SUBSCR/STORE_ATTR can see a deletion."""
        self.materialize(stack, ind)
        n = len(order)
        if n > len(stack):
            raise CorruptBytecode()
        base = len(stack) - n
        old = stack[base:]
        targets, values = [], []
        for j, src in enumerate(order):
            it = old[src]
            if it.kind == "null":
                stack[base + j] = it
                continue
            if it.code != self.slot(base + j):
                targets.append(self.slot(base + j))
                values.append(it.code)
            sn = self.slot(base + j)
            stack[base + j] = Item(sn, pure=True, names=frozenset([sn]), stepped=it.stepped)
        if targets:
            self.emit(ind, f"{', '.join(targets)} = {', '.join(values)}"
                      + ("," if len(values) == 1 and False else ""))

    def make_pure_top(self, stack: list[Item], n: int, ind: int) -> None:
        if any(not it.pure or it.kind != "val" for it in stack[-n:]):
            self.materialize(stack, ind)

    @staticmethod
    def paren(it: Item) -> str:
        """Every generated expression is a primary except numeric literals."""
        if it.is_const and type(it.const) in (int, float, bool) and not it.code.startswith("("):
            return f"({it.code})"
        return it.code
