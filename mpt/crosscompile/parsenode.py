"""Parse-tree nodes, shaped exactly as MicroPython's parser (py/parse.c) builds them.

A parse node is one of:
  - ``None``              MP_PARSE_NODE_NULL (an absent optional part)
  - ``int``               MP_PARSE_NODE_SMALL_INT (an int that fits the parser's small-int range)
  - ``Id(name)``          MP_PARSE_NODE_ID (an identifier, i.e. a qstr)
  - ``Str(value)``        MP_PARSE_NODE_STRING (a str literal held as an interned qstr)
  - ``Token(kind)``       MP_PARSE_NODE_TOKEN; ``kind`` is the lexer token name without its
                          ``MP_TOKEN_`` prefix, e.g. ``"KW_NONE"``, ``"OP_PLUS"``, ``"ELLIPSIS"``
  - ``Node(rule, line, args)``  a rule node; ``rule`` is the rule's name as in py/grammar.h,
                          e.g. ``"expr_stmt"``. A constant object that is not a leaf (a long str,
                          bytes, a big int, a float, a complex) is ``Node("const_object", line, [obj])``.
"""

from __future__ import annotations



class _Leaf:
    """A leaf holding one value, never changed once made; equal to a leaf of the same class
    and value. (Plain classes rather than dataclasses: they are made at every start-up.)"""

    __slots__ = ()

    def _value(self):
        return getattr(self, self.__slots__[0])

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._value() == other._value()
        return NotImplemented

    def __hash__(self):
        return hash((self.__class__.__name__, self._value()))

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.__slots__[0]}={self._value()!r})"


class Id(_Leaf):
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


class Str(_Leaf):
    __slots__ = ("value",)

    def __init__(self, value: str):
        self.value = value


class Token(_Leaf):
    __slots__ = ("kind",)

    def __init__(self, kind: str):
        self.kind = kind


class Node:
    __slots__ = ("rule", "line", "args")

    def __init__(self, rule: str, line: int, args: list):
        self.rule = rule
        self.line = line
        self.args = args

    def __repr__(self) -> str:
        return f"Node({self.rule!r}, {self.line}, {self.args!r})"

    def __eq__(self, other) -> bool:
        return (isinstance(other, Node) and self.rule == other.rule
                and self.line == other.line and self.args == other.args)

    __hash__ = None


# A parse node: None, int, Id, Str, Token or Node.


def is_struct(pn, rule: str | None = None) -> bool:
    """MP_PARSE_NODE_IS_STRUCT / MP_PARSE_NODE_IS_STRUCT_KIND."""
    return isinstance(pn, Node) and (rule is None or pn.rule == rule)


def is_const_object(pn) -> bool:
    return isinstance(pn, Node) and pn.rule == "const_object"


def const_object_value(pn: Node):
    return pn.args[0]


def extract_list(pn, rule: str) -> list:
    """mp_parse_node_extract_list: the children of a ``rule`` node, or [pn] for anything else,
    or [] for a null node."""
    if pn is None:
        return []
    if isinstance(pn, Node) and pn.rule == rule:
        return pn.args
    return [pn]
