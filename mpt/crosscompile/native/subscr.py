"""Subscripts: on Python objects through the runtime, on viper pointers as sized machine loads
and stores.

A part of the native emitter (see emitter.py): a mixin of :class:`NativeEmitter`, whose
state and helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile.emitbc import SUBSCR_LOAD, SUBSCR_STORE
from mpt.crosscompile.native import fun
from mpt.crosscompile.native.layout import MP_OBJ_SENTINEL
from mpt.crosscompile.native.vstack import STACK_IMM
from mpt.crosscompile.native.vtypes import (
    VTYPE_BOOL, VTYPE_INT, VTYPE_PTR16, VTYPE_PTR32, VTYPE_PTR8, VTYPE_PYOBJ, VTYPE_UINT,
    expect_obj, vtype_name,
)


class SubscrOps:
    # ---- subscripts and attributes ----

    def subscr(self, kind: int) -> None:
        if kind == SUBSCR_LOAD:
            self._load_subscr()
        elif kind == SUBSCR_STORE:
            self._store_subscr()
        else:
            a = self.as_
            expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_1))
            self._call_with_imm_arg(fun.OBJ_SUBSCR, 0, a.REG_ARG_3)

    def _load_subscr(self) -> None:
        a = self.as_
        vtype_base = self._peek_vtype(1)
        if vtype_base == VTYPE_PYOBJ:
            vtype_index = self._peek_vtype(0)
            if vtype_index == VTYPE_PYOBJ:
                self._pop_reg(a.REG_ARG_2)
            else:
                vtype_index = self._pop_reg(a.REG_ARG_1)
                self._call_with_imm_arg(fun.CONVERT_NATIVE_TO_OBJ, vtype_index, a.REG_ARG_2)
                a.mov_reg_reg(a.REG_ARG_2, a.REG_RET)
            self._pop_reg(a.REG_ARG_1)
            self._call_with_imm_arg(fun.OBJ_SUBSCR, MP_OBJ_SENTINEL, a.REG_ARG_3)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
            return
        top = self._peek(0)
        bits = {VTYPE_PTR8: 8, VTYPE_PTR16: 16, VTYPE_PTR32: 32}
        if top.vtype == VTYPE_INT and top.kind == STACK_IMM:
            index_value = top.data
            self._pop_discard()
            reg_index = a.REG_ARG_2
            vtype_base, reg_base = self._pop_reg_flexible(a.REG_ARG_1, reg_index, reg_index)
            self._need_reg_single(a.REG_RET, 0)
            b = bits.get(vtype_base)
            if b is None:
                self._viper_error(f"can't load from '{vtype_name(vtype_base)}'")
            elif b in a.load_with_offset:
                a.load_sized_offset(b, a.REG_RET, reg_base, index_value)
            else:
                if index_value != 0:
                    self._need_reg_single(reg_index, 0)
                    a.mov_reg_imm(reg_index, index_value << {8: 0, 16: 1, 32: 2}[b])
                    a.add_reg_reg(reg_index, reg_base)
                    reg_base = reg_index
                a.load_sized(b, a.REG_RET, reg_base)
        else:
            vtype_index, reg_index = self._pop_reg_flexible(a.REG_ARG_2, a.REG_ARG_1, a.REG_ARG_1)
            vtype_base = self._pop_reg(a.REG_ARG_1)
            self._need_reg_single(a.REG_RET, 0)
            if vtype_index not in (VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't load with '{vtype_name(vtype_index)}' index")
            b = bits.get(vtype_base)
            if b is None:
                self._viper_error(f"can't load from '{vtype_name(vtype_base)}'")
            elif b in a.load_reg_reg_reg:
                a.load_sized_reg_reg_reg(b, a.REG_RET, a.REG_ARG_1, reg_index)
            else:
                for _ in range({8: 1, 16: 2, 32: 4}[b]):
                    a.add_reg_reg(a.REG_ARG_1, reg_index)
                a.load_sized(b, a.REG_RET, a.REG_ARG_1)
        self._push_reg(VTYPE_INT, a.REG_RET)

    def _store_subscr(self) -> None:
        a = self.as_
        vtype_base = self._peek_vtype(1)
        if vtype_base == VTYPE_PYOBJ:
            vtype_index = self._peek_vtype(0)
            vtype_value = self._peek_vtype(2)
            if vtype_index != VTYPE_PYOBJ or vtype_value != VTYPE_PYOBJ:
                self._stack_pointer_for_pop(a.REG_ARG_1, 3)
                self._adjust_stack(3)
            self._pop_reg(a.REG_ARG_2)
            self._pop_reg(a.REG_ARG_1)
            self._pop_reg(a.REG_ARG_3)
            self._call(fun.OBJ_SUBSCR)
            return
        top = self._peek(0)
        bits = {VTYPE_PTR8: 8, VTYPE_PTR16: 16, VTYPE_PTR32: 32}
        if top.vtype == VTYPE_INT and top.kind == STACK_IMM:
            index_value = top.data
            self._pop_discard()
            reg_index = a.REG_ARG_2
            reg_value = a.REG_ARG_3
            vtype_base, reg_base = self._pop_reg_flexible(a.REG_ARG_1, reg_index, reg_value)
            if a.byte_store_needs_low_reg:
                vtype_value = self._pop_reg(reg_value)
            else:
                vtype_value, reg_value = self._pop_reg_flexible(reg_value, reg_base, reg_index)
            if vtype_value not in (VTYPE_BOOL, VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't store '{vtype_name(vtype_value)}'")
            b = bits.get(vtype_base)
            if b is None:
                self._viper_error(f"can't store to '{vtype_name(vtype_base)}'")
            elif b in a.store_with_offset:
                a.store_sized_offset(b, reg_value, reg_base, index_value)
            else:
                if index_value != 0:
                    a.mov_reg_imm(reg_index, index_value << {8: 0, 16: 1, 32: 2}[b])
                    a.add_reg_reg(reg_index, reg_base)
                    reg_base = reg_index
                a.store_sized(b, reg_value, reg_base)
        else:
            reg_value = a.REG_ARG_3
            vtype_index, reg_index = self._pop_reg_flexible(a.REG_ARG_2, a.REG_ARG_1, reg_value)
            vtype_base = self._pop_reg(a.REG_ARG_1)
            if vtype_index not in (VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't store with '{vtype_name(vtype_index)}' index")
            if a.byte_store_needs_low_reg:
                vtype_value = self._pop_reg(reg_value)
            else:
                vtype_value, reg_value = self._pop_reg_flexible(reg_value, a.REG_ARG_1, reg_index)
            if vtype_value not in (VTYPE_BOOL, VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't store '{vtype_name(vtype_value)}'")
            b = bits.get(vtype_base)
            if b is None:
                self._viper_error(f"can't store to '{vtype_name(vtype_base)}'")
            elif b in a.store_reg_reg_reg:
                a.store_sized_reg_reg_reg(b, reg_value, a.REG_ARG_1, reg_index)
            else:
                for _ in range({8: 1, 16: 2, 32: 4}[b]):
                    a.add_reg_reg(a.REG_ARG_1, reg_index)
                a.store_sized(b, reg_value, a.REG_ARG_1)
