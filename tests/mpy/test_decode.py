"""The shared instruction decoder and the opcode table's stack effects, on real compiler output."""

from pathlib import Path

import pytest

from mpt.crosscompile.api import compile_to_module
from mpt.errors import MpyFormatError
from mpt.mpy import opcodes
from mpt.mpy.decode import decode, iter_instructions
from mpt.mpy.mpyfile import read_mpy
from mpt.mpy.prelude import decode_prelude
from mpt.mpy.rawcode import KIND_BYTECODE, RawCode
from mpycross_ref import mpy_cross_compile, needs_mpy_cross

CORPUS = Path(__file__).parent.parent / "crosscompile" / "corpus"


def _functions(rc: RawCode):
    if rc.kind == KIND_BYTECODE:
        yield rc
    for child in rc.children:
        yield from _functions(child)


def _corpus_functions():
    for path in sorted(CORPUS.glob("*.py")):
        module = compile_to_module(path.read_bytes(), path.name)
        for rc in _functions(module.root):
            yield path.name, rc


def test_offsets_sizes_and_ends_tile_the_bytecode():
    for name, rc in _corpus_functions():
        p = decode_prelude(rc.fun_data)
        instructions = decode(rc.fun_data, p.code_offset)
        pos = 0
        for ins in instructions:
            assert (ins.offset, ins.end) == (pos, pos + ins.size), name
            assert ins.name == ins.opcode.name and opcodes.TABLE[ins.code] is ins.opcode
            pos = ins.end
        assert pos == len(rc.fun_data) - p.code_offset, name


def test_every_jump_lands_on_an_instruction():
    # vm.c takes the target relative to the end of the offset bytes, also for UNWIND_JUMP
    # whose unwind-count byte comes after them
    kinds = set()
    for name, rc in _corpus_functions():
        p = decode_prelude(rc.fun_data)
        instructions = decode(rc.fun_data, p.code_offset)
        starts = {ins.offset for ins in instructions}
        for ins in instructions:
            if ins.opcode.operand in opcodes.JUMP_KINDS:
                assert ins.arg in starts, (name, ins)
                kinds.add(ins.name)
    assert "UNWIND_JUMP" in kinds and "FOR_ITER" in kinds


def test_decoding_from_an_offset_equals_decoding_a_slice():
    for _, rc in _corpus_functions():
        start = decode_prelude(rc.fun_data).code_offset
        whole = [(i.offset, i.size, i.opcode, i.arg, i.extra)
                 for i in decode(rc.fun_data, start)]
        sliced = [(i.offset, i.size, i.opcode, i.arg, i.extra)
                  for i in iter_instructions(rc.fun_data[start:])]
        assert whole == sliced


def test_unwind_jump_target_and_count():
    # UNWIND_JUMP +1 (1-byte form) with unwind byte 0x81, then two 1-byte instructions
    code = bytes([opcodes.UNWIND_JUMP, 0x40 + 1, 0x81, opcodes.POP_TOP, opcodes.POP_TOP])
    first = decode(code)[0]
    assert (first.arg, first.extra, first.size, first.end) == (3, 0x81, 3, 3)


def test_errors_give_the_offset_from_the_bytecode_start():
    with pytest.raises(MpyFormatError, match="invalid opcode 0xff at bytecode offset 1"):
        decode(bytes([0x00, opcodes.POP_TOP, 0xFF]), 1)
    with pytest.raises(MpyFormatError, match="middle of an instruction"):
        decode(bytes([opcodes.JUMP, 0x80]))


def _max_depth(rc: RawCode) -> int:
    """Deepest value stack along every path, by the table's stack effects."""
    p = decode_prelude(rc.fun_data)
    instructions = decode(rc.fun_data, p.code_offset)
    at = {ins.offset: ins for ins in instructions}
    depth: dict[int, int] = {}
    work = [(0, 0)]
    deepest = 0
    while work:
        off, d = work.pop()
        while off in at and off not in depth:
            depth[off] = d
            ins = at[off]
            after = d + ins.stack_effect()
            deepest = max(deepest, d, after)
            if ins.name in ("SETUP_EXCEPT", "SETUP_FINALLY"):
                work.append((ins.arg, d + 1))
            elif ins.name == "SETUP_WITH":
                work.append((ins.arg, d + 2))
            elif ins.name == "FOR_ITER":
                work.append((ins.arg, d - opcodes.ITER_BUF_NSLOTS))
            elif ins.name in ("JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP"):
                work.append((ins.arg, d))
            elif ins.opcode.operand in opcodes.JUMP_KINDS and ins.name != "UNWIND_JUMP":
                work.append((ins.arg, after))
            if ins.name in opcodes.NO_FALL_THROUGH:
                break
            off, d = ins.end, after
    return deepest


@needs_mpy_cross
@pytest.mark.parametrize("source", [
    "x = [a + b * c for a in range(3)]\nprint(x, {1: 2, 3: (4, 5)})\n",
    "try:\n    f(1, *a, k=2, **kw)\nexcept E as e:\n    g[1:2] = e.x\n",
    "with open(f) as a, open(g) as b:\n    a, *b, c = b\n",
    "class C(B):\n    x = 1\nimport a.b as c\nfrom d import e, f\ndel c.x\n",
    "x = y if a and not b or c else -z\nf(lambda: x, *(1, 2))\n",
])
def test_stack_effects_agree_with_the_depth_mpy_cross_reserves(source):
    # n_state = locals + the deepest stack the emitter counted; module bodies have no locals,
    # so there n_state is exactly the deepest stack (at least 1), found again from the table.
    module = read_mpy(mpy_cross_compile(source))
    n_state = decode_prelude(module.root.fun_data).n_state
    assert max(_max_depth(module.root), 1) == n_state


@needs_mpy_cross
def test_stack_effects_stay_within_what_mpy_cross_reserves_for_unwinding():
    # try/finally also reserves room for an unwind token the emitter cannot see in the code
    source = "for i in range(3):\n    try:\n        break\n    finally:\n        print(i)\n"
    module = read_mpy(mpy_cross_compile(source))
    assert _max_depth(module.root) <= decode_prelude(module.root.fun_data).n_state


def test_multi_opcodes_share_one_stack_effect():
    for code, op in enumerate(opcodes.TABLE):
        if op is not None and op.name.endswith("_MULTI"):
            expected = {"LOAD_CONST_SMALL_INT_MULTI": 1, "LOAD_FAST_MULTI": 1,
                        "STORE_FAST_MULTI": -1, "UNARY_OP_MULTI": 0, "BINARY_OP_MULTI": -1}
            assert op.stack_effect() == expected[op.name]


def test_operand_dependent_stack_effects():
    op = opcodes.OP
    assert op["BUILD_TUPLE"].stack_effect(3) == -2
    assert op["CALL_FUNCTION"].stack_effect(2 | 1 << 8) == -4  # 2 positional, 1 keyword
    assert op["CALL_METHOD_VAR_KW"].stack_effect(1) == -3
    assert op["UNPACK_EX"].stack_effect(1 | 2 << 8) == 3
    assert op["MAKE_CLOSURE"].stack_effect(0, 2) == -1
    assert op["STORE_COMP"].stack_effect(5 << 2 | 1) == -2  # dict comprehension
    assert op["GET_ITER_STACK"].stack_effect() == opcodes.ITER_BUF_NSLOTS - 1
