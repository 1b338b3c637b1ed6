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

Relative jump offsets count from the end of the offset bytes (the end of the instruction but
for UNWIND_JUMP, whose unwind byte follows them). In the 2-byte jump form the first byte has
its high bit set: value = (b0 & 0x7f) | (b1 << 7).

Stack effects are those of emitbc.c's per-opcode stack adjustments: the change in the value
stack's depth when execution continues with the next instruction. Where a jump leaves a
different depth: FOR_ITER's exit pops the iterator's ITER_BUF_NSLOTS slots (and does not
push), JUMP_IF_*_OR_POP keep their value when they jump, and the handler of SETUP_* starts one
deeper (the exception; SETUP_WITH: the __exit__ method and the exception).
"""

from __future__ import annotations

from collections.abc import Callable

NONE, QSTR, UINT, SINT, OBJ, JUMP_S, JUMP_U, UINT_BYTE, JUMP_S_BYTE = (
    "none", "qstr", "uint", "sint", "obj", "jump_s", "jump_u", "uint_byte", "jump_s_byte")
JUMP_KINDS = frozenset((JUMP_S, JUMP_U, JUMP_S_BYTE))

# Stack slots of the iterator buffer that GET_ITER_STACK pushes (MP_OBJ_ITER_BUF_NSLOTS).
ITER_BUF_NSLOTS = 4

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


# The single-meaning opcodes by number (the emitter adds a kind to some, e.g. LOAD_NAME + 1 is
# LOAD_GLOBAL, as emitbc.c does).
LOAD_CONST_FALSE = BASE_BYTE_O + 0x00
LOAD_CONST_NONE = BASE_BYTE_O + 0x01
LOAD_CONST_TRUE = BASE_BYTE_O + 0x02
LOAD_CONST_SMALL_INT = BASE_VINT_E + 0x02
LOAD_CONST_STRING = BASE_QSTR_O + 0x00
LOAD_CONST_OBJ = BASE_VINT_E + 0x03
LOAD_NULL = BASE_BYTE_O + 0x03
LOAD_FAST_N = BASE_VINT_E + 0x04
LOAD_DEREF = BASE_VINT_E + 0x05
LOAD_NAME = BASE_QSTR_O + 0x01
LOAD_GLOBAL = BASE_QSTR_O + 0x02
LOAD_ATTR = BASE_QSTR_O + 0x03
LOAD_METHOD = BASE_QSTR_O + 0x04
LOAD_SUPER_METHOD = BASE_QSTR_O + 0x05
LOAD_BUILD_CLASS = BASE_BYTE_O + 0x04
LOAD_SUBSCR = BASE_BYTE_O + 0x05
STORE_FAST_N = BASE_VINT_E + 0x06
STORE_DEREF = BASE_VINT_E + 0x07
STORE_NAME = BASE_QSTR_O + 0x06
STORE_GLOBAL = BASE_QSTR_O + 0x07
STORE_ATTR = BASE_QSTR_O + 0x08
STORE_SUBSCR = BASE_BYTE_O + 0x06
DELETE_FAST = BASE_VINT_E + 0x08
DELETE_DEREF = BASE_VINT_E + 0x09
DELETE_NAME = BASE_QSTR_O + 0x09
DELETE_GLOBAL = BASE_QSTR_O + 0x0A
DUP_TOP = BASE_BYTE_O + 0x07
DUP_TOP_TWO = BASE_BYTE_O + 0x08
POP_TOP = BASE_BYTE_O + 0x09
ROT_TWO = BASE_BYTE_O + 0x0A
ROT_THREE = BASE_BYTE_O + 0x0B
UNWIND_JUMP = BASE_JUMP_E + 0x00
JUMP = BASE_JUMP_E + 0x02
POP_JUMP_IF_TRUE = BASE_JUMP_E + 0x03
POP_JUMP_IF_FALSE = BASE_JUMP_E + 0x04
JUMP_IF_TRUE_OR_POP = BASE_JUMP_E + 0x05
JUMP_IF_FALSE_OR_POP = BASE_JUMP_E + 0x06
SETUP_WITH = BASE_JUMP_E + 0x07
SETUP_EXCEPT = BASE_JUMP_E + 0x08
SETUP_FINALLY = BASE_JUMP_E + 0x09
POP_EXCEPT_JUMP = BASE_JUMP_E + 0x0A
FOR_ITER = BASE_JUMP_E + 0x0B
WITH_CLEANUP = BASE_BYTE_O + 0x0C
END_FINALLY = BASE_BYTE_O + 0x0D
GET_ITER = BASE_BYTE_O + 0x0E
GET_ITER_STACK = BASE_BYTE_O + 0x0F
BUILD_TUPLE = BASE_VINT_E + 0x0A
BUILD_LIST = BASE_VINT_E + 0x0B
BUILD_MAP = BASE_VINT_E + 0x0C
STORE_MAP = BASE_BYTE_E + 0x02
BUILD_SET = BASE_VINT_E + 0x0D
BUILD_SLICE = BASE_VINT_E + 0x0E
STORE_COMP = BASE_VINT_E + 0x0F
UNPACK_SEQUENCE = BASE_VINT_O + 0x00
UNPACK_EX = BASE_VINT_O + 0x01
RETURN_VALUE = BASE_BYTE_E + 0x03
RAISE_LAST = BASE_BYTE_E + 0x04
RAISE_OBJ = BASE_BYTE_E + 0x05
RAISE_FROM = BASE_BYTE_E + 0x06
YIELD_VALUE = BASE_BYTE_E + 0x07
YIELD_FROM = BASE_BYTE_E + 0x08
MAKE_FUNCTION = BASE_VINT_O + 0x02
MAKE_FUNCTION_DEFARGS = BASE_VINT_O + 0x03
MAKE_CLOSURE = BASE_VINT_E + 0x00
MAKE_CLOSURE_DEFARGS = BASE_VINT_E + 0x01
CALL_FUNCTION = BASE_VINT_O + 0x04
CALL_FUNCTION_VAR_KW = BASE_VINT_O + 0x05
CALL_METHOD = BASE_VINT_O + 0x06
CALL_METHOD_VAR_KW = BASE_VINT_O + 0x07
IMPORT_NAME = BASE_QSTR_O + 0x0B
IMPORT_FROM = BASE_QSTR_O + 0x0C
IMPORT_STAR = BASE_BYTE_E + 0x09

# A stack effect that depends on the operand: (arg, extra) -> change in stack depth.
StackEffect = Callable[[int, int], int]


class Opcode:
    """One opcode (immutable; equal and hashed by value).  A plain class rather than a frozen
    dataclass: creating dataclasses costs start-up time on every `mpt compile`."""

    __slots__ = ("name", "code", "operand", "stack")
    name: str
    code: int
    operand: str  # how the operand is encoded (NONE, QSTR, ... above)
    stack: int | StackEffect  # the stack effect, or a function of the operand giving it

    def __init__(self, name: str, code: int, operand: str, stack: int | StackEffect) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "operand", operand)
        object.__setattr__(self, "stack", stack)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def _fields(self) -> tuple[str, int, str, int | StackEffect]:
        return (self.name, self.code, self.operand, self.stack)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Opcode)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"Opcode(name={self.name!r}, code={self.code!r}, operand={self.operand!r}, "
                f"stack={self.stack!r})")

    def stack_effect(self, arg: int = 0, extra: int = 0) -> int:
        """The change in stack depth when execution continues with the next instruction."""
        stack = self.stack
        return stack if isinstance(stack, int) else stack(arg, extra)


def _call_items(arg: int) -> int:
    # CALL_*: arg = n_keyword << 8 | n_positional; each keyword is a name and a value
    return (arg & 0xFF) + 2 * ((arg >> 8) & 0xFF)


def _build(arg: int, extra: int) -> int:
    return 1 - arg


def _store_comp(arg: int, extra: int) -> int:
    return -2 if arg & 3 == 1 else -1  # a dict comprehension stores a key and a value


def _unpack_sequence(arg: int, extra: int) -> int:
    return arg - 1


def _unpack_ex(arg: int, extra: int) -> int:
    return (arg & 0xFF) + ((arg >> 8) & 0xFF)


def _make_closure(arg: int, extra: int) -> int:
    return 1 - extra


def _make_closure_defargs(arg: int, extra: int) -> int:
    return -1 - extra


def _call_function(arg: int, extra: int) -> int:
    return -_call_items(arg)


def _call_var_kw(arg: int, extra: int) -> int:
    return -_call_items(arg) - 1


def _call_method_var_kw(arg: int, extra: int) -> int:
    return -_call_items(arg) - 2


# (name, opcode, operand kind, stack effect)
_SINGLE: tuple[tuple[str, int, str, int | StackEffect], ...] = (
    ("LOAD_CONST_FALSE", LOAD_CONST_FALSE, NONE, 1),
    ("LOAD_CONST_NONE", LOAD_CONST_NONE, NONE, 1),
    ("LOAD_CONST_TRUE", LOAD_CONST_TRUE, NONE, 1),
    ("LOAD_CONST_SMALL_INT", LOAD_CONST_SMALL_INT, SINT, 1),
    ("LOAD_CONST_STRING", LOAD_CONST_STRING, QSTR, 1),
    ("LOAD_CONST_OBJ", LOAD_CONST_OBJ, OBJ, 1),
    ("LOAD_NULL", LOAD_NULL, NONE, 1),
    ("LOAD_FAST_N", LOAD_FAST_N, UINT, 1),
    ("LOAD_DEREF", LOAD_DEREF, UINT, 1),
    ("LOAD_NAME", LOAD_NAME, QSTR, 1),
    ("LOAD_GLOBAL", LOAD_GLOBAL, QSTR, 1),
    ("LOAD_ATTR", LOAD_ATTR, QSTR, 0),
    ("LOAD_METHOD", LOAD_METHOD, QSTR, 1),
    ("LOAD_SUPER_METHOD", LOAD_SUPER_METHOD, QSTR, -1),
    ("LOAD_BUILD_CLASS", LOAD_BUILD_CLASS, NONE, 1),
    ("LOAD_SUBSCR", LOAD_SUBSCR, NONE, -1),
    ("STORE_FAST_N", STORE_FAST_N, UINT, -1),
    ("STORE_DEREF", STORE_DEREF, UINT, -1),
    ("STORE_NAME", STORE_NAME, QSTR, -1),
    ("STORE_GLOBAL", STORE_GLOBAL, QSTR, -1),
    ("STORE_ATTR", STORE_ATTR, QSTR, -2),
    ("STORE_SUBSCR", STORE_SUBSCR, NONE, -3),
    ("DELETE_FAST", DELETE_FAST, UINT, 0),
    ("DELETE_DEREF", DELETE_DEREF, UINT, 0),
    ("DELETE_NAME", DELETE_NAME, QSTR, 0),
    ("DELETE_GLOBAL", DELETE_GLOBAL, QSTR, 0),
    ("DUP_TOP", DUP_TOP, NONE, 1),
    ("DUP_TOP_TWO", DUP_TOP_TWO, NONE, 2),
    ("POP_TOP", POP_TOP, NONE, -1),
    ("ROT_TWO", ROT_TWO, NONE, 0),
    ("ROT_THREE", ROT_THREE, NONE, 0),
    ("UNWIND_JUMP", UNWIND_JUMP, JUMP_S_BYTE, 0),
    ("JUMP", JUMP, JUMP_S, 0),
    ("POP_JUMP_IF_TRUE", POP_JUMP_IF_TRUE, JUMP_S, -1),
    ("POP_JUMP_IF_FALSE", POP_JUMP_IF_FALSE, JUMP_S, -1),
    ("JUMP_IF_TRUE_OR_POP", JUMP_IF_TRUE_OR_POP, JUMP_U, -1),
    ("JUMP_IF_FALSE_OR_POP", JUMP_IF_FALSE_OR_POP, JUMP_U, -1),
    ("SETUP_WITH", SETUP_WITH, JUMP_U, 2),
    ("SETUP_EXCEPT", SETUP_EXCEPT, JUMP_U, 0),
    ("SETUP_FINALLY", SETUP_FINALLY, JUMP_U, 0),
    ("POP_EXCEPT_JUMP", POP_EXCEPT_JUMP, JUMP_U, 0),
    ("FOR_ITER", FOR_ITER, JUMP_U, 1),
    ("WITH_CLEANUP", WITH_CLEANUP, NONE, -2),
    ("END_FINALLY", END_FINALLY, NONE, -1),
    ("GET_ITER", GET_ITER, NONE, 0),
    ("GET_ITER_STACK", GET_ITER_STACK, NONE, ITER_BUF_NSLOTS - 1),
    ("BUILD_TUPLE", BUILD_TUPLE, UINT, _build),
    ("BUILD_LIST", BUILD_LIST, UINT, _build),
    ("BUILD_MAP", BUILD_MAP, UINT, 1),
    ("STORE_MAP", STORE_MAP, NONE, -2),
    ("BUILD_SET", BUILD_SET, UINT, _build),
    ("BUILD_SLICE", BUILD_SLICE, UINT, _build),
    ("STORE_COMP", STORE_COMP, UINT, _store_comp),
    ("UNPACK_SEQUENCE", UNPACK_SEQUENCE, UINT, _unpack_sequence),
    ("UNPACK_EX", UNPACK_EX, UINT, _unpack_ex),
    ("RETURN_VALUE", RETURN_VALUE, NONE, -1),
    ("RAISE_LAST", RAISE_LAST, NONE, 0),
    ("RAISE_OBJ", RAISE_OBJ, NONE, -1),
    ("RAISE_FROM", RAISE_FROM, NONE, -2),
    ("YIELD_VALUE", YIELD_VALUE, NONE, 0),
    ("YIELD_FROM", YIELD_FROM, NONE, -1),
    ("MAKE_FUNCTION", MAKE_FUNCTION, UINT, 1),
    ("MAKE_FUNCTION_DEFARGS", MAKE_FUNCTION_DEFARGS, UINT, -1),
    ("MAKE_CLOSURE", MAKE_CLOSURE, UINT_BYTE, _make_closure),
    ("MAKE_CLOSURE_DEFARGS", MAKE_CLOSURE_DEFARGS, UINT_BYTE, _make_closure_defargs),
    ("CALL_FUNCTION", CALL_FUNCTION, UINT, _call_function),
    ("CALL_FUNCTION_VAR_KW", CALL_FUNCTION_VAR_KW, UINT, _call_var_kw),
    ("CALL_METHOD", CALL_METHOD, UINT, _call_var_kw),
    ("CALL_METHOD_VAR_KW", CALL_METHOD_VAR_KW, UINT, _call_method_var_kw),
    ("IMPORT_NAME", IMPORT_NAME, QSTR, -1),
    ("IMPORT_FROM", IMPORT_FROM, QSTR, 1),
    ("IMPORT_STAR", IMPORT_STAR, NONE, -1),
)

# Every single-meaning opcode by name, e.g. OP["JUMP"].code == 0x42.
OP: dict[str, Opcode] = {name: Opcode(name, code, kind, stack)
                         for name, code, kind, stack in _SINGLE}

# The opcodes execution never continues from into the next instruction.
NO_FALL_THROUGH = frozenset(("JUMP", "RETURN_VALUE", "RAISE_LAST", "RAISE_OBJ", "RAISE_FROM",
                             "UNWIND_JUMP", "POP_EXCEPT_JUMP"))

# The opcodes with the argument in the opcode byte: (name, first code, count, stack effect).
_MULTI = (
    ("LOAD_CONST_SMALL_INT_MULTI", LOAD_CONST_SMALL_INT_MULTI, LOAD_CONST_SMALL_INT_MULTI_NUM, 1),
    ("LOAD_FAST_MULTI", LOAD_FAST_MULTI, LOAD_FAST_MULTI_NUM, 1),
    ("STORE_FAST_MULTI", STORE_FAST_MULTI, STORE_FAST_MULTI_NUM, -1),
    ("UNARY_OP_MULTI", UNARY_OP_MULTI, UNARY_OP_NUM_BYTECODE, 0),
    ("BINARY_OP_MULTI", BINARY_OP_MULTI, BINARY_OP_NUM_BYTECODE, -1),
)


def _build_table() -> list[Opcode | None]:
    """One entry per byte value; the multi-opcodes carry their implied argument in the code."""
    table: list[Opcode | None] = [None] * 256
    for op in OP.values():
        table[op.code] = op
    for name, first, count, stack in _MULTI:
        for code in range(first, first + count):
            table[code] = Opcode(name, code, NONE, stack)
    return table


# TABLE[byte] -> Opcode, or None for a byte that is not an opcode.
TABLE: list[Opcode | None] = _build_table()


def small_int_multi_value(code: int) -> int:
    return code - LOAD_CONST_SMALL_INT_MULTI - LOAD_CONST_SMALL_INT_MULTI_EXCESS
