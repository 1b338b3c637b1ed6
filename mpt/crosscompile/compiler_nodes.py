"""What the compiler's parts share: parse-tree predicates, token tables and the syntax-error
signal (see compiler.py)."""

from __future__ import annotations

from mpt.crosscompile.parsenode import Node, Str, Token, is_struct

INVALID_LABEL = 0xFFFF

AUGASSIGN_TOKENS = ("DEL_PIPE_EQUAL", "DEL_CARET_EQUAL", "DEL_AMPERSAND_EQUAL",
                     "DEL_DBL_LESS_EQUAL", "DEL_DBL_MORE_EQUAL", "DEL_PLUS_EQUAL",
                     "DEL_MINUS_EQUAL", "DEL_STAR_EQUAL", "DEL_AT_EQUAL", "DEL_DBL_SLASH_EQUAL",
                     "DEL_SLASH_EQUAL", "DEL_PERCENT_EQUAL", "DEL_DBL_STAR_EQUAL")
COMPARE_TOKENS = ("OP_LESS", "OP_MORE", "OP_DBL_EQUAL", "OP_LESS_EQUAL", "OP_MORE_EQUAL",
                   "OP_NOT_EQUAL")
TERM_TOKENS = ("OP_DBL_LESS", "OP_DBL_MORE", "OP_PLUS", "OP_MINUS", "OP_STAR", "OP_AT",
                "OP_DBL_SLASH", "OP_SLASH", "OP_PERCENT")
CONST_TOKENS = ("KW_NONE", "KW_FALSE", "KW_TRUE", "ELLIPSIS")


class SyntaxErrorFound(Exception):
    """Unwinds the compiler at the first error; only the first error is ever reported."""

    def __init__(self, message: str, line: int, exc_name: str = "SyntaxError"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.exc_name = exc_name


def line_of(pn) -> int:
    return pn.line if isinstance(pn, Node) else 0


def is_const(pn) -> bool:
    if type(pn) is int or isinstance(pn, Str):
        return True
    if isinstance(pn, Token):
        return pn.kind in CONST_TOKENS
    if is_struct(pn, "const_object"):
        return True
    if is_struct(pn, "atom_paren"):
        return pn.args[0] is None
    return False


def const_value(pn):
    if type(pn) is int:
        return pn
    if isinstance(pn, Str):
        return pn.value
    if isinstance(pn, Token):
        return {"KW_NONE": None, "KW_FALSE": False, "KW_TRUE": True,
                "ELLIPSIS": Ellipsis}[pn.kind]
    if is_struct(pn, "const_object"):
        return pn.args[0]
    return ()


def is_const_false(pn) -> bool:
    return is_const(pn) and not bool(const_value(pn))


def is_const_true(pn) -> bool:
    return is_const(pn) and bool(const_value(pn))


def testlist_comp_has_comp_for(pns: Node) -> bool:
    return len(pns.args) == 2 and is_struct(pns.args[1], "comp_for")
