"""What the bytecode emitter shares between the scopes of a module (py/emitcommon.c): the
qstr table, the constant table and the children of the scope being emitted, and the passes.
"""

from __future__ import annotations

import math

from mpt.mpy.rawcode import RawCode

PASS_SCOPE = 1
PASS_STACK_SIZE = 2
PASS_CODE_SIZE = 3
PASS_EMIT = 4


def _const_key(obj):
    """A dict key under which two constants are the same constant-table entry: equal types
    (so 1, 1.0 and True stay apart) and equal values, 0.0 apart from -0.0, a NaN only equal
    to itself (a dict compares keys by identity first)."""
    kind = type(obj)
    if kind is tuple:
        return (kind, tuple(_const_key(x) for x in obj))
    if kind is float and obj == 0.0:
        return (kind, obj, math.copysign(1.0, obj))
    return (kind, obj)


class EmitCommon:
    """Module-wide state shared by all scopes: the qstr table, constant table and child counter."""

    def __init__(self, source_file: str):
        self.qstrs: dict[str, int] = {source_file: 0}
        self.objects: list = []
        self._object_index: dict = {}  # _const_key(obj) -> index in objects
        self.pass_ = 0
        self.ct_cur_child = 0
        self.children: list[RawCode | None] = []

    def start_pass(self, pass_: int) -> None:
        self.pass_ = pass_
        if pass_ == PASS_STACK_SIZE:
            self.children = []
        self.ct_cur_child = 0

    def use_qstr(self, qst: str) -> int:
        idx = self.qstrs.get(qst)
        if idx is None:
            idx = self.qstrs[qst] = len(self.qstrs)
        return idx

    def use_const_obj(self, obj) -> int:
        key = _const_key(obj)
        idx = self._object_index.get(key)
        if idx is None:
            idx = self._object_index[key] = len(self.objects)
            self.objects.append(obj)
        return idx

    def alloc_const_child(self, rc: RawCode) -> int:
        # the children are the same, in the same order, in every pass after SCOPE
        if self.pass_ == PASS_STACK_SIZE:
            self.children.append(rc)
        idx = self.ct_cur_child
        self.ct_cur_child += 1
        return idx
