"""MicroPython 1.29 bytecode: the one opcode table shared by emitter, disassembler and VM.

Operand kinds (how the bytes after the opcode byte are read):
    NONE        no operand
    QSTR        var-uint index into the module's qstr table
    UINT        var-uint
    SINT        signed var-int (LOAD_CONST_SMALL_INT)
    OBJ         var-uint index into the module's constant-object table
    JUMP_S      signed relative offset: 1 byte (value - 0x40) or 2 bytes (value - 0x4000)
    JUMP_U      unsigned relative offset: 1 or 2 bytes
    UINT_BYTE   var-uint then one extra byte (MAKE_CLOSURE*: number of closed-over cells)
    JUMP_S_BYTE signed relative offset then one extra byte (UNWIND_JUMP: unwind count)

Relative jump offsets count from the end of the instruction. In the 2-byte jump form the
first byte has its high bit set: value = (b0 & 0x7f) | (b1 << 7).
"""

from __future__ import annotations

from dataclasses import dataclass

NONE, QSTR, UINT, SINT, OBJ, JUMP_S, JUMP_U, UINT_BYTE, JUMP_S_BYTE = (
    "none", "qstr", "uint", "sint", "obj", "jump_s", "jump_u", "uint_byte", "jump_s_byte")

BASE_QSTR_O = 0x10
BASE_VINT_E = 0x20
BASE_VINT_O = 0x30
BASE_JUMP_E = 0x40
BASE_BYTE_O = 0x50
BASE_BYTE_E = 0x60

LOAD_CONST_SMALL_INT_MULTI = 0x70
LOAD_CONST_SMALL_INT_MULTI_NUM = 64
LOAD_CONST_SMALL_INT_MULTI_EXCESS = 16
LOAD_FAST_MULTI = 0xB0
LOAD_FAST_MULTI_NUM = 16
STORE_FAST_MULTI = 0xC0
STORE_FAST_MULTI_NUM = 16
UNARY_OP_MULTI = 0xD0
BINARY_OP_MULTI = 0xD7

# Unary operators (mp_unary_op_t); the first UNARY_OP_NUM_BYTECODE have opcodes.
UNARY_OPS = ("POSITIVE", "NEGATIVE", "INVERT", "NOT", "BOOL", "LEN", "HASH", "ABS",
             "INT_MAYBE", "FLOAT_MAYBE", "COMPLEX_MAYBE", "SIZEOF")
UNARY_OP_NUM_BYTECODE = 4

# Binary operators (mp_binary_op_t); the first BINARY_OP_NUM_BYTECODE have opcodes.
BINARY_OPS = (
    "LESS", "MORE", "EQUAL", "LESS_EQUAL", "MORE_EQUAL", "NOT_EQUAL", "IN", "IS",
    "EXCEPTION_MATCH",
    "INPLACE_OR", "INPLACE_XOR", "INPLACE_AND", "INPLACE_LSHIFT", "INPLACE_RSHIFT",
    "INPLACE_ADD", "INPLACE_SUBTRACT", "INPLACE_MULTIPLY", "INPLACE_MAT_MULTIPLY",
    "INPLACE_FLOOR_DIVIDE", "INPLACE_TRUE_DIVIDE", "INPLACE_MODULO", "INPLACE_POWER",
    "OR", "XOR", "AND", "LSHIFT", "RSHIFT", "ADD", "SUBTRACT", "MULTIPLY", "MAT_MULTIPLY",
    "FLOOR_DIVIDE", "TRUE_DIVIDE", "MODULO", "POWER",
    "DIVMOD", "CONTAINS",
    "REVERSE_OR", "REVERSE_XOR", "REVERSE_AND", "REVERSE_LSHIFT", "REVERSE_RSHIFT",
    "REVERSE_ADD", "REVERSE_SUBTRACT", "REVERSE_MULTIPLY", "REVERSE_MAT_MULTIPLY",
    "REVERSE_FLOOR_DIVIDE", "REVERSE_TRUE_DIVIDE", "REVERSE_MODULO", "REVERSE_POWER",
    "NOT_IN", "IS_NOT",
)
BINARY_OP_NUM_BYTECODE = BINARY_OPS.index("POWER") + 1
UNARY_OP = {name: i for i, name in enumerate(UNARY_OPS)}
BINARY_OP = {name: i for i, name in enumerate(BINARY_OPS)}


