"""Viper functions: the typed operations, translated with machine-word semantics.

A viper function compiled for the emulated board is bytecode plus a table (its raw code's
``board_native``, from mpt.crosscompile.native.board) of the instructions whose operands the
native emitter typed: for those the translator emits what the machine code does instead of
the object operation. Integers wrap at the word size, ``>>`` is arithmetic on ``int`` and logical
on ``uint``, comparisons are signed or unsigned by type, ``//`` and ``%`` are MicroPython's
small-int ones, ``p[i]`` on a pointer loads or stores memory, ``int(x)``, ``ptr8(x)`` & co.
are casts, typed parameters are converted on entry. The values' representation is described
in mpt.runtime.vm.viper.
"""

from __future__ import annotations

from mpt.mpy import opcodes as oc
from mpt.mpy.decode import Instruction
from mpt.mpy.prelude import SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS
from mpt.runtime.vm import viper as vp
from mpt.runtime.vm.translate.item import Item
from mpt.runtime.vm.translate.parts import TranslatorParts

_SUBSCR_LOAD = 0
_TYPED_INTS = (vp.VTYPE_INT, vp.VTYPE_UINT)
_ARITH = {"OR": "|", "XOR": "^", "AND": "&", "ADD": "+", "SUBTRACT": "-", "MULTIPLY": "*"}
_COMPARE = {"LESS": "<", "MORE": ">", "EQUAL": "==", "LESS_EQUAL": "<=", "MORE_EQUAL": ">=",
            "NOT_EQUAL": "!="}


