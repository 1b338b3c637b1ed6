"""Opcode handlers: calls and binary operators."""

from __future__ import annotations


from mpt.errors import MpyFormatError
from mpt.mpy import opcodes as oc
from mpt.mpy.decode import Instruction
from mpt.runtime.vm import hostbuffer
from mpt.runtime.vm.translate.dispatch import handles
from mpt.runtime.vm.translate.item import Item, plain_name
from mpt.runtime.vm.translate.parts import TranslatorParts


BINOPS = {
    "LESS": "<", "MORE": ">", "EQUAL": "==", "LESS_EQUAL": "<=", "MORE_EQUAL": ">=",
    "NOT_EQUAL": "!=", "IN": "in", "IS": "is",
    "OR": "|", "XOR": "^", "AND": "&", "LSHIFT": "<<", "RSHIFT": ">>", "ADD": "+",
    "SUBTRACT": "-", "MULTIPLY": "*", "MAT_MULTIPLY": "@", "FLOOR_DIVIDE": "//",
    "TRUE_DIVIDE": "/", "MODULO": "%", "POWER": "**",
}

# The operators whose result may be a float (a new one, to be rounded on a single-precision
# build); comparisons, bit operations and shifts never make one.
FLOAT_RESULT_OPS = frozenset(("ADD", "SUBTRACT", "MULTIPLY", "TRUE_DIVIDE", "FLOOR_DIVIDE",
                              "MODULO", "POWER"))

# In-place operators MicroPython evaluates as the plain binary operator for every type.
PLAIN_INPLACE = frozenset(("MULTIPLY", "MAT_MULTIPLY", "FLOOR_DIVIDE", "TRUE_DIVIDE", "MODULO",
                           "POWER", "LSHIFT", "RSHIFT"))

# Builtins (by global name) and methods (".name") that consume a whole iterable in its
# iteration order; a dict, dict view or set passed to them is listed in MicroPython's order.
# Chosen by name at translation time; at run time the call goes through one helper that
# reorders the arguments only when the callee really is that builtin (or a str/list method).
ORDER_SENSITIVE_CALLEES = frozenset(
    ("list", "tuple", "enumerate", "zip", "map", "filter", "min", "max", "sum", "any", "all",
     "bytes", "bytearray", "iter", ".join", ".extend", "set", "frozenset"))

# memoryview(x) goes through a helper where the host's buffer protocol misses the objects
# exposing theirs through __buffer__ (hosts before CPython 3.12: see hostbuffer).
VIEW_HELPER = not hostbuffer.HOST_HONOURS_BUFFER


def _is_sequence_constant(item: Item) -> bool:
    """A str, bytes or tuple literal: an operator with one on either side is the sequence's
    (concatenation, repetition) or a guest's reflected method (``__radd__``...), whose
    float results were rounded where that method made them; the host makes no float."""
    return item.is_const and type(item.const) in (str, bytes, tuple)