@dataclass(frozen=True)
class Opcode:
    name: str
    code: int
    operand: str


_SINGLE = (
    ("LOAD_CONST_FALSE", BASE_BYTE_O + 0x00, NONE),
    ("LOAD_CONST_NONE", BASE_BYTE_O + 0x01, NONE),
    ("LOAD_CONST_TRUE", BASE_BYTE_O + 0x02, NONE),
    ("LOAD_CONST_SMALL_INT", BASE_VINT_E + 0x02, SINT),
    ("LOAD_CONST_STRING", BASE_QSTR_O + 0x00, QSTR),
    ("LOAD_CONST_OBJ", BASE_VINT_E + 0x03, OBJ),
    ("LOAD_NULL", BASE_BYTE_O + 0x03, NONE),
    ("LOAD_FAST_N", BASE_VINT_E + 0x04, UINT),
    ("LOAD_DEREF", BASE_VINT_E + 0x05, UINT),
    ("LOAD_NAME", BASE_QSTR_O + 0x01, QSTR),
    ("LOAD_GLOBAL", BASE_QSTR_O + 0x02, QSTR),
    ("LOAD_ATTR", BASE_QSTR_O + 0x03, QSTR),
    ("LOAD_METHOD", BASE_QSTR_O + 0x04, QSTR),
    ("LOAD_SUPER_METHOD", BASE_QSTR_O + 0x05, QSTR),
    ("LOAD_BUILD_CLASS", BASE_BYTE_O + 0x04, NONE),
    ("LOAD_SUBSCR", BASE_BYTE_O + 0x05, NONE),
    ("STORE_FAST_N", BASE_VINT_E + 0x06, UINT),
    ("STORE_DEREF", BASE_VINT_E + 0x07, UINT),
    ("STORE_NAME", BASE_QSTR_O + 0x06, QSTR),
    ("STORE_GLOBAL", BASE_QSTR_O + 0x07, QSTR),
    ("STORE_ATTR", BASE_QSTR_O + 0x08, QSTR),
    ("STORE_SUBSCR", BASE_BYTE_O + 0x06, NONE),
    ("DELETE_FAST", BASE_VINT_E + 0x08, UINT),
    ("DELETE_DEREF", BASE_VINT_E + 0x09, UINT),
    ("DELETE_NAME", BASE_QSTR_O + 0x09, QSTR),
    ("DELETE_GLOBAL", BASE_QSTR_O + 0x0A, QSTR),
    ("DUP_TOP", BASE_BYTE_O + 0x07, NONE),
    ("DUP_TOP_TWO", BASE_BYTE_O + 0x08, NONE),
    ("POP_TOP", BASE_BYTE_O + 0x09, NONE),
    ("ROT_TWO", BASE_BYTE_O + 0x0A, NONE),
    ("ROT_THREE", BASE_BYTE_O + 0x0B, NONE),
    ("UNWIND_JUMP", BASE_JUMP_E + 0x00, JUMP_S_BYTE),
    ("JUMP", BASE_JUMP_E + 0x02, JUMP_S),
    ("POP_JUMP_IF_TRUE", BASE_JUMP_E + 0x03, JUMP_S),
    ("POP_JUMP_IF_FALSE", BASE_JUMP_E + 0x04, JUMP_S),
    ("JUMP_IF_TRUE_OR_POP", BASE_JUMP_E + 0x05, JUMP_U),
    ("JUMP_IF_FALSE_OR_POP", BASE_JUMP_E + 0x06, JUMP_U),
    ("SETUP_WITH", BASE_JUMP_E + 0x07, JUMP_U),
    ("SETUP_EXCEPT", BASE_JUMP_E + 0x08, JUMP_U),
    ("SETUP_FINALLY", BASE_JUMP_E + 0x09, JUMP_U),
    ("POP_EXCEPT_JUMP", BASE_JUMP_E + 0x0A, JUMP_U),
    ("FOR_ITER", BASE_JUMP_E + 0x0B, JUMP_U),
    ("WITH_CLEANUP", BASE_BYTE_O + 0x0C, NONE),
    ("END_FINALLY", BASE_BYTE_O + 0x0D, NONE),
    ("GET_ITER", BASE_BYTE_O + 0x0E, NONE),
    ("GET_ITER_STACK", BASE_BYTE_O + 0x0F, NONE),
    ("BUILD_TUPLE", BASE_VINT_E + 0x0A, UINT),
    ("BUILD_LIST", BASE_VINT_E + 0x0B, UINT),
    ("BUILD_MAP", BASE_VINT_E + 0x0C, UINT),
    ("STORE_MAP", BASE_BYTE_E + 0x02, NONE),
    ("BUILD_SET", BASE_VINT_E + 0x0D, UINT),
    ("BUILD_SLICE", BASE_VINT_E + 0x0E, UINT),
    ("STORE_COMP", BASE_VINT_E + 0x0F, UINT),
    ("UNPACK_SEQUENCE", BASE_VINT_O + 0x00, UINT),
    ("UNPACK_EX", BASE_VINT_O + 0x01, UINT),
    ("RETURN_VALUE", BASE_BYTE_E + 0x03, NONE),
    ("RAISE_LAST", BASE_BYTE_E + 0x04, NONE),
    ("RAISE_OBJ", BASE_BYTE_E + 0x05, NONE),
    ("RAISE_FROM", BASE_BYTE_E + 0x06, NONE),
    ("YIELD_VALUE", BASE_BYTE_E + 0x07, NONE),
    ("YIELD_FROM", BASE_BYTE_E + 0x08, NONE),
    ("MAKE_FUNCTION", BASE_VINT_O + 0x02, UINT),
    ("MAKE_FUNCTION_DEFARGS", BASE_VINT_O + 0x03, UINT),
    ("MAKE_CLOSURE", BASE_VINT_E + 0x00, UINT_BYTE),
    ("MAKE_CLOSURE_DEFARGS", BASE_VINT_E + 0x01, UINT_BYTE),
    ("CALL_FUNCTION", BASE_VINT_O + 0x04, UINT),
    ("CALL_FUNCTION_VAR_KW", BASE_VINT_O + 0x05, UINT),
    ("CALL_METHOD", BASE_VINT_O + 0x06, UINT),
    ("CALL_METHOD_VAR_KW", BASE_VINT_O + 0x07, UINT),
    ("IMPORT_NAME", BASE_QSTR_O + 0x0B, QSTR),
    ("IMPORT_FROM", BASE_QSTR_O + 0x0C, QSTR),
    ("IMPORT_STAR", BASE_BYTE_E + 0x09, NONE),
)