class ViperOps(TranslatorParts):
    """Mixin of FunctionTranslator: ``viper_op`` translates one typed instruction."""

    # the board's address space (mpt.runtime.vm.viper.Memory), set by the loader
    native_memory: vp.Memory | None = None

    def viper_helpers(self) -> dict:
        made = self.__dict__.get("_viper_helpers")
        if made is None:
            memory = self.native_memory
            if memory is None:  # translated without a board: an address space of its own
                memory = vp.Memory(self.rc.board_native.word_bits, {})
            made = self._viper_helpers = vp.make_helpers(memory)
        return made

    def viper_helper(self, name: str) -> str:
        return self.bind_once(f"_mhV{name}", self.viper_helpers()[name])

    def wrap(self, code: str, vtype: int) -> str:
        """Python for ``code`` (an int) as a machine word of ``vtype``."""
        bits = self.rc.board_native.word_bits
        mask = (1 << bits) - 1
        if vtype == vp.VTYPE_INT:
            half = 1 << (bits - 1)
            return f"((({code}) + {half:#x} & {mask:#x}) - {half:#x})"
        return f"(({code}) & {mask:#x})"

    def viper_fixed_args(self) -> bool:
        """A viper function takes exactly its positional parameters: no keywords, no defaults
        (py/emitnative.c checks them with mp_arg_check_num)."""
        p = self.prelude
        return (self.viper_ops is not None and not p.n_kwonly_args and not self.n_free
                and not p.scope_flags & (SCOPE_FLAG_VARARGS | SCOPE_FLAG_VARKEYWORDS))

    def viper_arg_conversions(self, ind: int) -> None:
        """The arguments as viper's entry code takes them: their number checked, typed
        parameters converted from the objects the caller passed."""
        if self.viper_fixed_args():
            n = self.prelude.n_pos_args
            error = self.bind_once("_mhVT", TypeError)
            no_keywords = "function doesn't take keyword arguments"
            self.emit(ind, f"if _mVK: raise {error}({no_keywords!r})")
            self.emit(ind, f"if len(_mVA) != {n}: raise {error}('function takes {n} positional "
                           f"arguments but %d were given' % len(_mVA))")
            if n:
                names = ", ".join(self.local(i) for i in range(n))
                self.emit(ind, f"{names}{',' if n == 1 else ''} = _mVA")
        convert = None
        for local_num, vtype in sorted(self.rc.board_native.arg_types.items()):
            convert = convert or self.viper_helper("convert")
            nm = self.local(local_num)
            self.emit(ind, f"{nm} = {convert}({nm}, {vtype})")

    def viper_op(self, ins: Instruction, stack: list[Item], ind: int, entry: tuple) -> bool:
        """Translate ``ins``; returns None when it is the plain object operation after all,
        else whether it ends the block (as the handlers do)."""
        kind = entry[0]
        if kind == "binary_op":
            return self._viper_binary(ins, stack, entry[2], entry[3])
        if kind == "unary_op":
            return self._viper_unary(ins, stack, entry[2])
        if kind == "subscr":
            return self._viper_subscr(stack, ind, entry[1], entry[2], entry[4])
        if kind == "call_function":
            return self._viper_cast(stack, entry[1], entry[2])
        return self._viper_return(stack, entry[1])

    def _viper_binary(self, ins, stack, lt: int, rt: int):
        if lt not in _TYPED_INTS or rt not in _TYPED_INTS:
            return None
        op = oc.BINARY_OPS[ins.code - oc.BINARY_OP_MULTI]
        if op.startswith("INPLACE_"):
            op = op[len("INPLACE_"):]
        lhs, rhs = self.pop(stack, 2)
        a, b = f"({self.value_code(lhs)})", f"({self.value_code(rhs)})"
        bits = self.rc.board_native.word_bits
        count = 63 if bits == 64 else 255  # the bits of the count the shift uses (x64, ARM)
        if op in _ARITH:
            code = self.wrap(f"{a} {_ARITH[op]} {b}", lt)
        elif op in _COMPARE:
            code = f"({a} {_COMPARE[op]} {b})"
        elif op == "LSHIFT":
            code = self.wrap(f"{a} << ({b} & {count})", lt)
        elif op == "RSHIFT":
            code = self.wrap(f"{a} >> ({b} & {count})", lt)
        else:  # FLOOR_DIVIDE, MODULO: on signed words (mp_small_int_floor_divide/modulo)
            sym = "//" if op == "FLOOR_DIVIDE" else "%"
            code = self.wrap(f"{a} {sym} {self.wrap(b, vp.VTYPE_INT)}", vp.VTYPE_INT)
        stack.append(self.expr(code, lhs, rhs))
        return False

    def _viper_unary(self, ins, stack, vtype: int):
        if vtype not in _TYPED_INTS:
            return None
        op = oc.UNARY_OPS[ins.code - oc.UNARY_OP_MULTI]
        (val,) = self.pop(stack, 1)
        code = f"({self.value_code(val)})"
        if op == "NEGATIVE":
            code = self.wrap(f"-{code}", vtype)
        elif op == "INVERT":
            code = self.wrap(f"~{code}", vtype)
        stack.append(self.expr(code, val))
        return False

    def _viper_subscr(self, stack, ind: int, kind: int, base_vt: int, value_vt: int):
        if base_vt not in vp.SIZES:
            return None
        if kind == _SUBSCR_LOAD:
            base, index = self.pop(stack, 2)
            stack.append(self.expr(f"{self.viper_helper('load')}({base_vt}, "
                                   f"{self.value_code(base)}, {self.value_code(index)})",
                                   base, index))
            return False
        val, base, index = self.pop(stack, 3)
        self.before_stmt(stack, ind)
        self.emit(ind, f"{self.viper_helper('store')}({base_vt}, {self.value_code(base)}, "
                       f"{self.value_code(index)}, {self.value_code(val)})")
        return False

    def _viper_cast(self, stack, cast: int, arg_vt: int):
        if cast < 0:
            return None
        fn, arg = self.pop(stack, 2)
        stack.append(self.expr(f"{self.viper_helper('cast')}({self.value_code(arg)}, "
                               f"{arg_vt}, {cast})", fn, arg))
        return False

    def _viper_return(self, stack, vt: int):
        rtype = self.rc.board_native.return_type
        if vt == vp.VTYPE_PTR_NONE and rtype != vp.VTYPE_PYOBJ:
            # a bare return (or None) from a function typed to return a machine value
            self.pop(stack, 1)
            stack.append(self.const_item(False if rtype == vp.VTYPE_BOOL else 0))
        return None
