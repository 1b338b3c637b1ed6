"""Opcode handlers: jumps, exception handlers, with, iteration, return, raise and yield."""

from __future__ import annotations

from mpt.mpy.decode import Instruction
from mpt.runtime.vm.translate.dispatch import handles
from mpt.runtime.vm.translate.item import Item
from mpt.runtime.vm.translate.parts import TranslatorParts
from mpt.runtime.vm.translate.stack import ITER_NSLOTS


class FlowOps(TranslatorParts):
    """Control flow."""

    @handles("JUMP")
    def op_jump(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        self.materialize(stack, ind)
        self.jump(ind, ins.arg, ins.offset)
        return True

    @handles("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE")
    def op_pop_jump_if(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        (cond,) = self.pop(stack, 1)
        self.materialize(stack, ind)
        test = self.value_code(cond)
        if name == "POP_JUMP_IF_FALSE":
            test = f"not {self.paren(cond)}"
        self.emit(ind, f"if {test}:")
        self.jump(ind + 1, ins.arg, ins.offset)
        self.emit(ind, "else:")
        self.jump(ind + 1, ins.end, ins.offset)
        return True

    @handles("JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP")
    def op_jump_if_or_pop(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        self.materialize(stack, ind)
        top = self.slot(len(stack) - 1)
        test = top if name == "JUMP_IF_TRUE_OR_POP" else f"not {top}"
        self.emit(ind, f"if {test}:")
        self.jump(ind + 1, ins.arg, ins.offset)
        self.emit(ind, "else:")
        self.jump(ind + 1, ins.end, ins.offset)
        return True

    @handles("SETUP_EXCEPT", "SETUP_FINALLY")
    def op_setup_block(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        self.materialize(stack, ind)
        self.emit(ind, f"_mH.append([{ins.arg}, {name == 'SETUP_FINALLY'}, None])")
        return False

    @handles("SETUP_WITH")
    def op_setup_with(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        (mgr,) = self.pop(stack, 1)
        self.materialize(stack, ind)
        d = len(stack)
        self.emit(ind, f"{self.slot(d)} = {self.value_code(mgr)}")
        self.emit(ind, f"{self.slot(d)}, {self.slot(d + 2)} = "
                       f"{h('_mh_with_enter')}({self.slot(d)})")
        self.emit(ind, f"_mH.append([{ins.arg}, True, None])")
        stack.append(Item(self.slot(d), pure=True, names=frozenset([self.slot(d)])))
        stack.append(Item("None", pure=True, kind="null"))
        stack.append(Item(self.slot(d + 2), pure=True, names=frozenset([self.slot(d + 2)])))
        return False

    @handles("WITH_CLEANUP")
    def op_with_cleanup(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        self.materialize(stack, ind)
        d = len(stack)
        self.emit(ind, f"{self.slot(d - 3)} = {h('_mh_with_cleanup')}({self.slot(d - 3)}, "
                       f"{self.slot(d - 1)})")
        self.pop(stack, 2)
        return False

    @handles("UNWIND_JUMP")
    def op_unwind_jump(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        self.materialize(stack, ind)
        self.emit(ind, f"_mV = {h('_mh_UnwindJump')}({ins.arg}, {ins.extra & 0x7F})")
        self.emit_unwind(ind, ins.offset, f"_mB = {ins.arg}", ins.arg <= ins.offset)
        return True

    @handles("END_FINALLY")
    def op_end_finally(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        self.materialize(stack, ind)
        d = len(stack)
        top = self.slot(d - 1)
        self.no_tb_ips.add(ins.offset)
        self.emit(ind, f"{self.helper('_mh_pop_block')}(_mH)")
        self.emit(ind, f"if {top} is not None:")
        self.emit(ind + 1, f"_mV = {top}")
        self.emit(ind + 1, f"if {h('_mh_type')}(_mV) is {h('_mh_UnwindJump')}:")
        self.emit_unwind(ind + 2, ins.offset, "_mB = _mV.dest", True)
        self.emit(ind + 1, f"elif {h('_mh_type')}(_mV) is {h('_mh_UnwindReturn')}:")
        self.emit_unwind(ind + 2, ins.offset, "return _mV.value", False)
        self.emit(ind + 1, "else:")
        self.emit(ind + 2, "raise _mV")
        self.pop(stack, 1)
        return False

    @handles("GET_ITER")
    def op_get_iter(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        (obj,) = self.pop(stack, 1)
        stack.append(self.expr(f"{h('_mh_iter')}({self.value_code(obj)})", obj))
        return False

    @handles("GET_ITER_STACK")
    def op_get_iter_stack(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        (obj,) = self.pop(stack, 1)
        self.before_stmt(stack, ind)
        d = len(stack)
        if ins.end in self.loops and self.loops[ins.end].test < 0:  # (translate/loops.py)
            self.emit(ind, f"{self.slot(d)} = {h('_mh_loop_iter')}({self.value_code(obj)})")
        else:
            self.emit(ind, f"{self.slot(d)} = {h('_mh_iter')}({self.value_code(obj)}).__next__")
        for i in range(ITER_NSLOTS):
            sn = self.slot(d)
            stack.append(Item(sn, pure=True, names=frozenset([sn])) if i == 0
                         else Item("None", pure=True, kind="null"))
        return False

    @handles("FOR_ITER")
    def op_for_iter(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        self.materialize(stack, ind)
        d = len(stack)
        self.emit(ind, "try:")
        self.emit(ind + 1, f"{self.slot(d)} = {self.slot(d - ITER_NSLOTS)}()")
        self.emit(ind, f"except {h('_mh_StopIteration')}:")
        self.emit(ind + 1, f"_mB = {ins.arg}")
        if ins.arg <= ins.offset:
            self.emit(ind + 1, "continue")
        self.emit(ind, "else:")
        self.emit(ind + 1, f"_mB = {ins.end}")
        return True

    @handles("POP_EXCEPT_JUMP")
    def op_pop_except_jump(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        self.materialize(stack, ind)
        self.emit(ind, f"{self.helper('_mh_pop_block')}(_mH)")
        self.jump(ind, ins.arg, ins.offset)
        return True

    @handles("RETURN_VALUE")
    def op_return_value(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        (val,) = self.pop(stack, 1)
        self.before_stmt(stack, ind)
        if self.has_finally:
            self.emit(ind, f"_mV = {h('_mh_UnwindReturn')}({self.value_code(val)})")
            self.emit_unwind(ind, ins.offset, "return _mV.value", False)
        else:
            self.emit(ind, f"return {self.value_code(val)}")
        return True

    @handles("RAISE_LAST")
    def op_raise_last(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        self.materialize(stack, ind)
        self.no_tb_ips.add(ins.offset)
        self.emit(ind, f"raise {h('_mh_raise_last')}({'_mH' if self.has_handlers else '[]'})")
        return True

    @handles("RAISE_OBJ", "RAISE_FROM")
    def op_raise_obj(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        h = self.helper
        if name == "RAISE_FROM":
            exc, cause = self.pop(stack, 2)
            self.before_stmt(stack, ind)
            self.emit(ind, f"raise {h('_mh_make_raise')}({self.value_code(exc)}, "
                           f"{self.value_code(cause)})")
        else:
            (exc,) = self.pop(stack, 1)
            self.before_stmt(stack, ind)
            self.emit(ind, f"raise {h('_mh_make_raise')}({self.value_code(exc)})")
        return True

    @handles("YIELD_VALUE")
    def op_yield_value(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        (val,) = self.pop(stack, 1)
        self.materialize(stack, ind)
        d = len(stack)
        self.emit(ind, f"{self.slot(d)} = yield {self.value_code(val)}")
        self.emit(ind, self.pend_check())
        sn = self.slot(d)
        stack.append(Item(sn, pure=True, names=frozenset([sn])))
        return False

    @handles("YIELD_FROM")
    def op_yield_from(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        it, _send = self.pop(stack, 2)
        self.materialize(stack, ind)
        d = len(stack)
        self.emit(ind, f"{self.slot(d)} = yield from {self.paren(it)}")
        sn = self.slot(d)
        stack.append(Item(sn, pure=True, names=frozenset([sn])))
        return False