# Every single-meaning opcode by name, e.g. OP["JUMP"].code == 0x42.
OP: dict[str, Opcode] = {name: Opcode(name, code, kind) for name, code, kind in _SINGLE}
for _op in OP.values():
    globals()[_op.name] = _op.code


def _build_table() -> list[Opcode | None]:
    """One entry per byte value; the multi-opcodes carry their implied argument in the name."""
    table: list[Opcode | None] = [None] * 256
    for op in OP.values():
        table[op.code] = op
    for i in range(LOAD_CONST_SMALL_INT_MULTI_NUM):
        code = LOAD_CONST_SMALL_INT_MULTI + i
        table[code] = Opcode("LOAD_CONST_SMALL_INT_MULTI", code, NONE)
    for i in range(LOAD_FAST_MULTI_NUM):
        table[LOAD_FAST_MULTI + i] = Opcode("LOAD_FAST_MULTI", LOAD_FAST_MULTI + i, NONE)
    for i in range(STORE_FAST_MULTI_NUM):
        table[STORE_FAST_MULTI + i] = Opcode("STORE_FAST_MULTI", STORE_FAST_MULTI + i, NONE)
    for i in range(UNARY_OP_NUM_BYTECODE):
        table[UNARY_OP_MULTI + i] = Opcode("UNARY_OP_MULTI", UNARY_OP_MULTI + i, NONE)
    for i in range(BINARY_OP_NUM_BYTECODE):
        table[BINARY_OP_MULTI + i] = Opcode("BINARY_OP_MULTI", BINARY_OP_MULTI + i, NONE)
    return table


# TABLE[byte] -> Opcode, or None for a byte that is not an opcode.
TABLE: list[Opcode | None] = _build_table()


def small_int_multi_value(code: int) -> int:
    return code - LOAD_CONST_SMALL_INT_MULTI - LOAD_CONST_SMALL_INT_MULTI_EXCESS
