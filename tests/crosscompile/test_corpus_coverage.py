"""The differential corpus must exercise every opcode and the multi-byte encodings.

The differential suite only proves byte-identity for what the corpus emits, so the corpus itself
is checked here: a program removed or simplified must not silently shrink what is compared.
"""

from pathlib import Path

from mpt.crosscompile.api import compile_to_module
from mpt.mpy import opcodes
from mpt.mpy.decode import decode
from mpt.mpy.prelude import decode_prelude

CORPUS = Path(__file__).parent / "corpus"
JUMPS = (opcodes.JUMP_S, opcodes.JUMP_U, opcodes.JUMP_S_BYTE)


def opcode_key(op: opcodes.Opcode) -> str:
    if op.name == "UNARY_OP_MULTI":
        return "UNARY_" + opcodes.UNARY_OPS[op.code - opcodes.UNARY_OP_MULTI]
    if op.name == "BINARY_OP_MULTI":
        return "BINARY_" + opcodes.BINARY_OPS[op.code - opcodes.BINARY_OP_MULTI]
    return op.name


def corpus_instructions():
    def walk(raw_code):
        prelude = decode_prelude(raw_code.fun_data)
        yield prelude, decode(raw_code.fun_data, prelude.code_offset)
        for child in raw_code.children:
            yield from walk(child)

    for path in sorted(CORPUS.glob("*.py")):
        yield from walk(compile_to_module(path.read_bytes(), path.name).root)


def test_corpus_emits_every_opcode_and_long_encodings():
    seen = set()
    long_jumps = wide_operands = 0
    largest_line_step = 0
    for prelude, instructions in corpus_instructions():
        lines = [line for _, line in prelude.lines]
        largest_line_step = max([largest_line_step] + [b - a for a, b in zip(lines, lines[1:])])
        for ins in instructions:
            seen.add(opcode_key(ins.opcode))
            extra = 1 if ins.opcode.operand == opcodes.JUMP_S_BYTE else 0
            if ins.opcode.operand in JUMPS and ins.size == 3 + extra:
                long_jumps += 1
            if ins.opcode.operand in (opcodes.OBJ, opcodes.QSTR) and ins.size > 2:
                wide_operands += 1
    every = {opcode_key(op) for op in opcodes.TABLE if op is not None}
    assert every - seen == set()
    assert long_jumps > 0
    assert wide_operands > 0
    assert largest_line_step == 2047  # the widest step one line-info entry can encode
