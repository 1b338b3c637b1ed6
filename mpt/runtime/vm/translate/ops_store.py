"""Opcode handlers: stores and deletions of locals, cells, names, attributes and items."""

from __future__ import annotations

from mpt.mpy import opcodes as oc
from mpt.mpy.decode import Instruction
from mpt.runtime.vm import slicing
from mpt.runtime.vm.translate.dispatch import handles
from mpt.runtime.vm.translate.item import Item
from mpt.runtime.vm.translate.parts import TranslatorParts


class StoreOps(TranslatorParts):
    """Stores and deletions."""

    @handles("STORE_FAST_N", "STORE_FAST_MULTI")
    def op_store_fast(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        i = ins.arg if name == "STORE_FAST_N" else ins.code - oc.STORE_FAST_MULTI
        nm = self.local(i)
        (val,) = self.pop(stack, 1)
        self.before_stmt(stack, ind, {nm})
        self.emit(ind, f"{nm} = {self.value_code(val)}")
        return False

    @handles("STORE_DEREF")
    def op_store_deref(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        (val,) = self.pop(stack, 1)
        self.before_stmt(stack, ind)
        self.emit(ind, f"{self.local(ins.arg)}.cell_contents = {self.value_code(val)}")
        return False

    @handles("STORE_NAME", "STORE_GLOBAL")
    def op_store_name(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        q = self.qstrs
        nm = q[ins.arg]
        (val,) = self.pop(stack, 1)
        self.before_stmt(stack, ind)
        if name == "STORE_NAME" and self.names_mode == "dict":
            self.emit(ind, f"_mN[{nm!r}] = {self.value_code(val)}")
        elif self.name_load(nm) == nm:
            self.globals_decl.add(nm)
            self.emit(ind, f"{nm} = {self.value_code(val)}")
        else:
            self.emit(ind, f"_mhG[{nm!r}] = {self.value_code(val)}")
        return False

    @handles("STORE_ATTR")
    def op_store_attr(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        q = self.qstrs
        h = self.helper
        val, obj = self.pop(stack, 2)
        self.before_stmt(stack, ind)
        attr = q[ins.arg]
        if val.kind == "null":
            self.emit(ind, f"{h('_mh_delattr')}({obj.code}, {attr!r})")
        elif self.attr_is_private(attr) and obj.pure and obj.kind == "val" and val.pure:
            self.emit(ind, f"if {self.guest_test(obj)}: "
                           f"{self.paren(obj)}.{attr} = {self.value_code(val)}")
            self.emit(ind, f"else: {h('_mh_setattr')}({obj.code}, {attr!r}, "
                           f"{self.value_code(val)})")
        elif self.attr_is_static(attr):
            # only guest instances take a write directly; anything else is checked
            if not (obj.pure and obj.kind == "val" and val.pure):
                self.emit(ind, f"_mA = {self.value_code(val)}")
                val = Item("_mA", pure=True, names=frozenset(["_mA"]))
                if not (obj.pure and obj.kind == "val"):
                    self.emit(ind, f"_mO = {self.value_code(obj)}")
                    obj = Item("_mO", pure=True, names=frozenset(["_mO"]))
            self.emit(ind, f"if {self.guest_test(obj)}: "
                           f"{self.paren(obj)}.{attr} = {self.value_code(val)}")
            self.emit(ind, f"else: {h('_mh_setattr')}({obj.code}, {attr!r}, "
                           f"{self.value_code(val)})")
        else:
            self.emit(ind, f"{h('_mh_setattr')}({obj.code}, {attr!r}, {self.value_code(val)})")
        return False

    @handles("STORE_SUBSCR")
    def op_store_subscr(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        val, obj, index = self.pop(stack, 3)
        self.before_stmt(stack, ind)
        idx = index.const if index.kind == "slice" else self.value_code(index)
        sliced = index.kind == "slice" or index.stepped  # (a stored slot keeps "stepped")
        if sliced and val.kind == "null":
            self.emit(ind, f"{self.bind_once('_mhSD', slicing.delete)}("
                           f"{self.value_code(obj)}, {index.code})")
        elif sliced:
            self.emit(ind, f"{self.bind_once('_mhSS', slicing.store)}("
                           f"{self.value_code(obj)}, {index.code}, {self.value_code(val)})")
        elif val.kind == "null":
            # through a helper: MicroPython's dict order depends on deletions
            self.emit(ind, f"{h('_mh_delitem')}({self.value_code(obj)}, {idx})")
        else:
            self.emit(ind, f"{self.paren(obj)}[{idx}] = {self.value_code(val)}")
        return False

    @handles("DELETE_FAST")
    def op_delete_fast(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        nm = self.local(ins.arg)
        self.before_stmt(stack, ind, {nm})
        self.emit(ind, f"del {nm}")
        return False

    @handles("DELETE_DEREF")
    def op_delete_deref(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        self.before_stmt(stack, ind)
        self.emit(ind, f"{h('_mh_del_deref')}({self.local(ins.arg)})")
        return False

    @handles("DELETE_NAME", "DELETE_GLOBAL")
    def op_delete_name(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        q = self.qstrs
        h = self.helper
        nm = q[ins.arg]
        self.before_stmt(stack, ind)
        if name == "DELETE_NAME" and self.names_mode == "dict":
            self.emit(ind, f"{h('_mh_del_name')}(_mN, {nm!r})")
        elif self.name_load(nm) == nm:
            self.globals_decl.add(nm)
            self.emit(ind, f"del {nm}")
        else:
            self.emit(ind, f"{h('_mh_del_name')}(_mhG, {nm!r})")
        return False
