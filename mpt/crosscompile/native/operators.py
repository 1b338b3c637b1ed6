"""Unary and binary operators: viper integer arithmetic, shifts and comparisons as machine
instructions, everything else through the runtime.

A part of the native emitter (see emitter.py): a mixin of :class:`NativeEmitter`, whose
state and helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile.native import fun, ops
from mpt.crosscompile.native.vtypes import (
    VTYPE_BOOL, VTYPE_INT, VTYPE_PYOBJ, VTYPE_UINT, vtype_name,
)


class OperatorOps:
    # ---- operators ----

    def unary_op(self, op: int) -> None:
        a = self.as_
        vtype = self._peek_vtype(0)
        if vtype in (VTYPE_INT, VTYPE_UINT):
            if op == ops.UNARY_POSITIVE:
                pass
            elif op == ops.UNARY_NEGATIVE:
                vtype = self._pop_reg(a.REG_RET)
                a.neg_reg(a.REG_RET)
                self._push_reg(vtype, a.REG_RET)
            elif op == ops.UNARY_INVERT:
                vtype = self._pop_reg(a.REG_RET)
                if hasattr(a, "not_reg"):
                    a.not_reg(a.REG_RET)
                else:
                    reg = a.REG_ARG_1 if a.REG_RET != a.REG_ARG_1 else a.REG_ARG_2
                    a.mov_reg_imm(reg, -1)
                    a.xor_reg_reg(a.REG_RET, reg)
                self._push_reg(vtype, a.REG_RET)
            else:
                self._viper_error("'not' not implemented")
        elif vtype == VTYPE_PYOBJ:
            self._pop_reg(a.REG_ARG_2)
            self._call_with_imm_arg(fun.UNARY_OP, op, a.REG_ARG_1)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        else:
            self._viper_error(f"can't do unary op of '{vtype_name(vtype)}'")

    def binary_op(self, op: int) -> None:
        a = self.as_
        vtype_lhs = self._peek_vtype(1)
        vtype_rhs = self._peek_vtype(0)
        if vtype_lhs in (VTYPE_INT, VTYPE_UINT) and vtype_rhs in (VTYPE_INT, VTYPE_UINT):
            if ops.INPLACE_OR <= op <= ops.INPLACE_POWER:
                op += ops.OR - ops.INPLACE_OR
            if a.REG_SHIFT_COUNT is not None and op in (ops.LSHIFT, ops.RSHIFT):
                vtype_rhs = self._pop_reg(a.REG_SHIFT_COUNT)
                vtype_lhs = self._pop_reg(a.REG_RET)
                if op == ops.LSHIFT:
                    a.lsl_reg(a.REG_RET)
                elif vtype_lhs == VTYPE_UINT:
                    a.lsr_reg(a.REG_RET)
                else:
                    a.asr_reg(a.REG_RET)
                self._push_reg(vtype_lhs, a.REG_RET)
                return
            if op in (ops.FLOOR_DIVIDE, ops.MODULO):
                vtype_rhs = self._pop_reg(a.REG_ARG_2)
                vtype_lhs = self._pop_reg(a.REG_ARG_1)
                if vtype_lhs != VTYPE_INT:
                    self._viper_error("div/mod not implemented for uint")
                self._call(fun.SMALL_INT_FLOOR_DIVIDE if op == ops.FLOOR_DIVIDE
                           else fun.SMALL_INT_MODULO)
                self._push_reg(VTYPE_INT, a.REG_RET)
                return
            vtype_rhs, reg_rhs = self._pop_reg_flexible(a.REG_ARG_3, a.REG_RET, a.REG_ARG_2)
            vtype_lhs = self._pop_reg(a.REG_ARG_2)
            if a.REG_SHIFT_COUNT is None and op in (ops.LSHIFT, ops.RSHIFT):
                if op == ops.LSHIFT:
                    a.lsl_reg_reg(a.REG_ARG_2, reg_rhs)
                elif vtype_lhs == VTYPE_UINT:
                    a.lsr_reg_reg(a.REG_ARG_2, reg_rhs)
                else:
                    a.asr_reg_reg(a.REG_ARG_2, reg_rhs)
                self._push_reg(vtype_lhs, a.REG_ARG_2)
                return
            simple = {ops.OR: a.or_reg_reg, ops.XOR: a.xor_reg_reg, ops.AND: a.and_reg_reg,
                      ops.ADD: a.add_reg_reg, ops.SUBTRACT: a.sub_reg_reg,
                      ops.MULTIPLY: a.mul_reg_reg}
            if op in simple:
                simple[op](a.REG_ARG_2, reg_rhs)
                self._push_reg(vtype_lhs, a.REG_ARG_2)
            elif ops.LESS <= op <= ops.NOT_EQUAL:
                if vtype_lhs != vtype_rhs:
                    self._viper_error("comparison of int and uint")
                op_idx = op - ops.LESS + (0 if vtype_lhs == VTYPE_UINT else 6)
                self._need_reg_single(a.REG_RET, 0)
                a.compare_set(op_idx, a.REG_RET, a.REG_ARG_2, reg_rhs)
                self._push_reg(VTYPE_BOOL, a.REG_RET)
            else:
                self._adjust_stack(1)
                # mpy-cross 1.29 prints an empty operator name here (its method-name table
                # does not give a printable qstr for any operator that can reach this point)
                self._viper_error("binary op  not implemented")
        elif vtype_lhs == VTYPE_PYOBJ and vtype_rhs == VTYPE_PYOBJ:
            self._pop_reg(a.REG_ARG_3)
            self._pop_reg(a.REG_ARG_2)
            invert = False
            if op == ops.NOT_IN:
                invert = True
                op = ops.IN
            elif op == ops.IS_NOT:
                invert = True
                op = ops.IS
            self._call_with_imm_arg(fun.BINARY_OP, op, a.REG_ARG_1)
            if invert:
                a.mov_reg_reg(a.REG_ARG_2, a.REG_RET)
                self._call_with_imm_arg(fun.UNARY_OP, ops.UNARY_NOT, a.REG_ARG_1)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        else:
            self._adjust_stack(-1)
            self._viper_error(f"can't do binary op between '{vtype_name(vtype_lhs)}' and "
                              f"'{vtype_name(vtype_rhs)}'")
