"""Scopes and identifier bookkeeping for the compiler (the module, classes, functions, lambdas
and comprehensions), with the same rules MicroPython uses to decide locals, cells and frees."""

from __future__ import annotations

from mpt.mpy.rawcode import KIND_BYTECODE, RawCode

ID_INFO_KIND_UNDECIDED = 0
ID_INFO_KIND_GLOBAL_IMPLICIT = 1
ID_INFO_KIND_GLOBAL_IMPLICIT_ASSIGNED = 2
ID_INFO_KIND_GLOBAL_EXPLICIT = 3
ID_INFO_KIND_LOCAL = 4  # in a function f, written and only referenced by f
ID_INFO_KIND_CELL = 5   # in a function f, read/written by children of f
ID_INFO_KIND_FREE = 6   # in a function f, belongs to the parent of f

ID_FLAG_IS_PARAM = 0x01
ID_FLAG_IS_STAR_PARAM = 0x02
ID_FLAG_IS_DBL_STAR_PARAM = 0x04

SCOPE_MODULE = 0
SCOPE_CLASS = 1
SCOPE_LAMBDA = 2
SCOPE_LIST_COMP = 3
SCOPE_DICT_COMP = 4
SCOPE_SET_COMP = 5
SCOPE_GEN_EXPR = 6
SCOPE_FUNCTION = 7

SCOPE_FLAG_ALL_SIG = 0x0F
SCOPE_FLAG_GENERATOR = 0x01
SCOPE_FLAG_VARKEYWORDS = 0x02
SCOPE_FLAG_VARARGS = 0x04
SCOPE_FLAG_DEFKWARGS = 0x08

# emit options
EMIT_OPT_NONE = 0
EMIT_OPT_BYTECODE = 1
EMIT_OPT_NATIVE_PYTHON = 2
EMIT_OPT_VIPER = 3
EMIT_OPT_ASM = 4

ID_FLAG_VIPER_TYPE_POS = 4
# scope flags only the native emitter looks at
SCOPE_FLAG_REFGLOBALS = 0x10  # the native emitter needs the function's globals
SCOPE_FLAG_HASCONSTS = 0x20
SCOPE_FLAG_VIPERRET_POS = 6  # where a viper function's return type sits in its scope flags
# names that viper code reads as casts, not as globals (viper types from int upwards)
_VIPER_CAST_NAMES = frozenset(("int", "uint", "ptr", "ptr8", "ptr16", "ptr32"))

_SIMPLE_NAMES = {
    SCOPE_MODULE: "<module>",
    SCOPE_LAMBDA: "<lambda>",
    SCOPE_LIST_COMP: "<listcomp>",
    SCOPE_DICT_COMP: "<dictcomp>",
    SCOPE_SET_COMP: "<setcomp>",
    SCOPE_GEN_EXPR: "<genexpr>",
}


def scope_is_func_like(kind: int) -> bool:
    return kind >= SCOPE_LAMBDA


def scope_is_comp_like(kind: int) -> bool:
    return SCOPE_LIST_COMP <= kind <= SCOPE_GEN_EXPR


class IdInfo:
    __slots__ = ("kind", "flags", "local_num", "qst")

    def __init__(self, qst: str, kind: int):
        self.kind = kind
        self.flags = 0
        self.local_num = 0
        self.qst = qst

    def __repr__(self) -> str:
        return f"IdInfo({self.qst!r}, kind={self.kind}, flags={self.flags}, n={self.local_num})"


