"""Identifiers (locals, cells, globals, viper casts), imports, constants, attributes and stack
shuffles.

A part of the native emitter (see emitter.py): a mixin of :class:`NativeEmitter`, whose
state and helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile.emitbc import (
    ATTR_LOAD, ATTR_STORE, IDOP_GLOBAL_GLOBAL, IDOP_GLOBAL_NAME, IDOP_LOCAL_DEREF, IDOP_LOCAL_FAST,
    IMPORT_FROM, IMPORT_NAME,
)
from mpt.crosscompile.native import fun
from mpt.crosscompile.native.layout import MAX_REGS_FOR_LOCAL_VARS
from mpt.crosscompile.native.vtypes import (
    VTYPE_BOOL, VTYPE_BUILTIN_CAST, VTYPE_INT, VTYPE_PTR_NONE, VTYPE_PYOBJ, VTYPE_UNBOUND,
    expect_obj, native_type_from_name, vtype_name,
)
from mpt.crosscompile.scope import (
    ID_INFO_KIND_CELL, ID_INFO_KIND_FREE, ID_INFO_KIND_GLOBAL_EXPLICIT,
    ID_INFO_KIND_GLOBAL_IMPLICIT, ID_INFO_KIND_GLOBAL_IMPLICIT_ASSIGNED, ID_INFO_KIND_LOCAL,
)


class NameOps:
    # ---- identifiers ----

    def id_op(self, scope, qst: str, which: str) -> None:
        id_ = scope.find(qst)
        if id_.kind in (ID_INFO_KIND_GLOBAL_IMPLICIT, ID_INFO_KIND_GLOBAL_IMPLICIT_ASSIGNED):
            getattr(self, which + "_global")(qst, IDOP_GLOBAL_NAME)
        elif id_.kind == ID_INFO_KIND_GLOBAL_EXPLICIT:
            getattr(self, which + "_global")(qst, IDOP_GLOBAL_GLOBAL)
        elif id_.kind == ID_INFO_KIND_LOCAL:
            getattr(self, which + "_local")(qst, id_.local_num, IDOP_LOCAL_FAST)
        else:
            assert id_.kind in (ID_INFO_KIND_CELL, ID_INFO_KIND_FREE)
            getattr(self, which + "_local")(qst, id_.local_num, IDOP_LOCAL_DEREF)

    def _load_fast(self, qst: str, local_num: int) -> None:
        vtype = self.local_vtype[local_num]
        if vtype == VTYPE_UNBOUND:
            self._viper_error(f"local '{qst}' used before type known")
        if local_num < MAX_REGS_FOR_LOCAL_VARS and self._can_use_regs_for_locals():
            self._push_reg(vtype, self._reg_local_table[local_num])
        else:
            a = self.as_
            self._need_reg_single(a.REG_TEMP0, 0)
            self._mov_reg_state(a.REG_TEMP0, self._idx_local_var(local_num))
            self._push_reg(vtype, a.REG_TEMP0)

    def load_local(self, qst: str, local_num: int, kind: int) -> None:
        if kind == IDOP_LOCAL_FAST:
            self._load_fast(qst, local_num)
            return
        a = self.as_
        self._need_reg_single(a.REG_RET, 0)
        self._load_fast(qst, local_num)
        _, reg_base = self._pop_reg_flexible(a.REG_RET, -1, -1)
        a.load_reg_reg_offset(a.REG_RET, reg_base, 1)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def load_global(self, qst: str, kind: int) -> None:
        if kind == IDOP_GLOBAL_GLOBAL and self.do_viper_types:
            native_type = native_type_from_name(qst)
            if native_type >= VTYPE_BOOL:
                self._push_imm(VTYPE_BUILTIN_CAST, native_type)
                return
        self._call_with_qstr_arg(fun.LOAD_NAME + kind, qst, self.as_.REG_ARG_1)
        self._push_reg(VTYPE_PYOBJ, self.as_.REG_RET)

    def _store_fast(self, qst: str, local_num: int) -> None:
        a = self.as_
        if local_num < MAX_REGS_FOR_LOCAL_VARS and self._can_use_regs_for_locals():
            vtype = self._pop_reg(self._reg_local_table[local_num])
        else:
            vtype = self._pop_reg(a.REG_TEMP0)
            self._mov_state_reg(self._idx_local_var(local_num), a.REG_TEMP0)
        if self.local_vtype[local_num] == VTYPE_UNBOUND:
            self.local_vtype[local_num] = vtype
        elif self.local_vtype[local_num] != vtype:
            self._viper_error(f"local '{qst}' has type '{vtype_name(self.local_vtype[local_num])}'"
                              f" but source is '{vtype_name(vtype)}'")

    def store_local(self, qst: str, local_num: int, kind: int) -> None:
        if kind == IDOP_LOCAL_FAST:
            self._store_fast(qst, local_num)
            return
        a = self.as_
        self._need_reg_single(a.REG_TEMP0, 0)
        self._need_reg_single(a.REG_TEMP1, 0)
        self._load_fast(qst, local_num)
        _, reg_base = self._pop_reg_flexible(a.REG_TEMP0, -1, -1)
        _, reg_src = self._pop_reg_flexible(a.REG_TEMP1, reg_base, reg_base)
        a.store_reg_reg_offset(reg_src, reg_base, 1)

    def store_global(self, qst: str, kind: int) -> None:
        a = self.as_
        if kind == IDOP_GLOBAL_NAME:
            expect_obj(self._pop_reg(a.REG_ARG_2))
        else:
            vtype = self._peek_vtype(0)
            if vtype == VTYPE_PYOBJ:
                self._pop_reg(a.REG_ARG_2)
            else:
                vtype = self._pop_reg(a.REG_ARG_1)
                self._call_with_imm_arg(fun.CONVERT_NATIVE_TO_OBJ, vtype, a.REG_ARG_2)
                a.mov_reg_reg(a.REG_ARG_2, a.REG_RET)
        self._call_with_qstr_arg(fun.STORE_NAME + kind, qst, a.REG_ARG_1)

    def delete_local(self, qst: str, local_num: int, kind: int) -> None:
        if kind == IDOP_LOCAL_FAST:
            self.load_const_tok("KW_NONE")
            self._store_fast(qst, local_num)
        # deleting a cell does nothing in native code (as in mpy-cross)

    def delete_global(self, qst: str, kind: int) -> None:
        self._call_with_qstr_arg(fun.DELETE_NAME + kind, qst, self.as_.REG_ARG_1)

    # ---- imports and constants ----

    def import_(self, qst: str | None, kind: int) -> None:
        a = self.as_
        if kind == IMPORT_NAME:
            saved = self.do_viper_types
            self.do_viper_types = False
            expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_3))
            self.do_viper_types = saved
            self._call_with_qstr_arg(fun.IMPORT_NAME, qst, a.REG_ARG_1)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        elif kind == IMPORT_FROM:
            expect_obj(self._access_stack(1, a.REG_ARG_1))
            self._call_with_qstr_arg(fun.IMPORT_FROM, qst, a.REG_ARG_2)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        else:
            expect_obj(self._pop_reg(a.REG_ARG_1))
            self._call(fun.IMPORT_ALL)

    def load_const_tok(self, tok: str) -> None:
        if tok == "ELLIPSIS":
            self.load_const_obj(...)
        elif tok == "KW_NONE":
            self._push_imm(VTYPE_PTR_NONE, 0)
        else:
            self._push_imm(VTYPE_BOOL, 0 if tok == "KW_FALSE" else 1)

    def load_const_small_int(self, arg: int) -> None:
        self._push_imm(VTYPE_INT, arg)

    def load_const_str(self, qst: str) -> None:
        a = self.as_
        self._need_reg_single(a.REG_TEMP0, 0)
        self._load_reg_with_object(a.REG_TEMP0, qst)
        self._push_reg(VTYPE_PYOBJ, a.REG_TEMP0)

    def load_const_obj(self, obj) -> None:
        a = self.as_
        self._need_reg_single(a.REG_TEMP0, 0)
        self._load_reg_with_object(a.REG_TEMP0, obj)
        self._push_reg(VTYPE_PYOBJ, a.REG_TEMP0)

    def load_null(self) -> None:
        self._push_imm(VTYPE_PYOBJ, 0)

    def load_method(self, qst: str, is_super: bool) -> None:
        a = self.as_
        if is_super:
            self._stack_pointer_for_pop(a.REG_ARG_2, 3)
            self._stack_pointer_for_push(a.REG_ARG_2, 2)
            self._call_with_qstr_arg(fun.LOAD_SUPER_METHOD, qst, a.REG_ARG_1)
        else:
            expect_obj(self._pop_reg(a.REG_ARG_1))
            self._stack_pointer_for_push(a.REG_ARG_3, 2)
            self._call_with_qstr_arg(fun.LOAD_METHOD, qst, a.REG_ARG_2)

    def load_build_class(self) -> None:
        self._call(fun.LOAD_BUILD_CLASS)
        self._push_reg(VTYPE_PYOBJ, self.as_.REG_RET)

    def attr(self, qst: str, kind: int) -> None:
        a = self.as_
        if kind == ATTR_LOAD:
            expect_obj(self._pop_reg(a.REG_ARG_1))
            self._call_with_qstr_arg(fun.LOAD_ATTR, qst, a.REG_ARG_2)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        elif kind == ATTR_STORE:
            vtype_val = self._peek_vtype(1)
            if vtype_val == VTYPE_PYOBJ:
                vtype_base = self._pop_reg(a.REG_ARG_1)
                self._pop_reg(a.REG_ARG_3)
            else:
                vtype_val = self._access_stack(2, a.REG_ARG_1)
                self._call_with_imm_arg(fun.CONVERT_NATIVE_TO_OBJ, vtype_val, a.REG_ARG_2)
                a.mov_reg_reg(a.REG_ARG_3, a.REG_RET)
                vtype_base = self._pop_reg(a.REG_ARG_1)
                self._adjust_stack(-1)
            expect_obj(vtype_base)
            self._call_with_qstr_arg(fun.STORE_ATTR, qst, a.REG_ARG_2)
        else:
            expect_obj(self._pop_reg(a.REG_ARG_1))
            a.clr_reg(a.REG_ARG_3)
            self._call_with_qstr_arg(fun.STORE_ATTR, qst, a.REG_ARG_2)

    # ---- stack shuffles ----

    def dup_top(self) -> None:
        vtype, reg = self._pop_reg_flexible(self.as_.REG_TEMP0, -1, -1)
        self._push_reg(vtype, reg)
        self._push_reg(vtype, reg)

    def dup_top_two(self) -> None:
        a = self.as_
        vtype0 = self._pop_reg(a.REG_TEMP0)
        vtype1 = self._pop_reg(a.REG_TEMP1)
        self._push_reg(vtype1, a.REG_TEMP1)
        self._push_reg(vtype0, a.REG_TEMP0)
        self._push_reg(vtype1, a.REG_TEMP1)
        self._push_reg(vtype0, a.REG_TEMP0)

    def pop_top(self) -> None:
        self._pop_discard()

    def rot_two(self) -> None:
        a = self.as_
        vtype0 = self._pop_reg(a.REG_TEMP0)
        vtype1 = self._pop_reg(a.REG_TEMP1)
        self._push_reg(vtype0, a.REG_TEMP0)
        self._push_reg(vtype1, a.REG_TEMP1)

    def rot_three(self) -> None:
        a = self.as_
        vtype0 = self._pop_reg(a.REG_TEMP0)
        vtype1 = self._pop_reg(a.REG_TEMP1)
        vtype2 = self._pop_reg(a.REG_TEMP2)
        self._push_reg(vtype0, a.REG_TEMP0)
        self._push_reg(vtype2, a.REG_TEMP2)
        self._push_reg(vtype1, a.REG_TEMP1)
