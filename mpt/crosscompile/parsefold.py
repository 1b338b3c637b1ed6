"""What parse.c does to the parse tree as it builds it: constant leaves and objects, folding of
constant expressions and of ``and``/``or``/``not`` on constants, ``const()`` definitions,
``math.<constant>`` lookups and constant tuples.

A mixin of :class:`mpt.crosscompile.parser.Parser`, whose result stack (``results``, ``peek``,
``pop``) and rule stack it works on.
"""

from __future__ import annotations

from typing import Callable

from mpt.crosscompile import constfold
from mpt.crosscompile.parsenode import Id, Node, Str, Token

_FOLD_OPS = {
    "OP_DBL_LESS": "<<", "OP_DBL_MORE": ">>", "OP_PLUS": "+", "OP_MINUS": "-",
    "OP_STAR": "*", "OP_AT": "@", "OP_DBL_SLASH": "//", "OP_SLASH": "/", "OP_PERCENT": "%",
}
LIST_FOLD_OPS = {"expr": "|", "xor_expr": "^", "and_expr": "&", "power": "**"}
_UNARY_OPS = {"OP_PLUS": "+", "OP_MINUS": "-", "OP_TILDE": "~"}


def _fits_host_small_int(value: int) -> bool:
    """Whether mpy-cross (a 64-bit build: 63-bit small ints) holds ``value`` as a small int."""
    return -(1 << 62) <= value < (1 << 62)


# Module attributes the parser replaces by their value (MICROPY_COMP_MODULE_CONST).
MODULE_CONSTANTS = {
    "math": {"e": 2.718281828459045, "pi": 3.141592653589793, "tau": 6.283185307179586,
             "inf": float("inf"), "nan": float("nan")},
}

_CONST_TOKENS = {"KW_NONE": None, "KW_FALSE": False, "KW_TRUE": True, "ELLIPSIS": Ellipsis}