class Scope:
    def __init__(self, kind: int, pn, emit_options: int, simple_name: str | None = None):
        self.kind = kind
        self.parent: Scope | None = None
        self.pn = pn
        self.raw_code = RawCode(KIND_BYTECODE, b"")
        self.simple_name = simple_name if simple_name is not None else _SIMPLE_NAMES[kind]
        self.scope_flags = 0
        self.emit_options = emit_options
        self.num_pos_args = 0
        self.num_kwonly_args = 0
        self.num_def_pos_args = 0
        self.num_locals = 0
        self.stack_size = 0
        self.exc_stack_size = 0
        # id_info keeps MicroPython's order (it decides local numbers); _ids finds one by name
        # (a scan of the list made compiling a module with many globals quadratic).
        self.id_info: list[IdInfo] = []
        self._ids: dict[str, IdInfo] = {}

    def find(self, qst: str) -> IdInfo | None:
        return self._ids.get(qst)

    def find_or_add_id(self, qst: str, kind: int) -> IdInfo:
        id_ = self._ids.get(qst)
        if id_ is None:
            id_ = IdInfo(qst, kind)
            self.id_info.append(id_)
            self._ids[qst] = id_
        return id_

    def find_global(self, qst: str) -> IdInfo | None:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope.find(qst)

    def _close_over_in_parents(self, qst: str) -> None:
        s = self.parent
        while True:
            id_ = s.find_or_add_id(qst, ID_INFO_KIND_UNDECIDED)
            if id_.kind == ID_INFO_KIND_UNDECIDED:
                id_.kind = ID_INFO_KIND_FREE
            else:
                if id_.kind == ID_INFO_KIND_LOCAL:
                    id_.kind = ID_INFO_KIND_CELL
                return
            s = s.parent

    def check_to_close_over(self, id_: IdInfo) -> None:
        """If an enclosing function binds ``id_``'s name, make it a free variable here."""
        if self.parent is None:
            return
        s = self.parent
        while s.parent is not None:
            id2 = s.find(id_.qst)
            if id2 is not None:
                if id2.kind in (ID_INFO_KIND_LOCAL, ID_INFO_KIND_CELL, ID_INFO_KIND_FREE):
                    id_.kind = ID_INFO_KIND_FREE
                    self._close_over_in_parents(id_.qst)
                break
            s = s.parent

    def get_id_for_modification(self, qst: str) -> IdInfo:
        id_ = self.find_or_add_id(qst, ID_INFO_KIND_GLOBAL_IMPLICIT)
        if id_.kind == ID_INFO_KIND_GLOBAL_IMPLICIT:
            if scope_is_func_like(self.kind):
                id_.kind = ID_INFO_KIND_LOCAL
            else:
                id_.kind = ID_INFO_KIND_GLOBAL_IMPLICIT_ASSIGNED
        return id_

    def get_id_for_load(self, qst: str) -> None:
        self.find_or_add_id(qst, ID_INFO_KIND_GLOBAL_IMPLICIT)

    def compute_things(self) -> None:
        """Number the locals, cells and frees once all identifiers are known."""
        if self.scope_flags & SCOPE_FLAG_VARARGS:
            # the *args parameter goes after all other parameters (except **kwargs)
            id_param = None
            for i in range(len(self.id_info) - 1, -1, -1):
                id_ = self.id_info[i]
                if id_.flags & ID_FLAG_IS_STAR_PARAM:
                    if id_param is not None:
                        j = self.id_info.index(id_param)
                        self.id_info[i], self.id_info[j] = self.id_info[j], self.id_info[i]
                    break
                elif id_param is None and id_.flags == ID_FLAG_IS_PARAM:
                    id_param = id_

        self.num_locals = 0
        for id_ in self.id_info:
            if self.kind == SCOPE_CLASS and id_.qst == "__class__":
                continue
            if scope_is_func_like(self.kind) and id_.kind == ID_INFO_KIND_GLOBAL_IMPLICIT:
                id_.kind = ID_INFO_KIND_GLOBAL_EXPLICIT
            if id_.kind == ID_INFO_KIND_GLOBAL_EXPLICIT and not (
                    self.emit_options == EMIT_OPT_VIPER and id_.qst in _VIPER_CAST_NAMES):
                self.scope_flags |= SCOPE_FLAG_REFGLOBALS
            if id_.kind == ID_INFO_KIND_LOCAL or (id_.flags & ID_FLAG_IS_PARAM):
                id_.local_num = self.num_locals
                self.num_locals += 1

        for id_ in self.id_info:
            if id_.kind == ID_INFO_KIND_CELL and not (id_.flags & ID_FLAG_IS_PARAM):
                id_.local_num = self.num_locals
                self.num_locals += 1

        has_free = any(id_.kind == ID_INFO_KIND_FREE for id_ in self.id_info)
        if self.parent is not None and has_free:
            # frees are numbered in the order their cells/frees appear in the parent
            num_free = 0
            for id_ in self.parent.id_info:
                if id_.kind in (ID_INFO_KIND_CELL, ID_INFO_KIND_FREE):
                    id2 = self._ids.get(id_.qst)
                    if id2 is not None and id2.kind == ID_INFO_KIND_FREE:
                        id2.local_num = num_free
                        num_free += 1
            if num_free > 0:
                for id_ in self.id_info:
                    if id_.kind != ID_INFO_KIND_FREE or (id_.flags & ID_FLAG_IS_PARAM):
                        id_.local_num += num_free
                self.num_pos_args += num_free
                self.num_locals += num_free
