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
  (falling through costs one comparison, backward jumps ``continue``); a ``for`` loop whose
  body can nest (``loops``) is a Python ``for`` statement holding its body's blocks;
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

The package: ``analysis`` (stack depths, handler stacks, blocks), ``loops`` (the loops nested as
Python ``for`` statements), ``stack`` (the symbolic
stack), ``fusions`` (the look-ahead pass: sequences translated as one), one handler method per
opcode family in ``ops_load``/``ops_store``/``ops_flow``/``ops_build``/``ops_call``, found
through the table ``HANDLERS`` (``dispatch``), and ``codeobj`` (renaming compiled code).
This module holds the FunctionTranslator itself: names, output, blocks and the function frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mpt.errors import MpyFormatError
from mpt.mpy import opcodes as oc
from mpt.mpy.decode import decode
from mpt.mpy.prelude import (
    SCOPE_FLAG_GENERATOR, SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS, Prelude, decode_prelude)
from mpt.runtime.vm import genclose, pendthrow
from mpt.runtime.vm.translate.corrupt import CorruptBytecode, ValueStack
from mpt.runtime.vm.translate.analysis import Analysis
from mpt.runtime.vm.translate.dispatch import handler_table
from mpt.runtime.vm.translate.fusions import Fusions, find_fusions
from mpt.runtime.vm.translate.ops_build import BuildOps
from mpt.runtime.vm.translate.ops_call import CallOps
from mpt.runtime.vm.translate.ops_flow import FlowOps
from mpt.runtime.vm.translate.ops_load import LoadOps
from mpt.runtime.vm.translate.ops_store import StoreOps
from mpt.runtime.vm.translate.item import Item, plain_name
from mpt.runtime.vm.translate.loops import ForLoop, find_for_loops
from mpt.runtime.vm.translate.ops_viper import ViperOps
from mpt.runtime.vm.translate.stack import ITER_NSLOTS, SymbolicStack


# Every name the generated code uses: "_m" then a capital letter, "_mh..." or "_mpt_...".
# Guest parameters keep their names, so one like these cannot be translated (but "_msg" can).
_GENERATED_NAME = re.compile(r"_m(?:[A-Z]|h|pt_)")
_MAX_EXPR_NEST = 40


@dataclass
class CodeInfo:
    """What the runtime needs about one translated function (tracebacks, handler search)."""

    name: str
    filename: str
    line_ips: list  # generated line number -> bytecode offset (or -1)
    prelude: Prelude
    no_traceback_ips: frozenset = frozenset()
    traceback: bool = True  # False: native code, which adds no traceback entries
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


