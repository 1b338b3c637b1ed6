"""Building and unpacking collections, making functions and closures, and calls.

A part of the native emitter (see emitter.py): a mixin of :class:`NativeEmitter`, whose
state and helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile.emitbc import BUILD_LIST, BUILD_SET, BUILD_SLICE, BUILD_TUPLE
from mpt.crosscompile.native import fun
from mpt.crosscompile.native.layout import OFFSETOF_OBJ_FUN_BC_CONTEXT
from mpt.crosscompile.native.vtypes import (
    NativeAssertion, VTYPE_BOOL, VTYPE_BUILTIN_CAST, VTYPE_INT, VTYPE_PTR, VTYPE_PTR16,
    VTYPE_PTR32, VTYPE_PTR8, VTYPE_PTR_NONE, VTYPE_PYOBJ, VTYPE_UINT, expect_obj,
)
from mpt.crosscompile.scope import SCOPE_LIST_COMP, SCOPE_SET_COMP


class CallOps:
    # ---- building and unpacking ----

    def build(self, n_args: int, kind: int) -> None:
        a = self.as_
        if kind == BUILD_SLICE:
            if n_args == 2:
                expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_1))
                self._mov_reg_const(a.REG_ARG_3, fun.CONST_NONE_OBJ)
            else:
                expect_obj(self._pop_reg(a.REG_ARG_3), self._pop_reg(a.REG_ARG_2),
                            self._pop_reg(a.REG_ARG_1))
            self._call(fun.NEW_SLICE)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
            return
        if kind in (BUILD_TUPLE, BUILD_LIST, BUILD_SET):
            self._stack_pointer_for_pop(a.REG_ARG_2, n_args)
        self._call_with_imm_arg(fun.BUILD_TUPLE + kind, n_args, a.REG_ARG_1)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def store_map(self) -> None:
        a = self.as_
        expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_3),
                    self._pop_reg(a.REG_ARG_1))
        self._call(fun.STORE_MAP)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def store_comp(self, scope_kind: int, collection_index: int) -> None:
        a = self.as_
        if scope_kind == SCOPE_LIST_COMP:
            expect_obj(self._pop_reg(a.REG_ARG_2))
            f = fun.LIST_APPEND
        elif scope_kind == SCOPE_SET_COMP:
            expect_obj(self._pop_reg(a.REG_ARG_2))
            f = fun.STORE_SET
        else:
            expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_3))
            f = fun.STORE_MAP
        expect_obj(self._access_stack(collection_index, a.REG_ARG_1))
        self._call(f)

    def unpack_sequence(self, n_args: int) -> None:
        a = self.as_
        expect_obj(self._pop_reg(a.REG_ARG_1))
        self._stack_pointer_for_push(a.REG_ARG_3, n_args)
        self._call_with_imm_arg(fun.UNPACK_SEQUENCE, n_args, a.REG_ARG_2)

    def unpack_ex(self, n_left: int, n_right: int) -> None:
        a = self.as_
        expect_obj(self._pop_reg(a.REG_ARG_1))
        self._stack_pointer_for_push(a.REG_ARG_3, n_left + n_right + 1)
        self._call_with_imm_arg(fun.UNPACK_EX, n_left | (n_right << 8), a.REG_ARG_2)

    # ---- functions and calls ----

    def make_function(self, scope, n_pos_defaults: int, n_kw_defaults: int) -> None:
        a = self.as_
        self._mov_reg_state(a.REG_ARG_2, self._idx_fun_obj)
        a.load_reg_reg_offset(a.REG_ARG_2, a.REG_ARG_2, OFFSETOF_OBJ_FUN_BC_CONTEXT)
        if n_pos_defaults == 0 and n_kw_defaults == 0:
            self._need_reg_all()
            a.mov_reg_imm(a.REG_ARG_3, 0)
        else:
            self._stack_pointer_for_pop(a.REG_ARG_3, 2)
            self._need_reg_all()
        self._load_reg_with_child(a.REG_ARG_1, scope.raw_code)
        a.call_ind(fun.MAKE_FUNCTION_FROM_PROTO_FUN)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def make_closure(self, scope, n_closed_over: int, n_pos_defaults: int,
                     n_kw_defaults: int) -> None:
        a = self.as_
        self._mov_reg_state(a.REG_ARG_2, self._idx_fun_obj)
        a.load_reg_reg_offset(a.REG_ARG_2, a.REG_ARG_2, OFFSETOF_OBJ_FUN_BC_CONTEXT)
        if n_pos_defaults == 0 and n_kw_defaults == 0:
            self._need_reg_all()
            a.mov_reg_imm(a.REG_ARG_3, 0)
        else:
            self._stack_pointer_for_pop(a.REG_ARG_3, 2 + n_closed_over)
            self._adjust_stack(2 + n_closed_over)
            self._need_reg_all()
        self._load_reg_with_child(a.REG_ARG_1, scope.raw_code)
        a.call_ind(fun.MAKE_FUNCTION_FROM_PROTO_FUN)
        if a.preprocessor_regs_differ(a.REG_ARG_1, a.REG_RET):
            a.mov_reg_reg(a.REG_ARG_1, a.REG_RET)
        a.mov_reg_imm(a.REG_ARG_2, n_closed_over)
        self._stack_pointer_for_pop(a.REG_ARG_3, n_closed_over)
        if n_pos_defaults != 0 or n_kw_defaults != 0:
            self._adjust_stack(-2)
        a.call_ind(fun.NEW_CLOSURE)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def call_function(self, n_positional: int, n_keyword: int, star_flags: int) -> None:
        a = self.as_
        vtype_fun = self._peek_vtype(n_positional + 2 * n_keyword)
        if vtype_fun == VTYPE_BUILTIN_CAST:
            if n_positional != 1 or n_keyword != 0 or star_flags:
                raise NativeAssertion("a cast takes exactly one argument")
            vtype_cast = self._peek(1).data
            arg_vtype = self._peek_vtype(0)
            if arg_vtype == VTYPE_PYOBJ:
                self._pop_reg(a.REG_ARG_1)
                self._pop_discard()
                self._call_with_imm_arg(fun.CONVERT_OBJ_TO_NATIVE, vtype_cast, a.REG_ARG_2)
                self._push_reg(vtype_cast, a.REG_RET)
            elif arg_vtype in (VTYPE_BOOL, VTYPE_INT, VTYPE_UINT, VTYPE_PTR, VTYPE_PTR8,
                               VTYPE_PTR16, VTYPE_PTR32, VTYPE_PTR_NONE):
                self._fold_stack_top(a.REG_ARG_1)
                self._top_set_vtype(vtype_cast)
            else:
                self._not_implemented("casting")
            return
        expect_obj(vtype_fun)
        if star_flags:
            self._stack_pointer_for_pop(a.REG_ARG_3, n_positional + 2 * n_keyword + 2)
            self._call_with_2_imm_args(fun.CALL_METHOD_N_KW_VAR, 0, a.REG_ARG_1,
                                       n_positional | (n_keyword << 8), a.REG_ARG_2)
        else:
            if n_positional != 0 or n_keyword != 0:
                self._stack_pointer_for_pop(a.REG_ARG_3, n_positional + 2 * n_keyword)
            self._pop_reg(a.REG_ARG_1)
            self._call_with_imm_arg(fun.NATIVE_CALL_FUNCTION_N_KW,
                                    n_positional | (n_keyword << 8), a.REG_ARG_2)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def call_method(self, n_positional: int, n_keyword: int, star_flags: int) -> None:
        a = self.as_
        if star_flags:
            self._stack_pointer_for_pop(a.REG_ARG_3, n_positional + 2 * n_keyword + 3)
            self._call_with_2_imm_args(fun.CALL_METHOD_N_KW_VAR, 1, a.REG_ARG_1,
                                       n_positional | (n_keyword << 8), a.REG_ARG_2)
        else:
            self._stack_pointer_for_pop(a.REG_ARG_3, 2 + n_positional + 2 * n_keyword)
            self._call_with_2_imm_args(fun.CALL_METHOD_N_KW, n_positional, a.REG_ARG_1,
                                       n_keyword, a.REG_ARG_2)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)
