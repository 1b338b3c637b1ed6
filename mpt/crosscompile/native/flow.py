"""Control flow: labels, the exception handler stack, jumps (including unwinding through
finally blocks), with/try blocks, iteration, return, raise and yield.

A part of the native emitter (see emitter.py): a mixin of :class:`NativeEmitter`, whose
state and helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile.emitbc import (
    BREAK_FROM_FOR, ITER_BUF_NSLOTS, SETUP_BLOCK_FINALLY, SETUP_BLOCK_WITH, YIELD_FROM,
    YIELD_VALUE,
)
from mpt.crosscompile.native import fun
from mpt.crosscompile.native.layout import (
    OFFSETOF_CODE_STATE_SP, VM_RETURN_NORMAL, VM_RETURN_YIELD,
)
from mpt.crosscompile.native.vtypes import (
    VTYPE_BOOL, VTYPE_INT, VTYPE_PTR_NONE, VTYPE_PYOBJ, VTYPE_UINT, expect_obj, vtype_name,
)
from mpt.crosscompile.scope import SCOPE_FLAG_GENERATOR, SCOPE_FLAG_VIPERRET_POS

UNWIND_LABEL_UNUSED = 0x7FFF
UNWIND_LABEL_DO_FINAL_UNWIND = 0x7FFE


class ExcEntry:
    __slots__ = ("label", "is_finally", "unwind_label", "is_active")

    def __init__(self, label, is_finally: bool):
        self.label = label
        self.is_finally = is_finally
        self.unwind_label = UNWIND_LABEL_UNUSED
        self.is_active = True


class FlowOps:
    # ---- exception handler stack ----

    def _push_exc_stack(self, label, is_finally: bool) -> None:
        self.exc_stack.append(ExcEntry(label, is_finally))
        self.as_.mov_reg_pcrel(self.as_.REG_RET, label)
        self.as_.mov_local_reg(self._idx_exc_handler_pc, self.as_.REG_RET)

    def _leave_exc_stack(self, start_of_handler: bool) -> None:
        a = self.as_
        self.exc_stack[-1].is_active = False
        active = None
        for e in reversed(self.exc_stack[:-1]):
            if e.is_active:
                active = e
                break
        if active is None:
            if start_of_handler:
                return
            a.clr_reg(a.REG_RET)
        else:
            a.mov_reg_pcrel(a.REG_RET, active.label)
        a.mov_local_reg(self._idx_exc_handler_pc, a.REG_RET)

    def _pop_exc_stack(self) -> ExcEntry:
        return self.exc_stack.pop()

    # ---- labels ----

    def label_assign(self, label) -> None:
        is_finally = False
        if self.exc_stack:
            e = self.exc_stack[-1]
            is_finally = e.is_finally and e.label == label
        if is_finally:
            self._access_stack(1, self.as_.REG_TEMP0)
            self.as_.mov_local_reg(self._idx_exc_val, self.as_.REG_TEMP0)
        self._need_stack_settled()
        self.as_.label_assign(label)
        if is_finally:
            self._leave_exc_stack(False)

    # ---- jumps and blocks ----

    def jump(self, label) -> None:
        self._need_stack_settled()
        self.as_.jump(label)
        self.as_.suppress_code()

    def _jump_helper(self, cond: bool, label, pop: bool) -> None:
        a = self.as_
        vtype = self._peek_vtype(0)
        if vtype == VTYPE_PYOBJ:
            self._pop_reg(a.REG_ARG_1)
            if not pop:
                self._adjust_stack(1)
            self._call(fun.OBJ_IS_TRUE)
        else:
            vtype = self._pop_reg(a.REG_RET)
            if not pop:
                self._adjust_stack(1)
            if vtype not in (VTYPE_BOOL, VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't implicitly convert '{vtype_name(vtype)}' to 'bool'")
        if not pop:
            self.saved_stack_vtype = vtype
        self._need_stack_settled()
        if cond:
            a.jump_if_reg_nonzero(a.REG_RET, label, vtype == VTYPE_PYOBJ)
        else:
            a.jump_if_reg_zero(a.REG_RET, label, vtype == VTYPE_PYOBJ)
        if not pop:
            self._adjust_stack(-1)

    def pop_jump_if(self, cond: bool, label) -> None:
        self._jump_helper(cond, label, True)

    def jump_if_or_pop(self, cond: bool, label) -> None:
        self._jump_helper(cond, label, False)

    def unwind_jump(self, label, except_depth: int) -> None:
        a = self.as_
        if except_depth > 0:
            first_finally = None
            prev_finally = None
            idx = len(self.exc_stack) - 1
            while except_depth > 0:
                e = self.exc_stack[idx]
                if e.is_finally and e.is_active:
                    if first_finally is None:
                        first_finally = e
                    if prev_finally is not None:
                        prev_finally.unwind_label = e.label
                    prev_finally = e
                except_depth -= 1
                idx -= 1
            if prev_finally is None:
                if idx < 0:
                    a.clr_reg(a.REG_RET)
                else:
                    a.mov_reg_pcrel(a.REG_RET, self.exc_stack[idx].label)
                a.mov_local_reg(self._idx_exc_handler_pc, a.REG_RET)
            else:
                prev_finally.unwind_label = UNWIND_LABEL_DO_FINAL_UNWIND
                a.mov_reg_pcrel(a.REG_RET, strip_break(label))
                a.mov_local_reg(self._idx_exc_handler_unwind, a.REG_RET)
                a.mov_reg_imm(a.REG_RET, 0)
                a.mov_local_reg(self._idx_exc_val, a.REG_RET)
                label = first_finally.label
        self.jump(strip_break(label))

    def setup_block(self, label, kind: int) -> None:
        a = self.as_
        if kind == SETUP_BLOCK_WITH:
            expect_obj(self._access_stack(1, a.REG_ARG_1))
            self._stack_pointer_for_push(a.REG_ARG_3, 2)
            self._call_with_qstr_arg(fun.LOAD_METHOD, "__exit__", a.REG_ARG_2)
            self._pop_reg(a.REG_ARG_3)
            self._pop_reg(a.REG_ARG_2)
            vtype = self._pop_reg(a.REG_ARG_1)
            self._push_reg(vtype, a.REG_ARG_2)
            self._push_reg(vtype, a.REG_ARG_3)
            self._stack_pointer_for_push(a.REG_ARG_3, 2)
            self._call_with_qstr_arg(fun.LOAD_METHOD, "__enter__", a.REG_ARG_2)
            self._stack_pointer_for_pop(a.REG_ARG_3, 2)
            self._call_with_2_imm_args(fun.CALL_METHOD_N_KW, 0, a.REG_ARG_1, 0, a.REG_ARG_2)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
            self._need_stack_settled()
            self._push_exc_stack(label, True)
            self.dup_top()
        else:
            self._need_stack_settled()
            self._push_exc_stack(label, kind == SETUP_BLOCK_FINALLY)

    def with_cleanup(self, label) -> None:
        a = self.as_
        slots = self._labels(3)
        self._leave_exc_stack(False)
        self._adjust_stack(-1)
        self.label_assign(slots[2])
        for _ in range(3):
            self._push_imm(VTYPE_PTR_NONE, 0)
        self._stack_pointer_for_pop(a.REG_ARG_3, 5)
        self._call_with_2_imm_args(fun.CALL_METHOD_N_KW, 3, a.REG_ARG_1, 0, a.REG_ARG_2)
        self.jump(slots[0])
        a.label_assign(label)
        self._leave_exc_stack(True)
        self.adjust_stack_size(2)
        a.mov_reg_local(a.REG_ARG_1, self._idx_exc_val)
        a.jump_if_reg_zero(a.REG_ARG_1, slots[2], False)
        a.load_reg_reg_offset(a.REG_ARG_2, a.REG_ARG_1, 0)
        self._push_reg(VTYPE_PYOBJ, a.REG_ARG_2)
        self._push_reg(VTYPE_PYOBJ, a.REG_ARG_1)
        self._push_imm(VTYPE_PTR_NONE, 0)
        self._stack_pointer_for_pop(a.REG_ARG_3, 5)
        self._call_with_2_imm_args(fun.CALL_METHOD_N_KW, 3, a.REG_ARG_1, 0, a.REG_ARG_2)
        if a.REG_ARG_1 != a.REG_RET:
            a.mov_reg_reg(a.REG_ARG_1, a.REG_RET)
        self._call(fun.OBJ_IS_TRUE)
        a.jump_if_reg_zero(a.REG_RET, slots[1], True)
        self.label_assign(slots[0])
        self._mov_local_null(self._idx_exc_val, a.REG_TEMP0)
        self.label_assign(slots[1])
        self._adjust_stack(1)

    def async_with_setup_finally(self, label_aexit_no_exc, label_finally_block,
                                 label_ret_unwind_jump) -> None:
        a = self.as_
        self.adjust_stack_size(1)
        self.rot_two()
        self.load_const_tok("KW_NONE")
        self.rot_two()
        self.jump(label_aexit_no_exc)
        self.adjust_stack_size(-1)
        self.label_assign(label_finally_block)
        self._pop_discard()
        a.mov_reg_local(a.REG_ARG_1, self._idx_exc_val)
        self._push_reg(VTYPE_PYOBJ, a.REG_ARG_1)
        a.jump_if_reg_zero(a.REG_ARG_1, label_ret_unwind_jump, False)

    def end_finally(self) -> None:
        a = self.as_
        slot = self._labels(1)[0]
        self._pop_discard()
        a.mov_reg_local(a.REG_ARG_1, self._idx_exc_val)
        self._call(fun.NATIVE_RAISE)
        e = self._pop_exc_stack()
        if e.unwind_label != UNWIND_LABEL_UNUSED:
            a.mov_reg_local(a.REG_RET, self._idx_exc_handler_unwind)
            a.jump_if_reg_zero(a.REG_RET, slot, False)
            if e.unwind_label == UNWIND_LABEL_DO_FINAL_UNWIND:
                a.jump_reg(a.REG_RET)
            else:
                self.jump(e.unwind_label)
            self.label_assign(slot)

    def get_iter(self, use_stack: bool) -> None:
        a = self.as_
        expect_obj(self._pop_reg(a.REG_ARG_1))
        if use_stack:
            self._stack_pointer_for_push(a.REG_ARG_2, ITER_BUF_NSLOTS)
            self._call(fun.NATIVE_GETITER)
        else:
            a.mov_reg_imm(a.REG_ARG_2, 0)
            self._call(fun.NATIVE_GETITER)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def for_iter(self, label) -> None:
        a = self.as_
        self._stack_pointer_for_pop(a.REG_ARG_1, ITER_BUF_NSLOTS)
        self._adjust_stack(ITER_BUF_NSLOTS)
        self._call(fun.NATIVE_ITERNEXT)
        a.jump_if_reg_zero(a.REG_RET, label, False)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def for_iter_end(self) -> None:
        self._adjust_stack(-ITER_BUF_NSLOTS)

    def pop_except_jump(self, label, within_exc_handler: bool) -> None:
        if within_exc_handler:
            self._mov_local_null(self._idx_exc_val, self.as_.REG_TEMP0)
        else:
            self._leave_exc_stack(False)
        self.jump(label)
    def return_value(self) -> None:
        a = self.as_
        if self._gen:
            self._stack_pointer_for_pop(a.REG_TEMP0, 1)
            self._mov_state_reg(OFFSETOF_CODE_STATE_SP, a.REG_TEMP0)
            a.mov_reg_imm(a.REG_TEMP0, VM_RETURN_NORMAL)
            a.mov_local_reg(self._idx_ret_val, a.REG_TEMP0)
            self.unwind_jump(self.exit_label, len(self.exc_stack))
            return
        if self.do_viper_types:
            return_vtype = self.scope.scope_flags >> SCOPE_FLAG_VIPERRET_POS
            if self._peek_vtype(0) == VTYPE_PTR_NONE:
                self._pop_discard()
                if return_vtype == VTYPE_PYOBJ:
                    self._mov_reg_const(a.REG_PARENT_RET, fun.CONST_NONE_OBJ)
                else:
                    a.mov_reg_imm(a.REG_ARG_1, 0)
            else:
                vtype = self._pop_reg(a.REG_PARENT_RET if return_vtype == VTYPE_PYOBJ
                                      else a.REG_ARG_1)
                if vtype != return_vtype:
                    self._viper_error(f"return expected '{vtype_name(return_vtype)}' but got "
                                      f"'{vtype_name(vtype)}'")
            if return_vtype != VTYPE_PYOBJ:
                self._call_with_imm_arg(fun.CONVERT_NATIVE_TO_OBJ, return_vtype, a.REG_ARG_2)
                if a.preprocessor_regs_differ(a.REG_RET, a.REG_PARENT_RET):
                    a.mov_reg_reg(a.REG_PARENT_RET, a.REG_RET)
        else:
            expect_obj(self._pop_reg(a.REG_PARENT_RET))
        if self._need_global_exc_handler():
            a.mov_local_reg(self._idx_ret_val, a.REG_PARENT_RET)
        self.unwind_jump(self.exit_label, len(self.exc_stack))

    def raise_varargs(self, n_args: int) -> None:
        if n_args != 1:
            self._not_implemented("native raise")
        vtype = self._pop_reg(self.as_.REG_ARG_1)
        if vtype != VTYPE_PYOBJ:
            self._viper_error("must raise an object")
        self._call(fun.NATIVE_RAISE)
        self.as_.suppress_code()

    def yield_(self, kind: int) -> None:
        a = self.as_
        if self.do_viper_types:
            self._not_implemented("native yield")
        slots = self._labels(3)
        self.scope.scope_flags |= SCOPE_FLAG_GENERATOR
        self._need_stack_settled()
        if kind == YIELD_FROM:
            self.jump(slots[2])
            self.label_assign(slots[1])
        self._stack_pointer_for_pop(a.REG_TEMP0, 1)
        self._mov_state_reg(OFFSETOF_CODE_STATE_SP, a.REG_TEMP0)
        a.mov_reg_imm(a.REG_TEMP0, VM_RETURN_YIELD)
        a.mov_local_reg(self._idx_ret_val, a.REG_TEMP0)
        a.mov_reg_pcrel(a.REG_TEMP0, slots[0])
        self._mov_state_reg(self._idx_gen_pc, a.REG_TEMP0)
        a.jump(self.exit_label)
        a.label_assign(slots[0])
        for e in reversed(self.exc_stack):
            if e.is_active:
                a.mov_reg_pcrel(a.REG_RET, e.label)
                a.mov_local_reg(self._idx_exc_handler_pc, a.REG_RET)
                break
        self.adjust_stack_size(1)
        if kind == YIELD_VALUE:
            a.mov_reg_local(a.REG_ARG_1, self._idx_throw_val)
            self._mov_local_null(self._idx_throw_val, a.REG_ARG_2)
            self._call(fun.NATIVE_RAISE)
        else:
            self.label_assign(slots[2])
            a.mov_reg_local(a.REG_ARG_3, self._idx_throw_val)
            a.mov_reg_imm(a.REG_ARG_2, 0)
            a.mov_local_reg(self._idx_throw_val, a.REG_ARG_2)
            self._pop_reg(a.REG_ARG_2)
            self._access_stack(1, a.REG_ARG_1)
            self._push_reg(VTYPE_PYOBJ, a.REG_ARG_3)
            self._stack_pointer_for_pop(a.REG_ARG_3, 1)
            self._call(fun.NATIVE_YIELD_FROM)
            a.jump_if_reg_nonzero(a.REG_RET, slots[1], True)
            self.adjust_stack_size(1)
            self._fold_stack_top(a.REG_ARG_1)

    def start_except_handler(self) -> None:
        self._leave_exc_stack(True)
        self.as_.mov_reg_local(self.as_.REG_TEMP0, self._idx_exc_val)
        self._push_reg(VTYPE_PYOBJ, self.as_.REG_TEMP0)

    def end_except_handler(self) -> None:
        pass


def strip_break(label):
    if isinstance(label, int):
        return label & ~BREAK_FROM_FOR
    return label
