"""``for`` loops translated as Python ``for`` statements.

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

A loop is nested only when nothing but its head's GET_ITER_STACK enters it, every backward
jump in its body goes to its own head or lies within a nested loop, and it holds no
exception-handler set-up or unwinding (whose generated code continues the block loop).
Exceptions need nothing more: the handler search maps the failing line to its bytecode
offset, wherever the line is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mpt.mpy.decode import Instruction

# instructions whose translation continues the function's block loop (or sets up handlers)
_UNNESTABLE = frozenset(("SETUP_EXCEPT", "SETUP_FINALLY", "SETUP_WITH", "UNWIND_JUMP",
                         "END_FINALLY", "POP_EXCEPT_JUMP", "WITH_CLEANUP"))
_JUMPS = frozenset(("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP", "JUMP_IF_TRUE_OR_POP",
                    "JUMP_IF_FALSE_OR_POP", "FOR_ITER", "POP_EXCEPT_JUMP", "UNWIND_JUMP"))
_MAX_NEST = 8  # nested loops (CPython allows 20 statically nested blocks in a function)


@dataclass
class ForLoop:
    head: int  # the FOR_ITER's offset
    body: int  # the first offset of the body
    exit: int  # where the loop goes when the iterator is exhausted
    exits: set = field(default_factory=set)  # targets left by "break" (filled while emitting)

    def holds(self, off: int) -> bool:
        return self.head <= off < self.exit


def find_for_loops(instrs: list[Instruction], index: dict[int, int], handlers: dict,
                   has_finally: bool) -> dict[int, ForLoop]:
    """The loops to nest, by head offset."""
    candidates = []
    for k, ins in enumerate(instrs):
        if ins.name != "FOR_ITER" or k == 0 or ins.arg <= ins.offset:
            continue
        before = instrs[k - 1]
        if before.name != "GET_ITER_STACK" or before.end != ins.offset:
            continue
        if ins.arg not in index:
            continue
        candidates.append(ForLoop(ins.offset, ins.end, ins.arg))
    candidates.sort(key=lambda lp: lp.exit - lp.head)  # inner loops first
    chosen: list[ForLoop] = []
    height: dict[int, int] = {}  # loops nested in one, itself included
    for loop in candidates:
        if _nestable(loop, instrs, index, handlers, has_finally, chosen):
            chosen.append(loop)
            height[loop.head] = 1 + max((height[o.head] for o in chosen
                                         if o is not loop and loop.holds(o.head)), default=0)
    # an outer loop too deep stays in the block loop (the loops inside it are still nested)
    return {loop.head: loop for loop in chosen if height[loop.head] <= _MAX_NEST}


def _nestable(loop: ForLoop, instrs: list[Instruction], index: dict[int, int], handlers: dict,
              has_finally: bool, inner: list[ForLoop]) -> bool:
    if any(loop.holds(h) for h in handlers):
        return False
    for other in inner:  # loops must nest, not overlap
        if loop.holds(other.head) != loop.holds(other.exit - 1):
            return False
    lo, hi = index[loop.head], index[loop.exit]
    for k, ins in enumerate(instrs):
        name = ins.name
        inside = lo <= k < hi
        if inside and (name in _UNNESTABLE or (has_finally and name == "RETURN_VALUE")):
            return False
        if name not in _JUMPS:
            continue
        target = ins.arg
        if not inside:
            if loop.holds(target):
                return False  # entered from outside
            continue
        if not loop.holds(target) or target == loop.head or target > ins.offset:
            continue
        # backward within the body: only as the back edge of a nested loop
        if not any(other.head == target and other.holds(ins.offset) for other in inner
                   if loop.holds(other.head)):
            return False
    return True