class FunctionTranslator(Analysis, SymbolicStack, Fusions, LoadOps, StoreOps, FlowOps,
                         BuildOps, CallOps, ViperOps):
    """Translates one bytecode function (a RawCode) into Python source."""

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
        self.loops: dict[int, ForLoop] = {}  # the loops nested as Python for statements
        self.loop_stack: list[ForLoop] = []  # those around the block being translated
        p = self.prelude
        if not all(0 <= q < len(self.qstrs) for q in (*p.arg_names, p.simple_name, 0)):
            raise CorruptBytecode()
        self.arg_names = [self.qstrs[q] for q in p.arg_names]
        self.is_generator = bool(p.scope_flags & SCOPE_FLAG_GENERATOR)
        self.local_names = self._local_names()
        native = getattr(raw_code, "board_native", None)
        self.is_native = native is not None  # machine code on the firmware: no traceback entry
        self.viper_ops = native.ops if native is not None and native.viper else None
        self.float_round = False
        self.fixed_params: dict[str, int] = {}  # see fixed_parameters()
        self.guest_flags: set[int] = set()  # the parameters whose guest test is hoisted

    def fixed_parameters(self) -> dict[str, int]:
        """The parameters the body never rebinds (no store, no deletion, not a cell), by
        their source name: such a parameter holds one object for the whole call, so whether
        that object is a guest instance is tested once, on entry (guest_test)."""
        if self.viper_ops is not None:
            return {}
        p = self.prelude
        rebound = set(p.cells)
        for ins in self.instrs:
            if ins.name in ("STORE_FAST_N", "DELETE_FAST"):
                rebound.add(ins.arg)
            elif ins.name == "STORE_FAST_MULTI":
                rebound.add(ins.code - oc.STORE_FAST_MULTI)
        return {self.local(i): i for i in range(self.n_free, p.n_pos_args + p.n_kwonly_args)
                if i not in rebound}

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

    def emit(self, indent: int, text: str) -> None:
        for part in text.split("\n"):
            self.lines.append("    " * indent + part)
            self.line_ips.append(self.cur_ip)

    def translate(self) -> Translation:
        self.analyse()
        self.fixed_params = self.fixed_parameters()
        body_indent = 4 if self.has_handlers else 3
        # Body first (into self.lines), then assemble the header around it.
        self.lines, self.line_ips = [], []
        self.cur_ip = -1
        # (a viper function's typed instructions are translated one by one)
        viper = self.viper_ops is not None
        self.loops = {} if viper else find_for_loops(self.instrs, self.index, self.handlers,
                                                     self.has_finally)
        # a counting loop's increment starts a block: the body falls through into it
        self.blocks = sorted(set(self.blocks) | {lp.head for lp in self.loops.values()})
        self.block_set = set(self.blocks)
        self.fusions = {} if viper else find_fusions(self.instrs, self.block_set)
        self.emit_blocks(0, len(self.blocks), body_indent)
        return self.assemble(self.lines, self.line_ips, body_indent)

    def emit_blocks(self, lo: int, hi: int, ind: int, entered: bool = False) -> None:
        """Blocks lo..hi-1 as ``if _mB == <offset>:`` sections (``entered``: the first one
        always runs: a loop body's start)."""
        blocks = self.blocks
        bi = lo
        while bi < hi:
            start = blocks[bi]
            loop = self.loops.get(start)
            if loop is not None and not (self.loop_stack and self.loop_stack[-1] is loop):
                bi = self.emit_for_loop(loop, bi, ind)
                entered = False
                continue
            if start in self.handlers:
                hd = self.handlers[start]
                self.emit(ind - 1, f"if _mB == {-start - 1}:")
                self.emit(ind, f"{self.slot(hd)} = _mV")
                self.emit(ind, f"_mB = {start}")
            self.cur_ip = start
            self.emit(ind - 1, "if True:" if entered else f"if _mB == {start}:")
            entered = False
            end = blocks[bi + 1] if bi + 1 < len(blocks) else None
            self.translate_block(start, end, ind, self.block_set)
            bi += 1

    def emit_for_loop(self, loop: ForLoop, bi: int, ind: int) -> int:
        """A nested loop (see translate/loops.py); returns the index of its exit block."""
        d = self.depth[loop.entry]
        self.cur_ip = loop.entry if loop.test < 0 else loop.test
        self.emit(ind - 1, f"if _mB == {loop.entry}:")
        if loop.test < 0:
            self.emit(ind, f"for {self.slot(d)} in {self.slot(d - ITER_NSLOTS)}:")
        else:  # a counter (d - 1) and its end (d - 2, or a constant)
            end = self.slot(d - 2) if loop.end_const is None else repr(loop.end_const)
            self.emit(ind, f"for {self.slot(d - 1)} in {self.helper('_mh_range_loop')}("
                           f"{self.slot(d - 1)}, {end}, {loop.step}, {loop.less}):")
        first = self.blocks.index(loop.body)
        nested = self.loops.get(loop.body)
        first_is_loop = nested is not None and nested is not loop
        if first_is_loop:
            self.emit(ind + 1, f"_mB = {loop.body}")
        self.loop_stack.append(loop)
        self.emit_blocks(first, self.blocks.index(loop.body_end), ind + 2,
                         entered=not first_is_loop)
        self.loop_stack.pop()
        self.cur_ip = loop.entry if loop.test < 0 else loop.test
        self.emit(ind, "else:")
        self.emit(ind + 1, f"_mB = {loop.exit}")
        outer = self.loop_stack[-1] if self.loop_stack else None
        for target in sorted(loop.exits | {loop.exit}):
            if target > loop.start and (outer is None or outer.holds(target)):
                continue  # the blocks after the loop are tested next
            self.emit(ind, f"if _mB == {target}:")
            self.jump(ind + 1, target, loop.start)
        return self.blocks.index(loop.exit)

    def assemble(self, body: list[str], body_ips: list[int], body_indent: int) -> Translation:
        """The whole function source: the header and block loop around the translated body."""
        p = self.prelude
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
        if self.viper_ops is not None:
            self.viper_arg_conversions(ind)
        for local_num in p.cells:
            nm = self.local(local_num)
            if local_num < p.n_pos_args + p.n_kwonly_args or local_num in self.local_names:
                self.emit(ind, f"{nm} = {self.helper('_mh_cell')}({nm})")
            else:
                self.emit(ind, f"{nm} = {self.helper('_mh_cell')}()")
        for i in sorted(self.guest_flags):
            # (a guest instance's class never changes: __class__ is never set)
            self.emit(ind, f"_mG{i} = {self.helper('_mh_type')}({self.local(i)}) in "
                           f"{self.helper('_mh_guest_types')}")
        if self.has_handlers:
            self.emit(ind, "_mH = []")
            self.emit(ind, "_mV = None")
        self.emit(ind, "_mB = 0")
        self.emit(ind, "while True:")
        self.emit(ind + 1, "try:")
        inner_ind = ind + 2
        if self.has_handlers:
            # CPython 3.11/3.12 attribute an exception raised at a back-edge (an asynchronous
            # KeyboardInterrupt from a signal handler) to the instruction before the jump's
            # target: with the loop as the try's first statement, that one is outside the
            # try and the guest's handlers never see the exception
            self.emit(inner_ind, "_mB = _mB")
            self.emit(inner_ind, "while True:")
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
        self.emit(3, f"return {inner}")
        self.emit(2, "return _mpt_factory")
        self.emit(1, "return _mpt_outer")
        name = self.qstrs[p.simple_name]
        info = CodeInfo(name=name, filename=self.qstrs[0], line_ips=[-1] + self.line_ips,
                        prelude=p, no_traceback_ips=frozenset(self.no_tb_ips),
                        traceback=not self.is_native,
                        keyword_call_lines=frozenset(self.keyword_call_lines))
        self.bindings["_mCI"] = info
        params_list = sorted(set(self.bindings) | self.helper_names | {"_mhG"})
        source = "\n".join(self.lines).replace("_mpt_params", ", ".join(params_list), 1)
        made = Translation(source, dict(self.bindings), info, name, self.n_free)
        made.arg_renames = dict(self.arg_renames)
        return made

    def signature(self) -> str:
        if self.viper_fixed_args():
            return "*_mVA, **_mVK"  # checked as viper's machine code checks them
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

    def jump(self, indent: int, target: int, from_off: int) -> None:
        """Go to block ``target`` from the instruction at ``from_off``."""
        loop = self.loop_stack[-1] if self.loop_stack else None
        if loop is not None:
            if target == loop.head:
                self.emit(indent, "if _mhI: _mhI()")
                self.emit(indent, "continue")
                return
            self.emit(indent, f"_mB = {target}")
            if not loop.holds(target):
                loop.exits.add(target)
                self.emit(indent, "break")
            return  # (within the body: forward, tested next)
        self.emit(indent, f"_mB = {target}")
        if target <= from_off:
            self.emit(indent, "if _mhI: _mhI()")
            self.emit(indent, "continue")

    def name_load(self, q: str) -> str:
        if plain_name(q) and not q.startswith("_m") and q not in ("__debug__", "__builtins__"):
            return q
        return f"{self.helper('_mh_load_global')}(_mhG, {q!r})"

    def translate_block(self, start: int, end: int | None, ind: int, block_set: set) -> None:
        stack = ValueStack(Item(self.slot(i), pure=True, names=frozenset([self.slot(i)]))
                           for i in range(self.depth[start]))
        k = self.index[start]
        instrs = self.instrs
        fusions = self.fusions
        viper_ops = self.viper_ops
        while k < len(instrs):
            ins = instrs[k]
            if ins.offset != start and ins.offset in block_set:
                # fall through into the next block
                self.materialize(stack, ind)
                self.jump(ind, ins.offset, start)
                return
            self.cur_ip = ins.offset
            fusion = fusions.get(k)
            typed = viper_ops.get(ins.offset) if viper_ops is not None else None
            ends = None if typed is None else self.viper_op(ins, stack, ind, typed)
            if ends is not None:
                if ends:
                    return
                k += 1
            elif fusion is not None and self.fuse(fusion, k, stack, ind):
                k += fusion.length
            elif HANDLERS[ins.code](self, ins, stack, ind):
                return  # the instruction ends the block
            else:
                k += 1
            # keep expressions shallow enough for CPython's parser
            if stack and stack[-1].nest > _MAX_EXPR_NEST:
                self.materialize(stack, ind)
        self.emit(ind, "return None")

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

    def pend_check(self) -> str:
        """The statement raising what generator.pend_throw() left for this generator."""
        return (f"if {self.bind_once('_mhPT', pendthrow.PENDING)}: "
                f"{self.bind_once('_mhPR', pendthrow.raise_pending)}()")


# opcode byte -> the handler method translating it
HANDLERS = handler_table(FunctionTranslator)
