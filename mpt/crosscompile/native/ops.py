"""Operator numbers (mp_unary_op_t / mp_binary_op_t) and the method names viper errors quote."""

from mpt.crosscompile.opcodes import BINARY_OP, UNARY_OP

UNARY_POSITIVE = UNARY_OP["POSITIVE"]
UNARY_NEGATIVE = UNARY_OP["NEGATIVE"]
UNARY_INVERT = UNARY_OP["INVERT"]
UNARY_NOT = UNARY_OP["NOT"]

LESS = BINARY_OP["LESS"]
NOT_EQUAL = BINARY_OP["NOT_EQUAL"]
IN = BINARY_OP["IN"]
IS = BINARY_OP["IS"]
INPLACE_OR = BINARY_OP["INPLACE_OR"]
INPLACE_POWER = BINARY_OP["INPLACE_POWER"]
OR = BINARY_OP["OR"]
XOR = BINARY_OP["XOR"]
AND = BINARY_OP["AND"]
LSHIFT = BINARY_OP["LSHIFT"]
RSHIFT = BINARY_OP["RSHIFT"]
ADD = BINARY_OP["ADD"]
SUBTRACT = BINARY_OP["SUBTRACT"]
MULTIPLY = BINARY_OP["MULTIPLY"]
FLOOR_DIVIDE = BINARY_OP["FLOOR_DIVIDE"]
MODULO = BINARY_OP["MODULO"]
NOT_IN = BINARY_OP["NOT_IN"]
IS_NOT = BINARY_OP["IS_NOT"]

_SPECIAL = {"LESS": "lt", "MORE": "gt", "EQUAL": "eq", "LESS_EQUAL": "le", "MORE_EQUAL": "ge",
            "NOT_EQUAL": "ne", "CONTAINS": "contains", "MAT_MULTIPLY": "matmul",
            "FLOOR_DIVIDE": "floordiv", "TRUE_DIVIDE": "truediv", "SUBTRACT": "sub",
            "MULTIPLY": "mul", "MODULO": "mod", "POWER": "pow"}


def _method_name(name: str) -> str:
    """MicroPython's dunder name for a binary operator ("" where it has none)."""
    prefix = ""
    for p, short in (("INPLACE_", "i"), ("REVERSE_", "r")):
        if name.startswith(p):
            prefix, name = short, name[len(p):]
    if name in ("IN", "IS", "EXCEPTION_MATCH", "NOT_IN", "IS_NOT"):
        return ""
    if prefix == "r" and name in ("OR", "XOR", "AND", "LSHIFT", "RSHIFT", "POWER", "MODULO"):
        # not in MicroPython's table of reflected method names
        pass
    return f"__{prefix}{_SPECIAL.get(name, name.lower())}__"


BINARY_METHOD_NAMES = {num: _method_name(name) for name, num in BINARY_OP.items()}
