"""Translate one MicroPython bytecode function into Python source, compiled once by CPython.

Why: interpreting opcodes one by one in Python is far too slow. Each function's bytecode is
turned into a straight-line Python function instead:

* guest values are host values, so ``BINARY_OP ADD`` becomes ``a + b``;
* the value stack lives in local variables ``_mS0, _mS1, ...`` (MicroPython's stack depth is
  static at every instruction). Within a basic block, loads and pure operations are folded
  into expressions (``x = a + b * 2`` is one Python statement); anything with side effects is
  materialised in stack order, so evaluation order is MicroPython's;
* guest locals are Python locals (parameters keep their guest names, so keyword binding is
  CPython's), cells are ``types.CellType`` objects, globals are the Python globals of the
  function: the guest module's dict, whose ``__builtins__`` is the guest builtins dict;
* control flow: basic blocks are ``if _mB == <offset>:`` sections in one ``while True`` loop
  (falling through costs one comparison, backward jumps ``continue``);
* MicroPython's exception-handler stack is kept as it is (a list ``_mH`` of
  ``[handler, is_finally, prev_exc]``); one ``try/except`` around the block loop catches every
  guest exception, maps the failing generated line back to the bytecode offset (for the
  handler search and the traceback line) and jumps to the handler, exactly as vm.c does;
* ``finally``/``with`` unwinding for ``return``/``break``/``continue`` uses small token objects
  (:class:`UnwindReturn`, :class:`UnwindJump`) in the handler's stack slot;
* generator functions become Python generator functions (``yield`` / ``yield from``), so
  send/throw/close behave like MicroPython's.

Every generated name starts with ``_m`` (``_mh_*`` are runtime helpers bound as closure
variables, never visible in guest globals).
"""

from __future__ import annotations

import keyword
import math
import re
import types
from dataclasses import dataclass, field

from mpt.errors import MpyFormatError
from mpt.mpy import opcodes as oc
from mpt.mpy.decode import Instruction, decode
from mpt.mpy.prelude import (
    SCOPE_FLAG_GENERATOR, SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS, decode_prelude)
from mpt.runtime.vm import genclose, pendthrow, slicing
from mpt.runtime.vm.hashorder import ORDER_METHODS
from mpt.runtime.vm.objects import ROUTED_ATTRS

ITER_NSLOTS = 4
# Every name the generated code uses: "_m" then a capital letter, "_mh..." or "_mpt_...".
# Guest parameters keep their names, so one like these cannot be translated (but "_msg" can).
_GENERATED_NAME = re.compile(r"_m(?:[A-Z]|h|pt_)")
_MAX_EXPR_NEST = 40


class CorruptBytecode(ValueError):
    """Bytecode that no compiler produced (a jump into nowhere): the guest's ValueError."""


def plain_name(name: str) -> bool:
    """Whether a guest name may appear as itself in generated source: ASCII only (CPython
    normalises other identifiers to NFKC, so ``ｘ`` would become ``x``), not a keyword."""
    return name.isascii() and name.isidentifier() and not keyword.iskeyword(name)

_BINOPS = {
    "LESS": "<", "MORE": ">", "EQUAL": "==", "LESS_EQUAL": "<=", "MORE_EQUAL": ">=",
    "NOT_EQUAL": "!=", "IN": "in", "IS": "is",
    "OR": "|", "XOR": "^", "AND": "&", "LSHIFT": "<<", "RSHIFT": ">>", "ADD": "+",
    "SUBTRACT": "-", "MULTIPLY": "*", "MAT_MULTIPLY": "@", "FLOOR_DIVIDE": "//",
    "TRUE_DIVIDE": "/", "MODULO": "%", "POWER": "**",
}
# In-place operators MicroPython evaluates as the plain binary operator for every type.
_PLAIN_INPLACE = frozenset(("MULTIPLY", "MAT_MULTIPLY", "FLOOR_DIVIDE", "TRUE_DIVIDE", "MODULO",
                            "POWER", "LSHIFT", "RSHIFT"))
_UNOPS = {"POSITIVE": "+", "NEGATIVE": "-", "INVERT": "~", "NOT": "not "}
# Attribute names always checked at run time (see helpers.guarded_getattr).
_RISKY_ATTRS = {"format", "format_map", "mro"}
_RISKY_PREFIXES = ("_", "gi_", "cr_", "ag_", "f_", "tb_", "co_")


@dataclass
class CodeInfo:
    """What the runtime needs about one translated function (tracebacks, handler search)."""

    name: str
    filename: str
    line_ips: list  # generated line number -> bytecode offset (or -1)
    prelude: object
    no_traceback_ips: frozenset = frozenset()
    keyword_call_lines: frozenset = frozenset()  # source lines with a call passing keywords

    def passes_keywords(self, ip: int) -> bool:
        """Whether the call that failed at ``ip`` passed keyword arguments (by its line)."""
        return self.source_line(ip) in self.keyword_call_lines

    def ip_of_line(self, gen_line: int) -> int:
        if 0 <= gen_line < len(self.line_ips):
            return self.line_ips[gen_line]
        return -1

    def source_line(self, ip: int) -> int:
        return self.prelude.source_line(max(ip, 0))


# Builtins (by global name) and methods (".name") that consume a whole iterable in its
# iteration order; a dict, dict view or set passed to them is listed in MicroPython's order.
# Chosen by name at translation time; at run time the call goes through one helper that
# reorders the arguments only when the callee really is that builtin (or a str/list method).
ORDER_SENSITIVE_CALLEES = frozenset(
    ("list", "tuple", "enumerate", "zip", "map", "filter", "min", "max", "sum", "any", "all",
     "bytes", "bytearray", "iter", ".join", ".extend", "set", "frozenset"))


@dataclass
class Item:
    """One entry of the symbolic value stack."""

    code: str
    pure: bool = False  # no side effects and unaffected by calls (constants, locals, slots)
    kind: str = "val"  # val | null | self | slice | dict
    const: object = None
    is_const: bool = False
    names: frozenset = frozenset()  # the local/slot variables a pure item reads
    nest: int = 0
    dict_entries: list = field(default_factory=list)
    callee: str = ""  # the global name or method name this item was loaded by
    stepped: bool = False  # a slice built with a step part (a:b:c)


