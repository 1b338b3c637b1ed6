"""Static analysis of one function's bytecode before it is translated.

The stack depth and the exception-handler stack at every instruction (MicroPython's stack
depth is static), the basic-block starts and the handler entry points.
"""

from __future__ import annotations

from mpt.mpy import opcodes as oc
from mpt.mpy.decode import Instruction
from mpt.runtime.vm.translate.corrupt import CorruptBytecode
from mpt.runtime.vm.translate.parts import TranslatorParts
from mpt.runtime.vm.translate.stack import ITER_NSLOTS


# an active exception handler: (its offset, "except" | "finally" | "awith" | "with", the stack
# depth of its slot)
Handler = tuple[int, str, int]

_TERMINATORS = oc.NO_FALL_THROUGH
_MAKES_FUNCTION = frozenset(("MAKE_FUNCTION", "MAKE_FUNCTION_DEFARGS", "MAKE_CLOSURE",
                             "MAKE_CLOSURE_DEFARGS"))


class Analysis(TranslatorParts):
    """Static stack depth, handler stacks and blocks."""

    def check_operands(self) -> None:
        """Every index an instruction carries names an entry of its table."""
        tables = {oc.QSTR: len(self.qstrs), oc.OBJ: len(self.module.objects)}
        children = len(self.rc.children)
        for ins in self.instrs:
            size = children if ins.name in _MAKES_FUNCTION else tables.get(ins.opcode.operand)
            if size is not None and not 0 <= ins.arg < size:
                raise CorruptBytecode()

    def analyse(self) -> None:
        """Static stack depth and handler stack at every instruction; basic-block starts."""
        self.check_operands()
        instrs = self.instrs
        index = {ins.offset: k for k, ins in enumerate(instrs)}
        self.index = index
        depth: dict[int, int] = {}
        hstack: dict[int, tuple[Handler, ...]] = {}
        blocks = {0}
        handlers: dict[int, int] = {}  # handler offset -> depth of its stack slot
        work: list[tuple[int, int, tuple[Handler, ...]]] = [(0, 0, ())]
        while work:
            off, d, hs = work.pop()
            while True:
                if off in depth:
                    break
                if off not in index:
                    # a jump or handler target that is no instruction (a corrupt .mpy):
                    # refused here, else the dispatch loop would look for it forever
                    raise CorruptBytecode()
                if d < 0:
                    raise CorruptBytecode()  # the stack ran dry
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
                target = self._jump_target(ins, d, nd, hs)
                if target is not None:
                    blocks.add(ins.arg)
                    work.append(target)
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

    @staticmethod
    def _jump_target(ins: Instruction, d: int, nd: int, hs: tuple) -> tuple | None:
        """Where the jump of ``ins`` leads, as (offset, stack depth, handler stack) there;
        ``d``/``nd``: the depth before/after it, ``hs``: the handler stack after it."""
        name = ins.name
        if name in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP", "POP_EXCEPT_JUMP"):
            return ins.arg, nd, hs
        if name in ("JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP"):
            return ins.arg, d, hs
        if name == "FOR_ITER":
            return ins.arg, d - ITER_NSLOTS, hs
        if name == "UNWIND_JUMP":
            iter_slots = ITER_NSLOTS if ins.extra & 0x80 else 0
            count = ins.extra & 0x7F
            if count and count <= len(hs):
                outer = hs[-count]
                dd = outer[2] - {"with": 2, "awith": 1}.get(outer[1], 0)
                return ins.arg, dd - iter_slots, hs[:-count]
            return ins.arg, d - iter_slots, hs
        return None
