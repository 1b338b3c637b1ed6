"""Opcode handlers: loads of constants, names, attributes and items; stack shuffles."""

from __future__ import annotations


from mpt.mpy import opcodes as oc
from mpt.mpy.decode import Instruction
from mpt.runtime.vm import excattrs, genclose, pendthrow, slicing
from mpt.runtime.vm.hashorder import ORDER_METHODS
from mpt import float32
from mpt.runtime.vm.objects import ROUTED_ATTRS
from mpt.runtime.vm.translate.dispatch import handles
from mpt.runtime.vm.translate.item import Item, plain_name
from mpt.runtime.vm.translate.parts import TranslatorParts


# Attribute names always checked at run time (see helpers.guarded_getattr).
_RISKY_ATTRS = {"format", "format_map", "mro"}
_RISKY_PREFIXES = ("_", "gi_", "cr_", "ag_", "f_", "tb_", "co_")


class LoadOps(TranslatorParts):
    """Loads and stack shuffles."""

    def attr_is_static(self, attr: str) -> bool:
        return (plain_name(attr) and not attr.startswith(_RISKY_PREFIXES)
                and attr not in _RISKY_ATTRS)

    def attr_code(self, obj: Item, attr: str) -> str:
        if attr == "close" or attr == "throw":
            return f"{self.bind_once('_mhCA', genclose.attr)}({self.value_code(obj)}, {attr!r})"
        if attr == "pend_throw":
            return f"{self.bind_once('_mhPA', pendthrow.pend_throw_attr)}({self.value_code(obj)})"
        if attr in excattrs.ALIASED:  # an exception's first argument (see excattrs)
            return (f"{self.bind_once('_mhXA', excattrs.exception_attr)}"
                    f"({self.value_code(obj)}, {attr!r})")
        if attr in ROUTED_ATTRS:  # a builtin type's host-only method must not be found
            return f"{self.helper('_mh_battr')}({self.value_code(obj)}, {attr!r})"
        if attr in ORDER_METHODS:  # set/dict changes that depend on MicroPython's table order
            return f"{self.helper('_mh_setmethod')}({self.value_code(obj)}, {attr!r})"
        if self.attr_is_static(attr):
            return f"{self.paren(obj)}.{attr}"
        if self.attr_is_private(attr) and obj.pure and obj.kind == "val":
            # guest instances may use their own _names directly; anything else is checked
            return (f"({self.paren(obj)}.{attr} if {self.guest_test(obj)} else "
                    f"{self.helper('_mh_getattr')}({obj.code}, {attr!r}))")
        return f"{self.helper('_mh_getattr')}({self.value_code(obj)}, {attr!r})"

    def guest_test(self, obj: Item) -> str:
        """The test that ``obj`` (a pure value) is an instance of a guest class, whose
        attributes translated code reads and writes directly. For a parameter the body never
        rebinds (``self``, mostly) it is a flag set once on entry (core.assemble)."""
        i = self.fixed_params.get(obj.code)
        if i is not None:
            self.guest_flags.add(i)
            return f"_mG{i}"
        return f"{self.helper('_mh_type')}({obj.code}) in {self.helper('_mh_guest_types')}"

    @staticmethod
    def attr_is_private(attr: str) -> bool:
        return (attr.startswith("_") and not attr.endswith("__") and plain_name(attr)
                and not attr.startswith("_m"))

    @handles("LOAD_CONST_FALSE")
    def op_load_const_false(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        stack.append(self.const_item(False))
        return False

    @handles("LOAD_CONST_NONE")
    def op_load_const_none(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        stack.append(self.const_item(None))
        return False

    @handles("LOAD_CONST_TRUE")
    def op_load_const_true(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        stack.append(self.const_item(True))
        return False

    @handles("LOAD_CONST_SMALL_INT")
    def op_load_const_small_int(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        stack.append(self.const_item(ins.arg))
        return False

    @handles("LOAD_CONST_SMALL_INT_MULTI")
    def op_load_const_small_int_multi(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        stack.append(self.const_item(oc.small_int_multi_value(ins.code)))
        return False

    @handles("LOAD_CONST_STRING")
    def op_load_const_string(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        q = self.qstrs
        stack.append(self.const_item(q[ins.arg]))
        return False

    @handles("LOAD_CONST_OBJ")
    def op_load_const_obj(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        value = self.module.objects[ins.arg]
        if self.float_round and self.module.float_bits != 32:  # a .mpy file's text
            value = float32.stored_constant(value)
        stack.append(self.const_item(value))
        return False

    @handles("LOAD_NULL")
    def op_load_null(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        stack.append(Item("None", pure=True, kind="null"))
        return False

    @handles("LOAD_FAST_N", "LOAD_FAST_MULTI")
    def op_load_fast(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        i = ins.arg if name == "LOAD_FAST_N" else ins.code - oc.LOAD_FAST_MULTI
        nm = self.local(i)
        stack.append(Item(nm, pure=True, names=frozenset([nm])))
        return False

    @handles("LOAD_DEREF")
    def op_load_deref(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        stack.append(Item(f"{self.local(ins.arg)}.cell_contents"))
        return False

    @handles("LOAD_NAME", "LOAD_GLOBAL")
    def op_load_name(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        q = self.qstrs
        nm = q[ins.arg]
        if name == "LOAD_NAME" and self.names_mode == "dict":
            stack.append(Item(f"(_mN[{nm!r}] if {nm!r} in _mN else {self.name_load(nm)})"))
        else:
            stack.append(Item(self.name_load(nm)))
        stack[-1].callee = nm
        return False

    @handles("LOAD_ATTR", "LOAD_METHOD")
    def op_load_attr(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        q = self.qstrs
        (obj,) = self.pop(stack, 1)
        attr = q[ins.arg]
        code = self.attr_code(obj, attr)
        stack.append(self.expr(code, obj))
        if name == "LOAD_METHOD":
            stack[-1].callee = "." + attr
            if code.startswith("_mh_setmethod("):
                stack[-1].receiver = self.value_code(obj)
                stack[-1].receiver_pure = obj.pure and obj.kind == "val"
            stack.append(Item("None", pure=True, kind="self"))
        return False

    @handles("LOAD_SUPER_METHOD")
    def op_load_super_method(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        q = self.qstrs
        h = self.helper
        _sup, cls, slf = self.pop(stack, 3)
        attr = q[ins.arg]
        stack.append(self.expr(f"{h('_mh_super_attr')}({cls.code}, {slf.code}, {attr!r})",
                               cls, slf))
        stack.append(Item("None", pure=True, kind="self"))
        return False

    @handles("LOAD_BUILD_CLASS")
    def op_load_build_class(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        stack.append(Item(f"{h('_mh_build_class')}()"))
        return False

    @handles("LOAD_SUBSCR")
    def op_load_subscr(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        obj, index = self.pop(stack, 2)
        if index.stepped:
            fn = self.bind_once("_mhSL", slicing.load)
            stack.append(self.expr(f"{fn}({self.value_code(obj)}, {index.code})",
                                   obj, index))
        elif index.kind == "slice":
            stack.append(self.expr(f"{self.paren(obj)}[{index.const}]", obj, index))
        else:
            stack.append(self.expr(f"{self.paren(obj)}[{self.value_code(index)}]",
                                   obj, index))
        return False

    @handles("DUP_TOP")
    def op_dup_top(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        self.make_pure_top(stack, 1, ind)
        stack.append(stack[-1])
        return False

    @handles("DUP_TOP_TWO")
    def op_dup_top_two(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        self.make_pure_top(stack, 2, ind)
        stack.extend(stack[-2:])
        return False

    @handles("POP_TOP")
    def op_pop_top(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        (val,) = self.pop(stack, 1)
        reads_local = val.pure and val.names and not val.code.startswith("_mS")
        if (not val.pure or reads_local) and val.kind in ("val", "dict", "slice"):
            self.before_stmt(stack, ind)
            self.emit(ind, self.value_code(val))
        return False

    @handles("ROT_TWO")
    def op_rot_two(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        self.rotate(stack, ind, [1, 0])
        return False

    @handles("ROT_THREE")
    def op_rot_three(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        self.rotate(stack, ind, [2, 0, 1])
        return False
