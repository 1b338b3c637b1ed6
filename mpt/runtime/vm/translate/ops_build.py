"""Opcode handlers: building and unpacking collections, functions, imports, unary operators."""

from __future__ import annotations

from mpt.mpy import opcodes as oc
from mpt.mpy.decode import Instruction
from mpt.runtime.vm import slicing
from mpt.runtime.vm.translate.dispatch import handles
from mpt.runtime.vm.translate.item import Item, plain_name
from mpt.runtime.vm.translate.parts import TranslatorParts


_UNOPS = {"POSITIVE": "+", "NEGATIVE": "-", "INVERT": "~", "NOT": "not "}


class BuildOps(TranslatorParts):
    """Collections, functions, imports and unary operators."""

    @handles("BUILD_TUPLE")
    def op_build_tuple(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        items = self.pop(stack, ins.arg)
        codes = [self.value_code(i) for i in items]
        code = "(" + ", ".join(codes) + ("," if len(codes) == 1 else "") + ")"
        stack.append(self.expr(code, *items))
        return False

    @handles("BUILD_LIST")
    def op_build_list(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        items = self.pop(stack, ins.arg)
        stack.append(self.expr("[" + ", ".join(self.value_code(i) for i in items) + "]",
                               *items))
        return False

    @handles("BUILD_SET")
    def op_build_set(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        items = self.pop(stack, ins.arg)
        if len(items) >= 2:  # remember size and order of the literal (hashorder)
            code = f"{h('_mh_set_literal')}({', '.join(self.value_code(i) for i in items)})"
        else:
            code = "{" + ", ".join(self.value_code(i) for i in items) + "}" if items \
                else "{*()}"
        stack.append(self.expr(code, *items))
        return False

    @handles("BUILD_MAP")
    def op_build_map(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        stack.append(Item("{}", kind="dict", dict_entries=[], const=ins.arg))
        return False

    @handles("STORE_MAP")
    def op_store_map(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        val, key = self.pop(stack, 2)
        target = stack[-1]
        if target.kind == "dict" and key.pure and len(target.dict_entries) < 200:
            target.dict_entries.append((self.value_code(key), self.value_code(val)))
            target.nest = max(target.nest, val.nest + 1)
            target.code = self.dict_code(target)
        else:
            self.materialize(stack, ind)
            self.emit(ind, f"{stack[-1].code}[{self.value_code(key)}] = "
                           f"{self.value_code(val)}")
        return False

    @handles("BUILD_SLICE")
    def op_build_slice(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        items = self.pop(stack, ins.arg)
        codes = [self.value_code(i) for i in items]
        start = items[0]
        small_start = start.is_const and (start.const is None or type(start.const) is int
                                          and start.const <= slicing.MEMVIEW_OFFSET_MAX)
        stack.append(Item(f"{h('_mh_slice')}({', '.join(codes)})", kind="slice",
                          const=":".join(codes), nest=1 + max(i.nest for i in items),
                          stepped=ins.arg == 3 or not small_start))
        return False

    @handles("STORE_COMP")
    def op_store_comp(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        kind = ins.arg & 3
        n_pop = 2 if kind == 1 else 1
        vals = self.pop(stack, n_pop)
        pos = len(stack) + n_pop - 1 - (ins.arg >> 2)
        self.materialize(stack, ind)
        coll = stack[pos].code
        if kind == 0:
            self.emit(ind, f"{coll}.append({self.value_code(vals[0])})")
        elif kind == 1:
            value, key = vals
            self.emit(ind, f"{coll}[{self.value_code(key)}] = {self.value_code(value)}")
        else:
            self.emit(ind, f"{h('_mh_set_add')}({coll}, {self.value_code(vals[0])})")
        return False

    @handles("UNPACK_SEQUENCE")
    def op_unpack_sequence(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        (seq,) = self.pop(stack, 1)
        self.before_stmt(stack, ind)
        base = len(stack)
        n = ins.arg
        targets = [self.slot(base + n - 1 - j) for j in range(n)]
        tcode = (", ".join(targets) + ("," if n == 1 else "")) if n else "[]"
        seq_code = self.value_code(seq)
        if seq.pure and plain_name(seq_code):  # a tuple needs no reordering (hashorder)
            self.emit(ind, f"{tcode} = {seq_code} if {h('_mh_type')}({seq_code}) is "
                           f"{h('_mh_tuple')} else {h('_mh_ordered')}({seq_code})")
        else:
            self.emit(ind, f"{tcode} = {h('_mh_ordered')}({seq_code})")
        for j in range(n):
            sn = self.slot(base + j)
            stack.append(Item(sn, pure=True, names=frozenset([sn])))
        return False

    @handles("UNPACK_EX")
    def op_unpack_ex(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        (seq,) = self.pop(stack, 1)
        self.before_stmt(stack, ind)
        base = len(stack)
        nl, nr = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF
        targets = [self.slot(base + nr + 1 + (nl - 1 - j)) for j in range(nl)]
        targets.append("*" + self.slot(base + nr))
        targets += [self.slot(base + nr - 1 - j) for j in range(nr)]
        seq_code = f"{h('_mh_ordered')}({self.value_code(seq)})"
        self.emit(ind, f"{', '.join(targets)}, = {seq_code}"
                  if len(targets) == 1 else f"{', '.join(targets)} = {seq_code}")
        for j in range(nl + nr + 1):
            sn = self.slot(base + j)
            stack.append(Item(sn, pure=True, names=frozenset([sn])))
        return False

    @handles("MAKE_FUNCTION", "MAKE_FUNCTION_DEFARGS", "MAKE_CLOSURE", "MAKE_CLOSURE_DEFARGS")
    def op_make_function(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        name = ins.name
        h = self.helper
        n_closed = ins.extra if name.startswith("MAKE_CLOSURE") else 0
        cells = self.pop(stack, n_closed)
        factory = self.bind("_mF", self.child_factory(ins.arg, n_closed))
        code = f"{factory}({', '.join(self.value_code(c) for c in cells)})"
        if name.endswith("DEFARGS"):
            tup, dct = self.pop(stack, 2)
            code = f"{h('_mh_defaults')}({code}, {self.value_code(tup)}, " \
                   f"{self.value_code(dct)})"
            stack.append(self.expr(code, tup, dct, *cells))
        else:
            stack.append(self.expr(code, *cells))
        return False

    @handles("IMPORT_NAME")
    def op_import_name(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        q = self.qstrs
        h = self.helper
        level, fromlist = self.pop(stack, 2)
        self.before_stmt(stack, ind)
        stack.append(Item(f"{h('_mh_import')}({q[ins.arg]!r}, {self.value_code(fromlist)}, "
                          f"{self.value_code(level)}, _mhG)"))
        return False

    @handles("IMPORT_FROM")
    def op_import_from(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        q = self.qstrs
        h = self.helper
        self.materialize(stack, ind)
        mod = stack[-1]
        stack.append(Item(f"{h('_mh_import_from')}({mod.code}, {q[ins.arg]!r})"))
        return False

    @handles("IMPORT_STAR")
    def op_import_star(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        h = self.helper
        (mod,) = self.pop(stack, 1)
        self.before_stmt(stack, ind)
        target = "_mN" if self.names_mode == "dict" else "_mhG"
        self.emit(ind, f"{h('_mh_import_star')}({self.value_code(mod)}, {target})")
        return False

    @handles("UNARY_OP_MULTI")
    def op_unary_op(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        (val,) = self.pop(stack, 1)
        op = oc.UNARY_OPS[ins.code - oc.UNARY_OP_MULTI]
        stack.append(self.expr(f"({_UNOPS[op]}{self.paren(val)})", val))
        return False