class CallOps(TranslatorParts):
    """Calls and binary operators."""

    @handles("BINARY_OP_MULTI")
    def op_binary_op(self, ins: Instruction, stack: list[Item], ind: int) -> None:
        op = oc.BINARY_OPS[ins.code - oc.BINARY_OP_MULTI]
        lhs, rhs = self.pop(stack, 2)
        if op == "EXCEPTION_MATCH":
            stack.append(self.expr(f"{self.helper('_mh_exc_match')}({lhs.code}, {rhs.code})",
                                   lhs, rhs))
            return
        if op.startswith("INPLACE_") and op[len("INPLACE_"):] in PLAIN_INPLACE:
            # MicroPython has no in-place form of these (nor __imul__ & co.): always a new value
            op = op[len("INPLACE_"):]
        if op.startswith("INPLACE_"):
            sym = BINOPS[op[len("INPLACE_"):]]
            d = len(stack)
            target = self.slot(d)
            self.before_stmt(stack, ind, {target})
            if lhs.code != target:
                self.emit(ind, f"{target} = {self.value_code(lhs)}")
            rcode = self.inplace_operand(sym, rhs, target, ind, self.slot(d + 1))
            self.emit(ind, f"{target} {sym}= {rcode}")
            self.round_float(ind, target, op[len("INPLACE_"):])
            stack.append(Item(target, pure=True, names=frozenset([target])))
            return
        if op == "MODULO" and self.formats_text(lhs, rhs):
            # "..." % args, b"..." % args: formatted as MicroPython formats them (dict
            # order, reprs, bytes); a number modulo a literal number stays the operator
            helper = "_mh_mod"
            if lhs.is_const:
                helper = "_mh_percent" if type(lhs.const) is str else "_mh_bpercent"
            code = f"{self.helper(helper)}({self.value_code(lhs)}, {self.value_code(rhs)})"
            if self.float_round and helper == "_mh_mod":
                code = self.rounded(code)
            stack.append(self.expr(code, lhs, rhs))
            return
        if op == "ADD" and lhs.is_const and type(lhs.const) is bytes and not rhs.is_const:
            # a bytes literal takes any buffer on the right, a str too
            stack.append(self.expr(f"{self.helper('_mh_bytes_add')}({self.value_code(lhs)}, "
                                   f"{self.value_code(rhs)})", lhs, rhs))
            return
        sym = BINOPS[op]
        code = f"({self.value_code(lhs)} {sym} {self.value_code(rhs)})"
        if self.float_round and op in FLOAT_RESULT_OPS and not (
                _is_sequence_constant(lhs) or _is_sequence_constant(rhs)):
            code = self.rounded(code)
        stack.append(self.expr(code, lhs, rhs))

    def rounded(self, code: str) -> str:
        """``code``'s value as a single-precision build has it: an int result (the common
        case) passes on an inline class test, anything else through the rounding helper
        (which rounds floats and complex numbers and returns other values unchanged)."""
        return f"(_mT if (_mT := {code}).__class__ is {self.helper('_mh_int')} " \
               f"else {self.helper('_mh_f32')}(_mT))"

    def round_float(self, ind: int, target: str, op: str) -> None:
        """After ``target op= ...``: a float result rounded as a single-precision build's."""
        if self.float_round and op in FLOAT_RESULT_OPS:
            self.emit(ind, f"if {target}.__class__ is not {self.helper('_mh_int')}: "
                           f"{target} = {self.helper('_mh_f32')}({target})")

    def inplace_operand(self, sym: str, rhs: Item, target: str, ind: int, spare: str) -> str:
        """The right operand's code for ``target {sym}= rhs``. For ``+=`` it is guarded:
        the host refuses to grow a bytearray by itself (``b += b``), MicroPython extends it
        with its own contents; ``spare`` is a free slot for an operand that is not a name."""
        rcode = self.value_code(rhs)
        if sym != "+" or rhs.is_const:
            return rcode
        if not (rhs.pure and rcode.isidentifier()):
            self.emit(ind, f"{spare} = {rcode}")
            rcode = spare
        return f"({rcode} if {rcode} is not {target} else " \
               f"{self.helper('_mh_own_contents')}({rcode}))"

    @staticmethod
    def formats_text(lhs: Item, rhs: Item) -> bool:
        """Whether ``lhs % rhs`` may format a str or bytes template (a template formatting
        an int literal prints it as the host does; a float literal, as MicroPython does)."""
        if lhs.is_const:
            return type(lhs.const) in (str, bytes)
        return not (rhs.is_const and type(rhs.const) is int)

    @handles("CALL_FUNCTION", "CALL_FUNCTION_VAR_KW", "CALL_METHOD",
             "CALL_METHOD_VAR_KW")
    def op_call(self, ins: Instruction, stack: list[Item], ind: int) -> None:
        name = ins.name
        n_pos = ins.arg & 0xFF
        n_kw = (ins.arg >> 8) & 0xFF
        var = name.endswith("VAR_KW")
        bitmap = 0
        if var:
            (bm,) = self.pop(stack, 1)
            if not bm.is_const or not isinstance(bm.const, int):
                raise MpyFormatError("non-constant star-args bitmap")
            bitmap = bm.const
        kw_items = self.pop(stack, 2 * n_kw)
        pos_items = self.pop(stack, n_pos)
        if n_kw:
            self.keyword_call_lines.add(self.prelude.source_line(ins.offset))
        if name.startswith("CALL_METHOD"):
            fn, _self = self.pop(stack, 2)
        else:
            (fn,) = self.pop(stack, 1)
        args = []
        ordered = fn.callee in ORDER_SENSITIVE_CALLEES
        for i, it in enumerate(pos_items):
            code = self.value_code(it)
            if (bitmap >> i) & 1:
                code = "*" + code
            args.append(code)
        named: set[str] = set()
        for i in range(n_kw):
            key, val = kw_items[2 * i], kw_items[2 * i + 1]
            if key.kind == "null":  # **mapping: its keys are interned as keyword names
                args.append(f"**{self.helper('_mh_kwargs')}({self.value_code(val)})")
            elif key.is_const and isinstance(key.const, str) and plain_name(key.const) \
                    and key.const not in named:
                # (a repeated name goes through ** below: a run-time error, not CPython's
                # syntax error, as MicroPython compiles it)
                named.add(key.const)
                args.append(f"{key.const}={self.value_code(val)}")
            else:
                args.append(f"**{{{self.value_code(key)}: {self.value_code(val)}}}")
        if fn.callee in ("str", "bytes") and not name.startswith("CALL_METHOD"):
            # str(x) prints x as MicroPython does; neither takes keywords
            one = fn.callee == "str" and len(args) == 1 and not n_kw and not var
            args.insert(0, self.value_code(fn))
            fcode = self.helper("_mh_str_of" if one else "_mh_text")  # (str(x): no *args)
        elif fn.callee == "float" and not name.startswith("CALL_METHOD"):
            args.insert(0, self.value_code(fn))
            fcode = self.helper("_mh_float")
        elif VIEW_HELPER and fn.callee == "memoryview" and not name.startswith("CALL_METHOD"):
            if len(pos_items) == 1 and not n_kw and not var:
                # the common case inline: a host buffer's view needs no helper (the argument
                # is evaluated before the name, which is a global's load)
                fcode = self.paren(fn)
                call = (f"({fcode}(_mB) if (_mB := {args[0]}).__class__ in "
                        f"{self.helper('_mh_host_buffers')} else "
                        f"{self.helper('_mh_memoryview')}({fcode}, _mB))")
                stack.append(self.expr(call, fn, *pos_items))
                return None
            args.insert(0, self.value_code(fn))
            fcode = self.helper("_mh_memoryview")
        elif ordered:
            args.insert(0, self.value_code(fn))
            fcode = self.helper("_mh_call_ordered")
        elif fn.receiver and name == "CALL_METHOD" and not n_kw and (
                fn.receiver_pure or all(it.pure for it in pos_items)):
            # obj.add(x) on a set, obj.pop(k) on a dict...: called without a bound method.
            # Looking the method up after the arguments is the same when they have no
            # effects, or when obj is a set or dict (checked first, obj read twice)
            call = f"{self.helper('_mh_om_' + fn.callee[1:])}({', '.join([fn.receiver, *args])})"
            if not all(it.pure for it in pos_items):
                call = (f"({call} if {self.helper('_mh_type')}({fn.receiver}) in "
                        f"{self.helper('_mh_order_types')} else {fn.code}({', '.join(args)}))")
            stack.append(self.expr(call, fn, *pos_items, *kw_items))
            return None
        elif fn.callee == "type" and not name.startswith("CALL_METHOD"):
            # type(name, bases, dict) makes a guest class (when the name is the builtin)
            args.insert(0, self.value_code(fn))
            fcode = self.helper("_mh_new_class")
        else:
            fcode = self.paren(fn)
        stack.append(self.expr(f"{fcode}({', '.join(args)})", fn, *pos_items, *kw_items))
