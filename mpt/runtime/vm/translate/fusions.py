"""Look-ahead fusions: short instruction sequences the translator emits as one.

They are found in a pass of their own over the decoded instructions (never across a block
start); at translation time each may still decline, when the symbolic stack does not allow it,
and the instructions are then translated one by one.

    comprehension_iter  LOAD_NULL, LOAD_FAST, LOAD_NULL, LOAD_NULL: a comprehension's iterator
                        argument in MicroPython's "iterator not on the stack" form; kept in our
                        form (slot 0 = the bound __next__)
    swap_operands       ROT_TWO before a (not in-place) binary operator, both operands pure:
                        the operands are just swapped
    rot_three_pair      ROT_THREE, ROT_THREE with two stack entries: async with's return/unwind
                        case, where MicroPython's (X, INT) pair is our one token: a swap
    inplace_store       an in-place operator whose result goes straight back into the local
                        it was loaded from: ``x += y``
"""

from __future__ import annotations

from dataclasses import dataclass

from mpt.mpy import opcodes as oc
from mpt.mpy.decode import Instruction
from mpt.runtime.vm.translate.ops_call import BINOPS, PLAIN_INPLACE
from mpt.runtime.vm.translate.item import Item
from mpt.runtime.vm.translate.parts import TranslatorParts

_LOAD_FAST = ("LOAD_FAST_N", "LOAD_FAST_MULTI")
_STORE_FAST = ("STORE_FAST_N", "STORE_FAST_MULTI")


@dataclass(frozen=True)
class Fusion:
    name: str  # one of the module docstring's
    length: int  # the instructions it translates


def _binop_name(ins: Instruction) -> str:
    return oc.BINARY_OPS[ins.code - oc.BINARY_OP_MULTI]


def find_fusions(instrs: list[Instruction], block_starts: set[int]) -> dict[int, Fusion]:
    """The fusions starting at each instruction index."""
    found: dict[int, Fusion] = {}
    for k, ins in enumerate(instrs):
        name = ins.name
        after = instrs[k + 1:k + 4]
        if any(i.offset in block_starts for i in after[:1]):
            continue
        nxt = after[0].name if after else ""
        if name == "LOAD_NULL":
            names = [i.name for i in after]
            if (len(names) == 3 and names[0] in _LOAD_FAST and names[1:] == ["LOAD_NULL"] * 2
                    and not any(i.offset in block_starts for i in after)):
                found[k] = Fusion("comprehension_iter", 4)
        elif name == "ROT_TWO":
            if nxt == "BINARY_OP_MULTI" and not _binop_name(after[0]).startswith("INPLACE"):
                found[k] = Fusion("swap_operands", 1)
        elif name == "ROT_THREE":
            if nxt == "ROT_THREE":
                found[k] = Fusion("rot_three_pair", 2)
        elif name == "BINARY_OP_MULTI" and nxt in _STORE_FAST:
            op = _binop_name(ins)
            if op.startswith("INPLACE_") and op[len("INPLACE_"):] not in PLAIN_INPLACE:
                found[k] = Fusion("inplace_store", 2)
    return found


class Fusions(TranslatorParts):
    """The translations of the fusions (mixed into the FunctionTranslator)."""

    def fuse(self, fusion: Fusion, k: int, stack: list[Item], ind: int) -> bool:
        """Translate the fusion at instruction index ``k``; False if it does not apply."""
        return getattr(self, "fuse_" + fusion.name)(self.instrs[k:k + fusion.length], stack, ind)

    def fuse_comprehension_iter(self, instrs: list[Instruction], stack: list[Item],
                                ind: int) -> bool:
        fast = instrs[1]
        i = fast.arg if fast.name == "LOAD_FAST_N" else fast.code - oc.LOAD_FAST_MULTI
        stack.append(Item(f"{self.local(i)}.__next__"))
        stack.extend(Item("None", pure=True, kind="null") for _ in range(3))
        return True

    def fuse_swap_operands(self, instrs: list[Instruction], stack: list[Item],
                           ind: int) -> bool:
        if not all(it.pure and it.kind == "val" for it in stack[-2:]):
            return False
        # consumed at once by the next operator: just swap the operands
        stack[-1], stack[-2] = stack[-2], stack[-1]
        return True

    def fuse_rot_three_pair(self, instrs: list[Instruction], stack: list[Item],
                            ind: int) -> bool:
        if len(stack) != 2:
            return False
        self.rotate(stack, ind, [1, 0])
        return True

    def fuse_inplace_store(self, instrs: list[Instruction], stack: list[Item],
                           ind: int) -> bool:
        binop, store = instrs
        lhs, rhs = stack[-2:]
        if not (lhs.pure and lhs.names and not lhs.code.startswith("_mS")):
            return False
        target_local = self.local(store.arg if store.name == "STORE_FAST_N"
                                  else store.code - oc.STORE_FAST_MULTI)
        if target_local != lhs.code:
            return False
        del stack[-2:]
        op = _binop_name(binop)[len("INPLACE_"):]
        sym = BINOPS[op]
        self.before_stmt(stack, ind, {target_local})
        rcode = self.inplace_operand(sym, rhs, target_local, ind, self.slot(len(stack)))
        self.emit(ind, f"{target_local} {sym}= {rcode}")
        self.round_float(ind, target_local, op)
        return True