_TERMINATORS = oc.NO_FALL_THROUGH


class Translation:
    """The Python source of one function plus what is needed to instantiate it."""

    def __init__(self, source: str, bindings: dict, info: CodeInfo, inner_name: str,
                 n_free: int):
        self.source = source
        self.bindings = bindings
        self.info = info
        self.inner_name = inner_name
        self.arg_renames: dict[str, str] = {}  # source slot name -> the guest's parameter name
        self.n_free = n_free


class FunctionTranslator:
    def __init__(self, raw_code, module, n_free: int, *, names_mode: str,
                 child_factory, helper_names: set[str]):
        """names_mode: "module" (LOAD_NAME/STORE_NAME are globals) or "dict" (class bodies)."""
        self.rc = raw_code
        self.module = module
        self.n_free = n_free
        self.names_mode = names_mode
        self.child_factory = child_factory  # (child_index, n_free) -> factory callable
        self.helper_names = helper_names
        self.prelude = decode_prelude(raw_code.fun_data)
        self.qstrs = module.qstrs
        self.instrs = decode(raw_code.fun_data, self.prelude.code_offset)
        self.by_off = {ins.offset: ins for ins in self.instrs}
        self.bindings: dict[str, object] = {}
        self.lines: list[str] = []
        self.line_ips: list[int] = []
        self.cur_ip = -1
        self.globals_decl: set[str] = set()
        self.no_tb_ips: set[int] = set()
        self.keyword_call_lines: set[int] = set()
        self.arg_renames: dict[str, str] = {}
        p = self.prelude
        self.arg_names = [self.qstrs[q] for q in p.arg_names]
        self.is_generator = bool(p.scope_flags & SCOPE_FLAG_GENERATOR)
        self.local_names = self._local_names()

    # --- names --------------------------------------------------------------------------

    def _local_names(self) -> dict[int, str]:
        p = self.prelude
        names: dict[int, str] = {}
        n_args = p.n_pos_args + p.n_kwonly_args
        used = set()
        for i in range(n_args):
            if i < self.n_free:
                names[i] = f"_mL{i}"
                continue
            nm = self.arg_names[i]
            if nm in used:
                raise MpyFormatError(f"unsupported argument name {nm!r}")
            if not plain_name(nm):
                # the source names the slot; the code object gets the guest's exact name
                # (loader.rename_args), so keyword arguments still bind
                used.add(nm)
                names[i] = f"_mL{i}"
                self.arg_renames[f"_mL{i}"] = nm
                continue
            if _GENERATED_NAME.match(nm) or nm == "__debug__":
                raise MpyFormatError(f"unsupported argument name {nm!r}")
            used.add(nm)
            names[i] = nm
        slot = n_args
        if p.scope_flags & SCOPE_FLAG_VARARGS:
            names[slot] = f"_mL{slot}"
            slot += 1
        if p.scope_flags & SCOPE_FLAG_VARKEYWORDS:
            names[slot] = f"_mL{slot}"
        return names

    def local(self, i: int) -> str:
        return self.local_names.get(i) or f"_mL{i}"

    def bind(self, prefix: str, value) -> str:
        name = f"{prefix}{len(self.bindings)}"
        self.bindings[name] = value
        return name

    def bind_once(self, prefix: str, value) -> str:
        """Like bind(), reusing the name when ``value`` is already bound."""
        for name, bound in self.bindings.items():
            if bound is value and name.startswith(prefix):
                return name
        return self.bind(prefix, value)

    def helper(self, name: str) -> str:
        self.helper_names.add(name)
        return name

    # --- output -------------------------------------------------------------------------

    def emit(self, indent: int, text: str) -> None:
        for part in text.split("\n"):
            self.lines.append("    " * indent + part)
            self.line_ips.append(self.cur_ip)

    # --- analysis -----------------------------------------------------------------------

    def analyse(self) -> None:
        """Static stack depth and handler stack at every instruction; basic-block starts."""
        instrs = self.instrs
        index = {ins.offset: k for k, ins in enumerate(instrs)}
        self.index = index
        depth: dict[int, int] = {}
        hstack: dict[int, tuple] = {}
        blocks = {0}
        handlers: dict[int, int] = {}  # handler offset -> depth of its stack slot
        work = [(0, 0, ())]
        while work:
            off, d, hs = work.pop()
            while True:
                if off in depth:
                    break
                if off not in index:
                    # a jump or handler target that is no instruction (a corrupt .mpy):
                    # refused here, else the dispatch loop would look for it forever
                    raise CorruptBytecode("incompatible .mpy file")
                depth[off] = d
                hstack[off] = hs
                ins = instrs[index[off]]
                name = ins.name
                nd = d + ins.stack_effect()
                if name in ("SETUP_EXCEPT", "SETUP_FINALLY"):
                    kind = "finally" if name == "SETUP_FINALLY" else "except"
                    if kind == "finally" and self._is_async_with_handler(ins.arg):
                        kind = "awith"
                    entry = (ins.arg, kind, d)
                    handlers[ins.arg] = d
                    blocks.add(ins.arg)
                    work.append((ins.arg, d + 1, hs + (entry,)))
                    hs = hs + (entry,)
                elif name == "SETUP_WITH":
                    entry = (ins.arg, "with", d + 1)
                    handlers[ins.arg] = d + 1
                    blocks.add(ins.arg)
                    work.append((ins.arg, d + 2, hs + (entry,)))
                    hs = hs + (entry,)
                elif name in ("POP_EXCEPT_JUMP", "END_FINALLY"):
                    hs = hs[:-1]
                if name in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE"):
                    blocks.add(ins.arg)
                    work.append((ins.arg, nd, hs))
                elif name in ("JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP"):
                    blocks.add(ins.arg)
                    work.append((ins.arg, d, hs))
                elif name == "FOR_ITER":
                    blocks.add(ins.arg)
                    work.append((ins.arg, d - ITER_NSLOTS, hs))
                elif name in ("JUMP", "POP_EXCEPT_JUMP"):
                    blocks.add(ins.arg)
                    work.append((ins.arg, nd, hs))
                elif name == "UNWIND_JUMP":
                    blocks.add(ins.arg)
                    count = ins.extra & 0x7F
                    if count and count <= len(hs):
                        outer = hs[-count]
                        dd = outer[2] - {"with": 2, "awith": 1}.get(outer[1], 0)
                        work.append((ins.arg, dd - (ITER_NSLOTS if ins.extra & 0x80 else 0),
                                     hs[:-count]))
                    else:
                        work.append((ins.arg, d - (ITER_NSLOTS if ins.extra & 0x80 else 0), hs))
                if name in _TERMINATORS or name == "END_FINALLY" or name in (
                        "POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
                        "JUMP_IF_FALSE_OR_POP", "FOR_ITER"):
                    if ins.end in index:
                        blocks.add(ins.end)
                if name in _TERMINATORS:
                    break
                off = ins.end
                d = nd
        self.depth = depth
        self.hstack = hstack
        self.blocks = sorted(b for b in blocks if b in depth)
        self.handlers = handlers
        self.has_handlers = bool(handlers)
        self.has_finally = any(ins.name in ("SETUP_FINALLY", "SETUP_WITH") for ins in instrs)

    def _is_async_with_handler(self, off: int) -> bool:
        k = self.index.get(off)
        if k is None or k + 2 >= len(self.instrs):
            return False
        a, b, c = self.instrs[k:k + 3]
        return (a.name == "DUP_TOP" and b.name == "LOAD_GLOBAL"
                and self.qstrs[b.arg] == "BaseException" and c.name == "BINARY_OP_MULTI"
                and oc.BINARY_OPS[c.code - oc.BINARY_OP_MULTI] == "EXCEPTION_MATCH")

    # --- the symbolic stack -------------------------------------------------------------

    def slot(self, i: int) -> str:
        return f"_mS{i}"

    def canonical(self, stack: list[Item], i: int) -> bool:
        it = stack[i]
        return it.code == self.slot(i) and it.kind == "val"

    def materialize(self, stack: list[Item], indent: int, *, upto: int | None = None,
                    only_impure: bool = False, names: frozenset = frozenset()) -> None:
        """Store pending items (positions < upto) into their slot variables, in stack order.

        With only_impure, pure items stay pending unless they read one of ``names``.
        """
        if upto is None:
            upto = len(stack)
        targets, values = [], []
        for i in range(upto):
            it = stack[i]
            if it.kind in ("null", "self"):
                continue
            if self.canonical(stack, i):
                continue
            if only_impure and it.pure and not (it.names & names) and not (
                    it.code.startswith("_mS") and it.code != self.slot(i)):
                continue
            code = self.value_code(it)
            targets.append(self.slot(i))
            values.append(code)
            sname = self.slot(i)
            stack[i] = Item(sname, pure=True, names=frozenset([sname]), stepped=it.stepped)
        if not targets:
            return
        if len(targets) == 1:
            self.emit(indent, f"{targets[0]} = {values[0]}")
        else:
            self.emit(indent, f"{', '.join(targets)} = {', '.join(values)}")

    def dict_code(self, it: Item) -> str:
        code = "{" + ", ".join(f"{k}: {v}" for k, v in it.dict_entries) + "}"
        if it.const and it.const >= 3:  # remember the literal's table size (hashorder)
            code = f"{self.helper('_mh_literal')}({code}, {it.const})"
        return code

    def value_code(self, it: Item) -> str:
        if it.kind == "dict":
            return self.dict_code(it)
        return it.code

    def pop(self, stack: list[Item], n: int) -> list[Item]:
        if n == 0:
            return []
        items = stack[-n:]
        del stack[-n:]
        return items

    def before_stmt(self, stack: list[Item], indent: int, names=frozenset()) -> None:
        self.materialize(stack, indent, only_impure=True, names=frozenset(names))

    @staticmethod
    def expr(code: str, *parts: Item) -> Item:
        nest = 1 + max((p.nest for p in parts), default=0)
        return Item(code, nest=nest)

    # --- constants ----------------------------------------------------------------------

    def const_item(self, value) -> Item:
        t = type(value)
        if value is None or value is True or value is False:
            return Item(repr(value), pure=True, is_const=True, const=value)
        if t is int:
            code = repr(value) if value >= 0 else f"({value})"
            return Item(code, pure=True, is_const=True, const=value)
        if t in (str, bytes):
            return Item(repr(value), pure=True, is_const=True, const=value)
        if t is float and math.isfinite(value):
            code = repr(value) if value >= 0 and not (value == 0 and math.copysign(1, value) < 0) \
                else f"({value!r})"
            return Item(code, pure=True, is_const=True, const=value)
        return Item(self.bind("_mK", value), pure=True, is_const=True, const=value)

    # --- main ---------------------------------------------------------------------------

    def translate(self) -> Translation:
        self.analyse()
        p = self.prelude
        body_indent = 4 if self.has_handlers else 3
        body: list[str] = []
        # Body first (into self.lines), then assemble the header around it.
        self.lines, self.line_ips = [], []
        self.cur_ip = -1
        nblocks = len(self.blocks)
        block_set = set(self.blocks)
        self.block_set = block_set
        for bi, start in enumerate(self.blocks):
            if start in self.handlers:
                hd = self.handlers[start]
                self.emit(body_indent - 1, f"if _mB == {-start - 1}:")
                self.emit(body_indent, f"{self.slot(hd)} = _mV")
                self.emit(body_indent, f"_mB = {start}")
            self.cur_ip = start
            self.emit(body_indent - 1, f"if _mB == {start}:")
            end = self.blocks[bi + 1] if bi + 1 < nblocks else None
            self.translate_block(start, end, body_indent, block_set)
        body, body_ips = self.lines, self.line_ips
        self.lines, self.line_ips = [], []
        self.cur_ip = -1
        # Header.
        inner = "_mpt_fn"
        params = self.signature()
        self.emit(0, "def _mpt_wrap():")
        self.emit(1, "_mhI = None")
        self.emit(1, "def _mpt_outer(_mpt_params):")
        frees = ", ".join(f"_mL{i}" for i in range(self.n_free))
        self.emit(2, f"def _mpt_factory({frees}):")
        self.emit(3, f"def {inner}({params}):")
        header_at = len(self.lines)
        ind = 4
        if self.globals_decl:
            self.emit(ind, "global " + ", ".join(sorted(self.globals_decl)))
        if self.is_generator and not any(i.name in ("YIELD_VALUE", "YIELD_FROM")
                                         for i in self.instrs):
            self.emit(ind, "if False: yield")
        if self.is_generator:
            self.emit(ind, self.pend_check())
        if self.names_mode == "dict":
            self.emit(ind, f"_mN = {self.helper('_mh_class_locals')}()")
        for local_num in p.cells:
            nm = self.local(local_num)
            if local_num < p.n_pos_args + p.n_kwonly_args or local_num in self.local_names:
                self.emit(ind, f"{nm} = {self.helper('_mh_cell')}({nm})")
            else:
                self.emit(ind, f"{nm} = {self.helper('_mh_cell')}()")
        if self.has_handlers:
            self.emit(ind, "_mH = []")
            self.emit(ind, "_mV = None")
        self.emit(ind, "_mB = 0")
        self.emit(ind, "while True:")
        self.emit(ind + 1, "try:")
        inner_ind = ind + 2
        if self.has_handlers:
            self.emit(inner_ind, "while True:")
        offset_lines = len(self.lines)
        shift = (inner_ind + (1 if self.has_handlers else 0)) - (body_indent - 1)
        for text, ip in zip(body, body_ips):
            self.lines.append("    " * shift + text)
            self.line_ips.append(ip)
        self.cur_ip = -1
        self.emit(ind + 1, f"except {self.helper('_mh_BaseException')} as _mE:")
        if self.has_handlers and self.is_generator:
            # freed by the host, not closed by the guest: stop without running handlers
            closing = self.bind_once("_mhGC", genclose.CLOSING)
            self.emit(ind + 2, f"if _mE.__class__ is {self.helper('_mh_GeneratorExit')} "
                               f"and not {closing}[0]: "
                               "return")
        if self.has_handlers:
            self.emit(ind + 2, f"_mV, _mB = {self.helper('_mh_catch')}(_mE, _mH, _mCI)")
        else:
            self.emit(ind + 2, f"{self.helper('_mh_propagate')}(_mE, _mCI)")
        if not self.has_handlers:
            # the loop body ends with return/raise; the while True only hosts the try
            pass
        self.emit(3, f"return {inner}")
        self.emit(2, "return _mpt_factory")
        self.emit(1, "return _mpt_outer")
        del offset_lines, header_at
        name = self.qstrs[p.simple_name]
        info = CodeInfo(name=name, filename=self.qstrs[0], line_ips=[-1] + self.line_ips,
                        prelude=p, no_traceback_ips=frozenset(self.no_tb_ips),
                        keyword_call_lines=frozenset(self.keyword_call_lines))
        self.bindings["_mCI"] = info
        params_list = sorted(set(self.bindings) | self.helper_names | {"_mhG"})
        source = "\n".join(self.lines).replace("_mpt_params", ", ".join(params_list), 1)
        made = Translation(source, dict(self.bindings), info, name, self.n_free)
        made.arg_renames = dict(self.arg_renames)
        return made

    def signature(self) -> str:
        p = self.prelude
        parts = []
        n_pos = p.n_pos_args
        for i in range(self.n_free, n_pos):
            parts.append(self.local(i))
        slot = n_pos + p.n_kwonly_args
        if p.scope_flags & SCOPE_FLAG_VARARGS:
            parts.append("*" + self.local(slot))
            slot += 1
        elif p.n_kwonly_args:
            parts.append("*")
        for i in range(n_pos, n_pos + p.n_kwonly_args):
            parts.append(self.local(i))
        if p.scope_flags & SCOPE_FLAG_VARKEYWORDS:
            parts.append("**" + self.local(slot))
        return ", ".join(parts)

    # --- one basic block ----------------------------------------------------------------

    def jump(self, indent: int, target: int, from_off: int) -> None:
        self.emit(indent, f"_mB = {target}")
        if target <= from_off:
            self.emit(indent, "if _mhI: _mhI()")
            self.emit(indent, "continue")

    def name_load(self, q: str) -> str:
        if plain_name(q) and not q.startswith("_m") and q not in ("__debug__", "__builtins__"):
            return q
        return f"{self.helper('_mh_load_global')}(_mhG, {q!r})"

    def translate_block(self, start: int, end: int | None, ind: int, block_set: set) -> None:
        stack = [Item(self.slot(i), pure=True, names=frozenset([self.slot(i)]))
                 for i in range(self.depth[start])]
        k = self.index[start]
        instrs = self.instrs
        while k < len(instrs):
            ins = instrs[k]
            if ins.offset != start and ins.offset in block_set:
                # fall through into the next block
                self.materialize(stack, ind)
                self.emit(ind, f"_mB = {ins.offset}")
                return
            self.cur_ip = ins.offset
            self.skip = 0
            done = self.translate_instr(ins, stack, ind)
            if done:
                return
            k += 1 + self.skip
        self.emit(ind, "return None")

    def translate_instr(self, ins: Instruction, stack: list[Item], ind: int) -> bool:
        """Emit one instruction; True if it ends the block."""
        name = ins.name
        q = self.qstrs
        h = self.helper
        if name == "LOAD_CONST_FALSE":
            stack.append(self.const_item(False))
        elif name == "LOAD_CONST_NONE":
            stack.append(self.const_item(None))
        elif name == "LOAD_CONST_TRUE":
            stack.append(self.const_item(True))
        elif name == "LOAD_CONST_SMALL_INT":
            stack.append(self.const_item(ins.arg))
        elif name == "LOAD_CONST_SMALL_INT_MULTI":
            stack.append(self.const_item(oc.small_int_multi_value(ins.code)))
        elif name == "LOAD_CONST_STRING":
            stack.append(self.const_item(q[ins.arg]))
        elif name == "LOAD_CONST_OBJ":
            stack.append(self.const_item(self.module.objects[ins.arg]))
        elif name == "LOAD_NULL":
            k = self.index[ins.offset]
            nxt = [i.name for i in self.instrs[k + 1:k + 4]]
            if nxt[:1] in (["LOAD_FAST_N"], ["LOAD_FAST_MULTI"]) and nxt[1:] == [
                    "LOAD_NULL", "LOAD_NULL"] and not any(
                    i.offset in self.block_set for i in self.instrs[k + 1:k + 4]):
                # a comprehension's iterator argument in MicroPython's "iterator not on the
                # stack" form: keep our form (slot 0 = the bound __next__)
                fast = self.instrs[k + 1]
                i = fast.arg if fast.name == "LOAD_FAST_N" else fast.code - oc.LOAD_FAST_MULTI
                stack.append(Item(f"{self.local(i)}.__next__"))
                stack.extend(Item("None", pure=True, kind="null") for _ in range(3))
                self.skip = 3
            else:
                stack.append(Item("None", pure=True, kind="null"))
        elif name in ("LOAD_FAST_N", "LOAD_FAST_MULTI"):
            i = ins.arg if name == "LOAD_FAST_N" else ins.code - oc.LOAD_FAST_MULTI
            nm = self.local(i)
            stack.append(Item(nm, pure=True, names=frozenset([nm])))
        elif name == "LOAD_DEREF":
            stack.append(Item(f"{self.local(ins.arg)}.cell_contents"))
        elif name in ("LOAD_NAME", "LOAD_GLOBAL"):
            nm = q[ins.arg]
            if name == "LOAD_NAME" and self.names_mode == "dict":
                stack.append(Item(f"(_mN[{nm!r}] if {nm!r} in _mN else {self.name_load(nm)})"))
            else:
                stack.append(Item(self.name_load(nm)))
            stack[-1].callee = nm
        elif name in ("LOAD_ATTR", "LOAD_METHOD"):
            (obj,) = self.pop(stack, 1)
            attr = q[ins.arg]
            code = self.attr_code(obj, attr)
            stack.append(self.expr(code, obj))
            if name == "LOAD_METHOD":
                stack[-1].callee = "." + attr
                stack.append(Item("None", pure=True, kind="self"))
        elif name == "LOAD_SUPER_METHOD":
            _sup, cls, slf = self.pop(stack, 3)
            attr = q[ins.arg]
            stack.append(self.expr(f"{h('_mh_super_attr')}({cls.code}, {slf.code}, {attr!r})",
                                   cls, slf))
            stack.append(Item("None", pure=True, kind="self"))
        elif name == "LOAD_BUILD_CLASS":
            stack.append(Item(f"{h('_mh_build_class')}()"))
        elif name == "LOAD_SUBSCR":
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
        elif name in ("STORE_FAST_N", "STORE_FAST_MULTI"):
            i = ins.arg if name == "STORE_FAST_N" else ins.code - oc.STORE_FAST_MULTI
            nm = self.local(i)
            (val,) = self.pop(stack, 1)
            self.before_stmt(stack, ind, {nm})
            self.emit(ind, f"{nm} = {self.value_code(val)}")
        elif name == "STORE_DEREF":
            (val,) = self.pop(stack, 1)
            self.before_stmt(stack, ind)
            self.emit(ind, f"{self.local(ins.arg)}.cell_contents = {self.value_code(val)}")
        elif name in ("STORE_NAME", "STORE_GLOBAL"):
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
        elif name == "STORE_ATTR":
            val, obj = self.pop(stack, 2)
            self.before_stmt(stack, ind)
            attr = q[ins.arg]
            if val.kind == "null":
                self.emit(ind, f"{h('_mh_delattr')}({obj.code}, {attr!r})")
            elif self.attr_is_private(attr) and obj.pure and obj.kind == "val" and val.pure:
                self.emit(ind, f"if {h('_mh_type')}({obj.code}) in {h('_mh_guest_types')}: "
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
                self.emit(ind, f"if {h('_mh_type')}({obj.code}) in {h('_mh_guest_types')}: "
                               f"{self.paren(obj)}.{attr} = {self.value_code(val)}")
                self.emit(ind, f"else: {h('_mh_setattr')}({obj.code}, {attr!r}, "
                               f"{self.value_code(val)})")
            else:
                self.emit(ind, f"{h('_mh_setattr')}({obj.code}, {attr!r}, {self.value_code(val)})")
        elif name == "STORE_SUBSCR":
            val, obj, index = self.pop(stack, 3)
            self.before_stmt(stack, ind)
            idx = index.const if index.kind == "slice" else self.value_code(index)
            if index.stepped and val.kind == "null":
                self.emit(ind, f"{self.bind_once('_mhSD', slicing.delete)}("
                               f"{self.value_code(obj)}, {index.code})")
            elif index.stepped:
                self.emit(ind, f"{self.bind_once('_mhSS', slicing.store)}("
                               f"{self.value_code(obj)}, {index.code}, {self.value_code(val)})")
            elif val.kind == "null" and index.kind != "slice":
                # through a helper: MicroPython's dict order depends on deletions
                self.emit(ind, f"{h('_mh_delitem')}({self.value_code(obj)}, {idx})")
            elif val.kind == "null":
                self.emit(ind, f"del {self.paren(obj)}[{idx}]")
            else:
                self.emit(ind, f"{self.paren(obj)}[{idx}] = {self.value_code(val)}")
        elif name == "DELETE_FAST":
            nm = self.local(ins.arg)
            self.before_stmt(stack, ind, {nm})
            self.emit(ind, f"del {nm}")
        elif name == "DELETE_DEREF":
            self.before_stmt(stack, ind)
            self.emit(ind, f"{h('_mh_del_deref')}({self.local(ins.arg)})")
        elif name in ("DELETE_NAME", "DELETE_GLOBAL"):
            nm = q[ins.arg]
            self.before_stmt(stack, ind)
            if name == "DELETE_NAME" and self.names_mode == "dict":
                self.emit(ind, f"{h('_mh_del_name')}(_mN, {nm!r})")
            elif self.name_load(nm) == nm:
                self.globals_decl.add(nm)
                self.emit(ind, f"del {nm}")
            else:
                self.emit(ind, f"{h('_mh_del_name')}(_mhG, {nm!r})")
        elif name == "DUP_TOP":
            self.make_pure_top(stack, 1, ind)
            stack.append(stack[-1])
        elif name == "DUP_TOP_TWO":
            self.make_pure_top(stack, 2, ind)
            stack.extend(stack[-2:])
        elif name == "POP_TOP":
            (val,) = self.pop(stack, 1)
            reads_local = val.pure and val.names and not val.code.startswith("_mS")
            if (not val.pure or reads_local) and val.kind in ("val", "dict", "slice"):
                self.before_stmt(stack, ind)
                self.emit(ind, self.value_code(val))
        elif name == "ROT_TWO" and self.next_is_binop(ins) and all(
                it.pure and it.kind == "val" for it in stack[-2:]):
            # consumed at once by the next operator: just swap the operands
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif name == "ROT_TWO" or (name == "ROT_THREE" and len(stack) == 2):
            # (the second form: async with's return/unwind case, where MicroPython's
            # (X, INT) pair is our one token, so "ROT_THREE; ROT_THREE" is a swap)
            if name == "ROT_THREE":
                self.skip = 1
            self.rotate(stack, ind, [1, 0])
        elif name == "ROT_THREE":
            self.rotate(stack, ind, [2, 0, 1])
        elif name == "JUMP":
            self.materialize(stack, ind)
            self.jump(ind, ins.arg, ins.offset)
            return True
        elif name in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE"):
            (cond,) = self.pop(stack, 1)
            self.materialize(stack, ind)
            test = self.value_code(cond)
            if name == "POP_JUMP_IF_FALSE":
                test = f"not {self.paren(cond)}"
            self.emit(ind, f"if {test}:")
            self.jump(ind + 1, ins.arg, ins.offset)
            self.emit(ind, "else:")
            self.emit(ind + 1, f"_mB = {ins.end}")
            return True
        elif name in ("JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP"):
            self.materialize(stack, ind)
            top = self.slot(len(stack) - 1)
            test = top if name == "JUMP_IF_TRUE_OR_POP" else f"not {top}"
            self.emit(ind, f"if {test}:")
            self.jump(ind + 1, ins.arg, ins.offset)
            self.emit(ind, "else:")
            self.emit(ind + 1, f"_mB = {ins.end}")
            return True
        elif name in ("SETUP_EXCEPT", "SETUP_FINALLY"):
            self.materialize(stack, ind)
            self.emit(ind, f"_mH.append([{ins.arg}, {name == 'SETUP_FINALLY'}, None])")
        elif name == "SETUP_WITH":
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
        elif name == "WITH_CLEANUP":
            self.materialize(stack, ind)
            d = len(stack)
            self.emit(ind, f"{self.slot(d - 3)} = {h('_mh_with_cleanup')}({self.slot(d - 3)}, "
                           f"{self.slot(d - 1)})")
            self.pop(stack, 2)
        elif name == "UNWIND_JUMP":
            self.materialize(stack, ind)
            self.emit(ind, f"_mV = {h('_mh_UnwindJump')}({ins.arg}, {ins.extra & 0x7F})")
            self.emit_unwind(ind, ins.offset, f"_mB = {ins.arg}", ins.arg <= ins.offset)
            return True
        elif name == "END_FINALLY":
            self.materialize(stack, ind)
            d = len(stack)
            top = self.slot(d - 1)
            self.no_tb_ips.add(ins.offset)
            self.emit(ind, "_mH.pop()")
            self.emit(ind, f"if {top} is not None:")
            self.emit(ind + 1, f"_mV = {top}")
            self.emit(ind + 1, f"if {h('_mh_type')}(_mV) is {h('_mh_UnwindJump')}:")
            self.emit_unwind(ind + 2, ins.offset, "_mB = _mV.dest", True)
            self.emit(ind + 1, f"elif {h('_mh_type')}(_mV) is {h('_mh_UnwindReturn')}:")
            self.emit_unwind(ind + 2, ins.offset, "return _mV.value", False)
            self.emit(ind + 1, "else:")
            self.emit(ind + 2, "raise _mV")
            self.pop(stack, 1)
        elif name == "GET_ITER":
            (obj,) = self.pop(stack, 1)
            stack.append(self.expr(f"{h('_mh_iter')}({self.value_code(obj)})", obj))
        elif name == "GET_ITER_STACK":
            (obj,) = self.pop(stack, 1)
            self.before_stmt(stack, ind)
            d = len(stack)
            self.emit(ind, f"{self.slot(d)} = {h('_mh_iter')}({self.value_code(obj)}).__next__")
            for i in range(ITER_NSLOTS):
                sn = self.slot(d)
                stack.append(Item(sn, pure=True, names=frozenset([sn])) if i == 0
                             else Item("None", pure=True, kind="null"))
        elif name == "FOR_ITER":
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
        elif name == "POP_EXCEPT_JUMP":
            self.materialize(stack, ind)
            self.emit(ind, "_mH.pop()")
            self.jump(ind, ins.arg, ins.offset)
            return True
        elif name == "BUILD_TUPLE":
            items = self.pop(stack, ins.arg)
            codes = [self.value_code(i) for i in items]
            code = "(" + ", ".join(codes) + ("," if len(codes) == 1 else "") + ")"
            stack.append(self.expr(code, *items))
        elif name == "BUILD_LIST":
            items = self.pop(stack, ins.arg)
            stack.append(self.expr("[" + ", ".join(self.value_code(i) for i in items) + "]",
                                   *items))
        elif name == "BUILD_SET":
            items = self.pop(stack, ins.arg)
            if len(items) >= 2:  # remember size and order of the literal (hashorder)
                code = f"{h('_mh_set_literal')}({', '.join(self.value_code(i) for i in items)})"
            else:
                code = "{" + ", ".join(self.value_code(i) for i in items) + "}" if items \
                    else "{*()}"
            stack.append(self.expr(code, *items))
        elif name == "BUILD_MAP":
            stack.append(Item("{}", kind="dict", dict_entries=[], const=ins.arg))
        elif name == "STORE_MAP":
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
        elif name == "BUILD_SLICE":
            items = self.pop(stack, ins.arg)
            codes = [self.value_code(i) for i in items]
            stack.append(Item(f"{h('_mh_slice')}({', '.join(codes)})", kind="slice",
                              const=":".join(codes), nest=1 + max(i.nest for i in items),
                              stepped=ins.arg == 3))
        elif name == "STORE_COMP":
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
        elif name == "UNPACK_SEQUENCE":
            (seq,) = self.pop(stack, 1)
            self.before_stmt(stack, ind)
            base = len(stack)
            n = ins.arg
            targets = [self.slot(base + n - 1 - j) for j in range(n)]
            tcode = (", ".join(targets) + ("," if n == 1 else "")) if n else "[]"
            self.emit(ind, f"{tcode} = {h('_mh_ordered')}({self.value_code(seq)})")
            for j in range(n):
                sn = self.slot(base + j)
                stack.append(Item(sn, pure=True, names=frozenset([sn])))
        elif name == "UNPACK_EX":
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
        elif name in ("MAKE_FUNCTION", "MAKE_FUNCTION_DEFARGS", "MAKE_CLOSURE",
                      "MAKE_CLOSURE_DEFARGS"):
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
        elif name in ("CALL_FUNCTION", "CALL_FUNCTION_VAR_KW", "CALL_METHOD",
                      "CALL_METHOD_VAR_KW"):
            self.translate_call(ins, stack, ind)
        elif name == "RETURN_VALUE":
            (val,) = self.pop(stack, 1)
            self.before_stmt(stack, ind)
            if self.has_finally:
                self.emit(ind, f"_mV = {h('_mh_UnwindReturn')}({self.value_code(val)})")
                self.emit_unwind(ind, ins.offset, "return _mV.value", False)
            else:
                self.emit(ind, f"return {self.value_code(val)}")
            return True
        elif name == "RAISE_LAST":
            self.materialize(stack, ind)
            self.no_tb_ips.add(ins.offset)
            self.emit(ind, f"raise {h('_mh_raise_last')}({'_mH' if self.has_handlers else '[]'})")
            return True
        elif name in ("RAISE_OBJ", "RAISE_FROM"):
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
        elif name == "YIELD_VALUE":
            (val,) = self.pop(stack, 1)
            self.materialize(stack, ind)
            d = len(stack)
            self.emit(ind, f"{self.slot(d)} = yield {self.value_code(val)}")
            self.emit(ind, self.pend_check())
            sn = self.slot(d)
            stack.append(Item(sn, pure=True, names=frozenset([sn])))
        elif name == "YIELD_FROM":
            it, _send = self.pop(stack, 2)
            self.materialize(stack, ind)
            d = len(stack)
            self.emit(ind, f"{self.slot(d)} = yield from {self.paren(it)}")
            sn = self.slot(d)
            stack.append(Item(sn, pure=True, names=frozenset([sn])))
        elif name == "IMPORT_NAME":
            level, fromlist = self.pop(stack, 2)
            self.before_stmt(stack, ind)
            stack.append(Item(f"{h('_mh_import')}({q[ins.arg]!r}, {self.value_code(fromlist)}, "
                              f"{self.value_code(level)}, _mhG)"))
        elif name == "IMPORT_FROM":
            self.materialize(stack, ind)
            mod = stack[-1]
            stack.append(Item(f"{h('_mh_import_from')}({mod.code}, {q[ins.arg]!r})"))
        elif name == "IMPORT_STAR":
            (mod,) = self.pop(stack, 1)
            self.before_stmt(stack, ind)
            target = "_mN" if self.names_mode == "dict" else "_mhG"
            self.emit(ind, f"{h('_mh_import_star')}({self.value_code(mod)}, {target})")
        elif name == "UNARY_OP_MULTI":
            (val,) = self.pop(stack, 1)
            op = oc.UNARY_OPS[ins.code - oc.UNARY_OP_MULTI]
            stack.append(self.expr(f"({_UNOPS[op]}{self.paren(val)})", val))
        elif name == "BINARY_OP_MULTI":
            self.translate_binop(ins, stack, ind)
        else:
            raise MpyFormatError(f"unsupported opcode {name}")
        # keep expressions shallow enough for CPython's parser
        if stack and stack[-1].nest > _MAX_EXPR_NEST:
            self.materialize(stack, ind)
        return False

    def emit_unwind(self, ind: int, off: int, otherwise: str, otherwise_continue: bool) -> None:
        self.emit(ind, f"_mX = {self.helper('_mh_unwind')}(_mH, {off}, _mV)"
                  if self.has_handlers else "_mX = -1")
        self.emit(ind, "if _mX >= 0:")
        self.emit(ind + 1, "_mB = -_mX - 1")
        self.emit(ind + 1, "continue")
        for line in otherwise.split("\n"):
            self.emit(ind, line)
        if otherwise_continue:
            self.emit(ind, "continue")

    def rotate(self, stack: list[Item], ind: int, order: list[int]) -> None:
        """Reorder the top items (new position j gets old top item order[j]); NULL markers
        keep their kind so that a later STORE_SUBSCR/STORE_ATTR can see a deletion."""
        self.materialize(stack, ind)
        n = len(order)
        base = len(stack) - n
        old = stack[base:]
        targets, values = [], []
        for j, src in enumerate(order):
            it = old[src]
            if it.kind == "null":
                stack[base + j] = it
                continue
            if it.code != self.slot(base + j):
                targets.append(self.slot(base + j))
                values.append(it.code)
            sn = self.slot(base + j)
            stack[base + j] = Item(sn, pure=True, names=frozenset([sn]), stepped=it.stepped)
        if targets:
            self.emit(ind, f"{', '.join(targets)} = {', '.join(values)}"
                      + ("," if len(values) == 1 and False else ""))

    def next_is_binop(self, ins: Instruction) -> bool:
        k = self.index[ins.offset]
        if k + 1 >= len(self.instrs):
            return False
        nxt = self.instrs[k + 1]
        return (nxt.offset not in self.block_set and nxt.name == "BINARY_OP_MULTI"
                and not oc.BINARY_OPS[nxt.code - oc.BINARY_OP_MULTI].startswith("INPLACE"))

    def make_pure_top(self, stack: list[Item], n: int, ind: int) -> None:
        if any(not it.pure or it.kind != "val" for it in stack[-n:]):
            self.materialize(stack, ind)

    @staticmethod
    def paren(it: Item) -> str:
        """Every generated expression is a primary except numeric literals."""
        if it.is_const and type(it.const) in (int, float, bool) and not it.code.startswith("("):
            return f"({it.code})"
        return it.code

    def attr_is_static(self, attr: str) -> bool:
        return (plain_name(attr) and not attr.startswith(_RISKY_PREFIXES)
                and attr not in _RISKY_ATTRS)

    def pend_check(self) -> str:
        """The statement raising what generator.pend_throw() left for this generator."""
        return (f"if {self.bind_once('_mhPT', pendthrow.PENDING)}: "
                f"{self.bind_once('_mhPR', pendthrow.raise_pending)}()")

    def attr_code(self, obj: Item, attr: str) -> str:
        if attr == "close" or attr == "throw":
            return f"{self.bind_once('_mhCA', genclose.attr)}({self.value_code(obj)}, {attr!r})"
        if attr == "pend_throw":
            return f"{self.bind_once('_mhPA', pendthrow.pend_throw_attr)}({self.value_code(obj)})"
        if attr in ROUTED_ATTRS:  # a builtin type's host-only method must not be found
            return f"{self.helper('_mh_battr')}({self.value_code(obj)}, {attr!r})"
        if attr in ORDER_METHODS:  # set/dict changes that depend on MicroPython's table order
            return f"{self.helper('_mh_setmethod')}({self.value_code(obj)}, {attr!r})"
        if self.attr_is_static(attr):
            return f"{self.paren(obj)}.{attr}"
        if self.attr_is_private(attr) and obj.pure and obj.kind == "val":
            # guest instances may use their own _names directly; anything else is checked
            return (f"({self.paren(obj)}.{attr} if {self.helper('_mh_type')}({obj.code}) in "
                    f"{self.helper('_mh_guest_types')} else "
                    f"{self.helper('_mh_getattr')}({obj.code}, {attr!r}))")
        return f"{self.helper('_mh_getattr')}({self.value_code(obj)}, {attr!r})"

    @staticmethod
    def attr_is_private(attr: str) -> bool:
        return (attr.startswith("_") and not attr.endswith("__") and plain_name(attr)
                and not attr.startswith("_m"))

    def translate_binop(self, ins: Instruction, stack: list[Item], ind: int) -> None:
        op = oc.BINARY_OPS[ins.code - oc.BINARY_OP_MULTI]
        lhs, rhs = self.pop(stack, 2)
        if op == "EXCEPTION_MATCH":
            stack.append(self.expr(f"{self.helper('_mh_exc_match')}({lhs.code}, {rhs.code})",
                                   lhs, rhs))
            return
        if op.startswith("INPLACE_") and op[len("INPLACE_"):] in _PLAIN_INPLACE:
            # MicroPython has no in-place form of these (nor __imul__ & co.): always a new value
            op = op[len("INPLACE_"):]
        if op.startswith("INPLACE_"):
            sym = _BINOPS[op[len("INPLACE_"):]]
            k = self.index[ins.offset]
            nxt = self.instrs[k + 1] if k + 1 < len(self.instrs) else None
            if (nxt is not None and nxt.offset not in self.block_set and lhs.pure
                    and lhs.names and not lhs.code.startswith("_mS")
                    and nxt.name in ("STORE_FAST_N", "STORE_FAST_MULTI")):
                target_local = self.local(nxt.arg if nxt.name == "STORE_FAST_N"
                                          else nxt.code - oc.STORE_FAST_MULTI)
                if target_local == lhs.code:
                    # "x += y" straight into the local
                    self.before_stmt(stack, ind, {target_local})
                    self.emit(ind, f"{target_local} {sym}= {self.value_code(rhs)}")
                    self.skip = 1
                    return
            d = len(stack)
            target = self.slot(d)
            self.before_stmt(stack, ind, {target})
            if lhs.code != target:
                self.emit(ind, f"{target} = {self.value_code(lhs)}")
            self.emit(ind, f"{target} {sym}= {self.value_code(rhs)}")
            stack.append(Item(target, pure=True, names=frozenset([target])))
            return
        if op == "MODULO" and lhs.is_const and type(lhs.const) is str:
            # "..." % args: arguments shown as MicroPython shows them (dict order, reprs)
            stack.append(self.expr(f"{self.helper('_mh_percent')}({self.value_code(lhs)}, "
                                   f"{self.value_code(rhs)})", lhs, rhs))
            return
        sym = _BINOPS[op]
        stack.append(self.expr(f"({self.value_code(lhs)} {sym} {self.value_code(rhs)})",
                               lhs, rhs))

    def translate_call(self, ins: Instruction, stack: list[Item], ind: int) -> None:
        name = ins.name
        n_pos = ins.arg & 0xFF
        n_kw = (ins.arg >> 8) & 0xFF
        var = name.endswith("VAR_KW")
        bitmap = 0
        if var:
            (bm,) = self.pop(stack, 1)
            if not bm.is_const:
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
            if key.kind == "null":
                args.append("**" + self.value_code(val))
            elif key.is_const and isinstance(key.const, str) and plain_name(key.const) \
                    and key.const not in named:
                # (a repeated name goes through ** below: a run-time error, not CPython's
                # syntax error, as MicroPython compiles it)
                named.add(key.const)
                args.append(f"{key.const}={self.value_code(val)}")
            else:
                args.append(f"**{{{self.value_code(key)}: {self.value_code(val)}}}")
        if ordered:
            args.insert(0, self.value_code(fn))
            fcode = self.helper("_mh_call_ordered")
        else:
            fcode = self.paren(fn)
        stack.append(self.expr(f"{fcode}({', '.join(args)})", fn, *pos_items, *kw_items))


def rename_code(code: types.CodeType, old: str, new: str,
                qualname: str | None = None) -> types.CodeType:
    """Give the nested code object named ``old`` the guest name ``new`` (for __name__) and
    the host qualname ``qualname`` (default ``new``), which CPython's argument errors name."""
    consts = []
    changed = False
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            c2 = rename_code(c, old, new, qualname)
            changed = changed or c2 is not c
            consts.append(c2)
        else:
            consts.append(c)
    if changed:
        code = code.replace(co_consts=tuple(consts))
    if code.co_name == old:
        kw = {"co_name": new}
        if hasattr(code, "co_qualname"):
            kw["co_qualname"] = qualname or new
        code = code.replace(**kw)
    return code


def rename_args(code: types.CodeType, fn_name: str, renames: dict) -> types.CodeType:
    """Give the parameters of the nested code object ``fn_name`` their exact guest names
    (names that could not appear in source: CPython would NFKC-normalise them)."""
    if not renames:
        return code
    consts = []
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            c = rename_args(c, fn_name, renames)
        consts.append(c)
    code = code.replace(co_consts=tuple(consts))
    if code.co_name == fn_name:
        code = code.replace(co_varnames=tuple(renames.get(n, n) for n in code.co_varnames))
    return code
