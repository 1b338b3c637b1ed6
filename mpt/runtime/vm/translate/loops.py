"""``for`` loops translated as Python ``for`` statements.

Two shapes: a loop over an iterator, and MicroPython's counting loop for ``range``.

A guest ``for x in y:`` is GET_ITER_STACK, then FOR_ITER at the loop's head H (exit E, the
body from the instruction after it up to E) and a JUMP back to H. In the block loop every
iteration would call the iterator's ``__next__`` inside a try and walk the ``if _mB == ...``
tests from the top of the function again; a loop whose body can be nested instead becomes

    if _mB == H:
        for _mS<d> in _mS<d-4>:          # the iterator (helpers.loop_iter)
            <the body's blocks>          # a jump to H: "continue"; out of the loop: "break"
        else:
            _mB = E
        <exits that the enclosing level cannot fall through to>

``for i in range(a, b, step)`` (step a constant) is compiled by MicroPython into a counter on
the stack: a JUMP to the test C (``counter < end``, or ``>`` for a negative step, then
POP_JUMP_IF_TRUE back to the body B), the body, and the increment (``counter += step``) just
before C. It becomes ``for <counter> in _mh_range_loop(<counter>, <end>, step, less):`` placed
where B is and entered when ``_mB == C``; the increment and the test are not emitted (a jump
to the increment is "continue"), and the ``for`` line stands for the test's offset.

A loop is nested only when nothing but its head's GET_ITER_STACK enters it, every backward
jump in its body goes to its own head or lies within a nested loop, and it holds no
exception-handler set-up or unwinding (whose generated code continues the block loop).
Exceptions need nothing more: the handler search maps the failing line to its bytecode
offset, wherever the line is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mpt.mpy import opcodes as oc
from mpt.mpy.decode import Instruction

# instructions whose translation continues the function's block loop (or sets up handlers)
_UNNESTABLE = frozenset(("SETUP_EXCEPT", "SETUP_FINALLY", "SETUP_WITH", "UNWIND_JUMP",
                         "END_FINALLY", "POP_EXCEPT_JUMP", "WITH_CLEANUP"))
_JUMPS = frozenset(("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP", "JUMP_IF_TRUE_OR_POP",
                    "JUMP_IF_FALSE_OR_POP", "FOR_ITER", "POP_EXCEPT_JUMP", "UNWIND_JUMP"))
_MAX_NEST = 8  # nested loops (CPython allows 20 statically nested blocks in a function)


@dataclass
class ForLoop:
    head: int  # where the next iteration starts: the FOR_ITER's offset, a counter's increment
    body: int  # the first offset of the body
    exit: int  # where the loop goes when the iterator is exhausted
    start: int = -1  # the first offset of the loop (FOR_ITER, or the body of a counter)
    entry: int = -1  # the offset the block loop enters it at (FOR_ITER, a counter's test)
    test: int = -1  # a counter's comparison (-1: a loop over an iterator)
    end_const: int | None = None  # a counter's end when it is a constant (else on the stack)
    step: int = 0
    less: bool = True  # the test is counter < end (else counter > end)
    exits: set = field(default_factory=set)  # targets left by "break" (filled while emitting)

    def __post_init__(self) -> None:
        if self.start < 0:
            self.start = self.entry = self.head

    def holds(self, off: int) -> bool:
        return self.start <= off < self.exit

    @property
    def body_end(self) -> int:
        """Where the emitted body ends (the rest is the header's)."""
        return self.exit if self.test < 0 else self.head


def find_for_loops(instrs: list[Instruction], index: dict[int, int], handlers: dict,
                   has_finally: bool) -> dict[int, ForLoop]:
    """The loops to nest, by head offset."""
    candidates = []
    for k, ins in enumerate(instrs):
        counter = _counting_loop(instrs, index, k)
        if counter is not None:
            candidates.append(counter)
            continue
        if ins.name != "FOR_ITER" or k == 0 or ins.arg <= ins.offset:
            continue
        before = instrs[k - 1]
        if before.name != "GET_ITER_STACK" or before.end != ins.offset:
            continue
        if ins.arg not in index:
            continue
        candidates.append(ForLoop(ins.offset, ins.end, ins.arg))
    candidates.sort(key=lambda lp: lp.exit - lp.start)  # inner loops first
    chosen: list[ForLoop] = []
    height: dict[int, int] = {}  # loops nested in one, itself included
    for loop in candidates:
        if _nestable(loop, instrs, index, handlers, has_finally, chosen):
            chosen.append(loop)
            height[loop.head] = 1 + max((height[o.head] for o in chosen
                                         if o is not loop and loop.holds(o.start)), default=0)
    # an outer loop too deep stays in the block loop (the loops inside it are still nested)
    return {loop.start: loop for loop in chosen if height[loop.head] <= _MAX_NEST}


def _binop(ins: Instruction) -> str:
    return oc.BINARY_OPS[ins.code - oc.BINARY_OP_MULTI] if ins.name == "BINARY_OP_MULTI" else ""


def _small_int(ins: Instruction) -> int | None:
    if ins.name == "LOAD_CONST_SMALL_INT":
        return ins.arg
    if ins.name == "LOAD_CONST_SMALL_INT_MULTI":
        return oc.small_int_multi_value(ins.code)
    return None


def _counting_loop(instrs: list[Instruction], index: dict[int, int], k: int) -> ForLoop | None:
    """The counting loop whose test starts at instruction k, if it is one."""
    seq = instrs[k:k + 4]
    if len(seq) < 4 or k < 3:
        return None
    if seq[0].name == "DUP_TOP_TWO" and seq[1].name == "ROT_TWO":
        end_const = None
    elif seq[0].name == "DUP_TOP" and _small_int(seq[1]) is not None:
        end_const = _small_int(seq[1])
    else:
        return None
    compare, back = seq[2], seq[3]
    if _binop(compare) not in ("LESS", "MORE") or back.name != "POP_JUMP_IF_TRUE":
        return None
    body = back.arg
    step_ins, add = instrs[k - 2], instrs[k - 1]
    step = _small_int(step_ins)
    if not step or _binop(add) != "INPLACE_ADD" or not body < step_ins.offset:
        return None
    entry = instrs[index[body] - 1] if index.get(body, 0) > 0 else None
    if entry is None or entry.name != "JUMP" or entry.arg != seq[0].offset:
        return None
    return ForLoop(head=step_ins.offset, body=body, exit=back.end, start=body,
                   entry=seq[0].offset, test=compare.offset, end_const=end_const, step=step,
                   less=_binop(compare) == "LESS")


def _nestable(loop: ForLoop, instrs: list[Instruction], index: dict[int, int], handlers: dict,
              has_finally: bool, inner: list[ForLoop]) -> bool:
    if any(loop.holds(h) for h in handlers):
        return False
    for other in inner:  # loops must nest, not overlap
        if loop.holds(other.start) != loop.holds(other.exit - 1):
            return False
    lo, hi = index[loop.start], index[loop.exit]
    for k, ins in enumerate(instrs):
        name = ins.name
        inside = lo <= k < hi
        if inside and (name in _UNNESTABLE or (has_finally and name == "RETURN_VALUE")):
            return False
        if name not in _JUMPS:
            continue
        target = ins.arg
        if not inside:
            if loop.holds(target) and not (target == loop.entry and loop.test >= 0
                                           and ins.end == loop.start):
                return False  # entered from outside (but at a counter's test)
            continue
        if loop.test >= 0 and ins.offset >= loop.head:
            continue  # the counter's own increment and test
        if any(other.holds(ins.offset) and other.holds(target) for other in inner
               if loop.holds(other.start)):
            continue  # within a nested loop (which has been checked)
        if loop.body_end <= target < loop.exit and target != loop.head:
            return False  # into the part the header stands for
        if not loop.holds(target) or target == loop.head or target > ins.offset:
            continue
        # backward within the body: only as the back edge of a nested loop
        if not any(other.head == target and other.holds(ins.offset) for other in inner
                   if loop.holds(other.start)):
            return False
    return True