class ConstantFolder:
    """parse.c's tree building helpers and folding, for Parser."""

    small_int_bits: int
    float_round: Callable[[float], float] | None  # the build's rounding of a float, if not double

    def _fits_small_int(self, value: int) -> bool:
        bound = 1 << (self.small_int_bits - 1)
        return -bound <= value < bound

    def const_object_optimised(self, line: int, value):
        if type(value) is int and self._fits_small_int(value):
            return value
        return Node("const_object", line, [value])

    @staticmethod
    def is_const(pn) -> bool:
        """mp_parse_node_is_const."""
        if pn is None:
            return False
        if type(pn) is int or isinstance(pn, Str):
            return True
        if isinstance(pn, Token):
            return pn.kind in _CONST_TOKENS
        if isinstance(pn, Node):
            if pn.rule == "const_object":
                return True
            if pn.rule == "atom_paren":
                return pn.args[0] is None
        return False

    @staticmethod
    def to_object(pn):
        """mp_parse_node_convert_to_obj (the node must satisfy is_const)."""
        if type(pn) is int:
            return pn
        if isinstance(pn, Str):
            return pn.value
        if isinstance(pn, Token):
            return _CONST_TOKENS[pn.kind]
        if pn.rule == "const_object":
            return pn.args[0]
        return ()

    def is_const_bool(self, pn, value: bool) -> bool:
        return self.is_const(pn) and bool(self.to_object(pn)) == value

    @staticmethod
    def number_of(pn):
        """mp_parse_node_get_number_maybe: the int/float value of pn, or None."""
        if type(pn) is int:
            return pn
        if isinstance(pn, Node) and pn.rule == "const_object":
            value = pn.args[0]
            if constfold.is_number(value):
                return value
        return None


    # -- folding ---------------------------------------------------------------------------

    def fold_logical(self, rule_name: str, num_args: int):
        """Returns (folded, num_args)."""
        if rule_name in ("or_test", "and_test"):
            res = self.results
            copy_to = num_args
            i = num_args
            while i > 0:
                i -= 1
                pn = self.peek(i)
                res[len(res) - copy_to] = pn
                if i == 0:
                    break
                if rule_name == "or_test":
                    if self.is_const_bool(pn, True):
                        break
                    if not self.is_const_bool(pn, False):
                        copy_to -= 1
                else:
                    if self.is_const_bool(pn, False):
                        break
                    if not self.is_const_bool(pn, True):
                        copy_to -= 1
            copy_to -= 1
            for _ in range(copy_to):
                self.pop()
            num_args -= copy_to
            return num_args == 1, num_args
        if rule_name == "not_test_2":
            pn = self.peek(0)
            if self.is_const_bool(pn, False):
                pn = Token("KW_TRUE")
            elif self.is_const_bool(pn, True):
                pn = Token("KW_FALSE")
            else:
                return False, num_args
            self.pop()
            self.results.append(pn)
            return True, num_args
        return False, num_args

    def fold_constants(self, rule_name: str, num_args: int) -> bool:
        keep_object = False
        if rule_name in LIST_FOLD_OPS:
            op = LIST_FOLD_OPS[rule_name]
            value = self.number_of(self.peek(num_args - 1))
            if value is None:
                return False
            for i in range(num_args - 2, -1, -1):
                rhs = self.number_of(self.peek(i))
                if rhs is None:
                    return False
                value = self._binary(op, value, rhs)
                if value is constfold.NO_FOLD:
                    return False
        elif rule_name in ("shift_expr", "arith_expr", "term"):
            value = self.number_of(self.peek(num_args - 1))
            if value is None:
                return False
            for i in range(num_args - 2, 0, -2):
                rhs = self.number_of(self.peek(i - 1))
                if rhs is None:
                    return False
                op = _FOLD_OPS[self.peek(i).kind]
                value = self._binary(op, value, rhs)
                if value is constfold.NO_FOLD:
                    return False
        elif rule_name == "factor_2":
            value = self.number_of(self.peek(0))
            if value is None:
                return False
            op = _UNARY_OPS[self.peek(1).kind]
            # mpz's unary - and ~ return an mpz even when the result would fit a small int
            # (binary ops normalise, these do not), so the result stays an object.
            keep_object = type(value) is int and not _fits_host_small_int(value)
            value = constfold.unary_op(op, value)
            if value is constfold.NO_FOLD:
                return False
        elif rule_name == "expr_stmt":
            return self.fold_const_definition()
        elif rule_name == "atom_expr_normal":
            pn0, pn1 = self.peek(1), self.peek(0)
            if not (isinstance(pn0, Id) and isinstance(pn1, Node)
                    and pn1.rule == "trailer_period"):
                return False
            module = MODULE_CONSTANTS.get(pn0.name)
            if module is None or pn1.args[0].name not in module:
                return False
            value = module[pn1.args[0].name]
            if self.float_round is not None:
                value = self.float_round(value)
        else:
            return False
        for _ in range(num_args):
            self.pop()
        if keep_object:
            self.results.append(Node("const_object", 0, [value]))
        else:
            self.results.append(self.const_object_optimised(0, value))
        return True

    def _binary(self, op: str, lhs, rhs):
        value = constfold.binary_op(op, lhs, rhs, self.float_round)
        if isinstance(value, complex):
            return constfold.NO_FOLD
        return value

    def fold_const_definition(self) -> bool:
        """``name = const(value)``: record the constant (parse.c's MICROPY_COMP_CONST)."""
        pn1 = self.peek(0)
        if pn1 is None or (isinstance(pn1, Node) and pn1.rule in ("expr_stmt_augassign",
                                                                  "expr_stmt_assign_list")):
            return False
        pn0 = self.peek(1)
        if not isinstance(pn0, Id):
            return False
        if isinstance(pn1, Node) and pn1.rule == "annassign":
            pn1 = pn1.args[1]
        if not (isinstance(pn1, Node) and pn1.rule == "atom_expr_normal"
                and isinstance(pn1.args[0], Id) and pn1.args[0].name == "const"
                and isinstance(pn1.args[1], Node) and pn1.args[1].rule == "trailer_paren"):
            return False
        pn_value = pn1.args[1].args[0]
        if not self.is_const(pn_value):
            raise self._error("SyntaxError", "not a constant", pn1.line)
        self.consts[pn0.name] = self.to_object(pn_value)
        if pn0.name.startswith("_"):
            self.pop()
            self.pop()
            self.push_rule_result(0, "pass_stmt", 0)
            return True
        self.pop()
        self.results.append(pn_value)
        return False

    def build_tuple_from_stack(self, line: int, num_args: int) -> bool:
        for i in range(num_args):
            if not self.is_const(self.peek(i)):
                return False
        items = [self.to_object(pn) for pn in self.results[len(self.results) - num_args:]]
        del self.results[len(self.results) - num_args:]
        self.results.append(Node("const_object", line, [tuple(items)]))
        return True

    def build_tuple(self, line: int, rule_name: str, num_args: int) -> bool:
        if rule_name == "testlist_comp" and self.rule_stack[-1][0].name == "atom_paren":
            return self.build_tuple_from_stack(line, num_args)
        if rule_name == "testlist_comp_3c" and self.rule_stack[-3][0].name == "atom_paren":
            if self.build_tuple_from_stack(line, num_args):
                del self.rule_stack[-2:]
                return True
        if rule_name in ("testlist_star_expr", "testlist", "subscriptlist"):
            return self.build_tuple_from_stack(line, num_args)
        return False
