"""MicroPython's grammar (py/grammar.h, as mpy-cross 1.29 is configured) as data.

Each rule is ``(name, compile_kind, act, args)``:
  - ``compile_kind``: the compiler function group the rule has (DEF_RULE's ``c(...)``), or
    None for a rule with no compile function (DEF_RULE_NC), which never reaches the compiler
    as a node of its own;
  - ``act``: "or", "and", "and_ident" (an "and" that passes its only non-null child through),
    "and_blank" (an "and" that appends one extra null child), "list" (item (sep item)*),
    "list_with_end" (item (sep item)* [sep]) or "one_or_more" (item item*);
  - ``args``: the parts, each ``("tok", KIND)``, ``("rule", NAME)`` or ``("opt_rule", NAME)``.

The enabled optional features are async/await, assignment expressions, slices and sets.
"""

from __future__ import annotations


def T(kind: str):
    return ("tok", kind)


def R(name: str):
    return ("rule", name)


def O(name: str):  # noqa: E743 - short on purpose, mirrors the grammar's opt_rule()
    return ("opt_rule", name)


RULE_TABLE = [
    ("generic_colon_test", None, "and_ident", [T("DEL_COLON"), R("test")]),
    ("generic_equal_test", None, "and_ident", [T("DEL_EQUAL"), R("test")]),
    ("single_input", None, "or", [T("NEWLINE"), R("simple_stmt"), R("compound_stmt")]),
    ("file_input", "generic_all_nodes", "and_ident", [O("file_input_2")]),
    ("file_input_2", "generic_all_nodes", "one_or_more", [R("file_input_3")]),
    ("file_input_3", None, "or", [T("NEWLINE"), R("stmt")]),
    ("eval_input", None, "and_ident", [R("testlist"), O("eval_input_2")]),
    ("eval_input_2", None, "and", [T("NEWLINE")]),
    ("decorator", None, "and", [T("OP_AT"), R("dotted_name"), O("trailer_paren"), T("NEWLINE")]),
    ("decorators", None, "one_or_more", [R("decorator")]),
    ("decorated", "decorated", "and_ident", [R("decorators"), R("decorated_body")]),
    ("decorated_body", None, "or", [R("classdef"), R("funcdef"), R("async_funcdef")]),
    ("async_funcdef", None, "and", [T("KW_ASYNC"), R("funcdef")]),
    ("funcdef", "funcdef", "and_blank", [T("KW_DEF"), T("NAME"), T("DEL_PAREN_OPEN"), O("typedargslist"), T("DEL_PAREN_CLOSE"), O("funcdefrettype"), T("DEL_COLON"), R("suite")]),
    ("funcdefrettype", None, "and_ident", [T("DEL_MINUS_MORE"), R("test")]),
    ("typedargslist", None, "list_with_end", [R("typedargslist_item"), T("DEL_COMMA")]),
    ("typedargslist_item", None, "or", [R("typedargslist_name"), R("typedargslist_star"), R("typedargslist_dbl_star")]),
    ("typedargslist_name", None, "and_ident", [T("NAME"), O("generic_colon_test"), O("generic_equal_test")]),
    ("typedargslist_star", None, "and", [T("OP_STAR"), O("tfpdef")]),
    ("typedargslist_dbl_star", None, "and", [T("OP_DBL_STAR"), T("NAME"), O("generic_colon_test")]),
    ("tfpdef", None, "and", [T("NAME"), O("generic_colon_test")]),
    ("varargslist", None, "list_with_end", [R("varargslist_item"), T("DEL_COMMA")]),
    ("varargslist_item", None, "or", [R("varargslist_name"), R("varargslist_star"), R("varargslist_dbl_star")]),
    ("varargslist_name", None, "and_ident", [T("NAME"), O("generic_equal_test")]),
    ("varargslist_star", None, "and", [T("OP_STAR"), O("vfpdef")]),
    ("varargslist_dbl_star", None, "and", [T("OP_DBL_STAR"), T("NAME")]),
    ("vfpdef", None, "and_ident", [T("NAME")]),
    ("stmt", None, "or", [R("compound_stmt"), R("simple_stmt")]),
    ("simple_stmt", None, "and_ident", [R("simple_stmt_2"), T("NEWLINE")]),
    ("simple_stmt_2", "generic_all_nodes", "list_with_end", [R("small_stmt"), T("DEL_SEMICOLON")]),
    ("small_stmt", None, "or", [R("del_stmt"), R("pass_stmt"), R("flow_stmt"), R("import_stmt"), R("global_stmt"), R("nonlocal_stmt"), R("assert_stmt"), R("expr_stmt")]),
    ("expr_stmt", "expr_stmt", "and", [R("testlist_star_expr"), O("expr_stmt_2")]),
    ("expr_stmt_2", None, "or", [R("annassign"), R("expr_stmt_augassign"), R("expr_stmt_assign_list")]),
    ("expr_stmt_augassign", None, "and_ident", [R("augassign"), R("expr_stmt_6")]),
    ("expr_stmt_assign_list", None, "one_or_more", [R("expr_stmt_assign")]),
    ("expr_stmt_assign", None, "and_ident", [T("DEL_EQUAL"), R("expr_stmt_6")]),
    ("expr_stmt_6", None, "or", [R("yield_expr"), R("testlist_star_expr")]),
    ("testlist_star_expr", "generic_tuple", "list_with_end", [R("testlist_star_expr_2"), T("DEL_COMMA")]),
    ("testlist_star_expr_2", None, "or", [R("star_expr"), R("test")]),
    ("annassign", None, "and", [T("DEL_COLON"), R("test"), O("expr_stmt_assign")]),
    ("augassign", None, "or", [T("DEL_PLUS_EQUAL"), T("DEL_MINUS_EQUAL"), T("DEL_STAR_EQUAL"), T("DEL_AT_EQUAL"), T("DEL_SLASH_EQUAL"), T("DEL_PERCENT_EQUAL"), T("DEL_AMPERSAND_EQUAL"), T("DEL_PIPE_EQUAL"), T("DEL_CARET_EQUAL"), T("DEL_DBL_LESS_EQUAL"), T("DEL_DBL_MORE_EQUAL"), T("DEL_DBL_STAR_EQUAL"), T("DEL_DBL_SLASH_EQUAL")]),
    ("del_stmt", "del_stmt", "and", [T("KW_DEL"), R("exprlist")]),
    ("pass_stmt", "generic_all_nodes", "and", [T("KW_PASS")]),
    ("flow_stmt", None, "or", [R("break_stmt"), R("continue_stmt"), R("return_stmt"), R("raise_stmt"), R("yield_stmt")]),
    ("break_stmt", "break_cont_stmt", "and", [T("KW_BREAK")]),
    ("continue_stmt", "break_cont_stmt", "and", [T("KW_CONTINUE")]),
    ("return_stmt", "return_stmt", "and", [T("KW_RETURN"), O("testlist")]),
    ("yield_stmt", "yield_stmt", "and", [R("yield_expr")]),
    ("raise_stmt", "raise_stmt", "and", [T("KW_RAISE"), O("raise_stmt_arg")]),
    ("raise_stmt_arg", None, "and_ident", [R("test"), O("raise_stmt_from")]),
    ("raise_stmt_from", None, "and_ident", [T("KW_FROM"), R("test")]),
    ("import_stmt", None, "or", [R("import_name"), R("import_from")]),
    ("import_name", "import_name", "and", [T("KW_IMPORT"), R("dotted_as_names")]),
    ("import_from", "import_from", "and", [T("KW_FROM"), R("import_from_2"), T("KW_IMPORT"), R("import_from_3")]),
    ("import_from_2", None, "or", [R("dotted_name"), R("import_from_2b")]),
    ("import_from_2b", None, "and_ident", [R("one_or_more_period_or_ellipsis"), O("dotted_name")]),
    ("import_from_3", None, "or", [T("OP_STAR"), R("import_as_names_paren"), R("import_as_names")]),
    ("import_as_names_paren", None, "and_ident", [T("DEL_PAREN_OPEN"), R("import_as_names"), T("DEL_PAREN_CLOSE")]),
    ("one_or_more_period_or_ellipsis", None, "one_or_more", [R("period_or_ellipsis")]),
    ("period_or_ellipsis", None, "or", [T("DEL_PERIOD"), T("ELLIPSIS")]),
    ("import_as_name", None, "and", [T("NAME"), O("as_name")]),
    ("dotted_as_name", None, "and_ident", [R("dotted_name"), O("as_name")]),
    ("as_name", None, "and_ident", [T("KW_AS"), T("NAME")]),
    ("import_as_names", None, "list_with_end", [R("import_as_name"), T("DEL_COMMA")]),
    ("dotted_as_names", None, "list", [R("dotted_as_name"), T("DEL_COMMA")]),
    ("dotted_name", None, "list", [T("NAME"), T("DEL_PERIOD")]),
    ("global_stmt", "global_nonlocal_stmt", "and", [T("KW_GLOBAL"), R("name_list")]),
    ("nonlocal_stmt", "global_nonlocal_stmt", "and", [T("KW_NONLOCAL"), R("name_list")]),
    ("name_list", None, "list", [T("NAME"), T("DEL_COMMA")]),
    ("assert_stmt", "assert_stmt", "and", [T("KW_ASSERT"), R("test"), O("assert_stmt_extra")]),
    ("assert_stmt_extra", None, "and_ident", [T("DEL_COMMA"), R("test")]),
    ("compound_stmt", None, "or", [R("if_stmt"), R("while_stmt"), R("for_stmt"), R("try_stmt"), R("with_stmt"), R("funcdef"), R("classdef"), R("decorated"), R("async_stmt")]),
    ("async_stmt", "async_stmt", "and", [T("KW_ASYNC"), R("async_stmt_2")]),
    ("async_stmt_2", None, "or", [R("funcdef"), R("with_stmt"), R("for_stmt")]),
    ("if_stmt", "if_stmt", "and", [T("KW_IF"), R("namedexpr_test"), T("DEL_COLON"), R("suite"), O("if_stmt_elif_list"), O("else_stmt")]),
    ("if_stmt_elif_list", None, "one_or_more", [R("if_stmt_elif")]),
    ("if_stmt_elif", None, "and", [T("KW_ELIF"), R("namedexpr_test"), T("DEL_COLON"), R("suite")]),
    ("while_stmt", "while_stmt", "and", [T("KW_WHILE"), R("namedexpr_test"), T("DEL_COLON"), R("suite"), O("else_stmt")]),
    ("for_stmt", "for_stmt", "and", [T("KW_FOR"), R("exprlist"), T("KW_IN"), R("testlist"), T("DEL_COLON"), R("suite"), O("else_stmt")]),
    ("try_stmt", "try_stmt", "and", [T("KW_TRY"), T("DEL_COLON"), R("suite"), R("try_stmt_2")]),
    ("try_stmt_2", None, "or", [R("try_stmt_except_and_more"), R("try_stmt_finally")]),
    ("try_stmt_except_and_more", None, "and_ident", [R("try_stmt_except_list"), O("else_stmt"), O("try_stmt_finally")]),
    ("try_stmt_except", None, "and", [T("KW_EXCEPT"), O("try_stmt_as_name"), T("DEL_COLON"), R("suite")]),
    ("try_stmt_as_name", None, "and_ident", [R("test"), O("as_name")]),
    ("try_stmt_except_list", None, "one_or_more", [R("try_stmt_except")]),
    ("try_stmt_finally", None, "and", [T("KW_FINALLY"), T("DEL_COLON"), R("suite")]),
    ("else_stmt", None, "and_ident", [T("KW_ELSE"), T("DEL_COLON"), R("suite")]),
    ("with_stmt", "with_stmt", "and", [T("KW_WITH"), R("with_stmt_list"), T("DEL_COLON"), R("suite")]),
    ("with_stmt_list", None, "list", [R("with_item"), T("DEL_COMMA")]),
    ("with_item", None, "and_ident", [R("test"), O("with_item_as")]),
    ("with_item_as", None, "and_ident", [T("KW_AS"), R("expr")]),
    ("suite", None, "or", [R("suite_block"), R("simple_stmt")]),
    ("suite_block", None, "and_ident", [T("NEWLINE"), T("INDENT"), R("suite_block_stmts"), T("DEDENT")]),
    ("suite_block_stmts", "generic_all_nodes", "one_or_more", [R("stmt")]),
    ("namedexpr_test", "namedexpr", "and_ident", [R("test"), O("namedexpr_test_2")]),
    ("namedexpr_test_2", None, "and_ident", [T("OP_ASSIGN"), R("test")]),
    ("test", None, "or", [R("lambdef"), R("test_if_expr")]),
    ("test_if_expr", "test_if_expr", "and_ident", [R("or_test"), O("test_if_else")]),
    ("test_if_else", None, "and", [T("KW_IF"), R("or_test"), T("KW_ELSE"), R("test")]),
    ("test_nocond", None, "or", [R("lambdef_nocond"), R("or_test")]),
    ("lambdef", "lambdef", "and_blank", [T("KW_LAMBDA"), O("varargslist"), T("DEL_COLON"), R("test")]),
    ("lambdef_nocond", "lambdef", "and_blank", [T("KW_LAMBDA"), O("varargslist"), T("DEL_COLON"), R("test_nocond")]),
    ("or_test", "or_and_test", "list", [R("and_test"), T("KW_OR")]),
    ("and_test", "or_and_test", "list", [R("not_test"), T("KW_AND")]),
    ("not_test", None, "or", [R("not_test_2"), R("comparison")]),
    ("not_test_2", "not_test_2", "and", [T("KW_NOT"), R("not_test")]),
    ("comparison", "comparison", "list", [R("expr"), R("comp_op")]),
    ("comp_op", None, "or", [T("OP_LESS"), T("OP_MORE"), T("OP_DBL_EQUAL"), T("OP_LESS_EQUAL"), T("OP_MORE_EQUAL"), T("OP_NOT_EQUAL"), T("KW_IN"), R("comp_op_not_in"), R("comp_op_is")]),
    ("comp_op_not_in", None, "and", [T("KW_NOT"), T("KW_IN")]),
    ("comp_op_is", None, "and", [T("KW_IS"), O("comp_op_is_not")]),
    ("comp_op_is_not", None, "and", [T("KW_NOT")]),
    ("star_expr", "star_expr", "and", [T("OP_STAR"), R("expr")]),
    ("expr", "binary_op", "list", [R("xor_expr"), T("OP_PIPE")]),
    ("xor_expr", "binary_op", "list", [R("and_expr"), T("OP_CARET")]),
    ("and_expr", "binary_op", "list", [R("shift_expr"), T("OP_AMPERSAND")]),
    ("shift_expr", "term", "list", [R("arith_expr"), R("shift_op")]),
    ("shift_op", None, "or", [T("OP_DBL_LESS"), T("OP_DBL_MORE")]),
    ("arith_expr", "term", "list", [R("term"), R("arith_op")]),
    ("arith_op", None, "or", [T("OP_PLUS"), T("OP_MINUS")]),
    ("term", "term", "list", [R("factor"), R("term_op")]),
    ("term_op", None, "or", [T("OP_STAR"), T("OP_AT"), T("OP_SLASH"), T("OP_PERCENT"), T("OP_DBL_SLASH")]),
    ("factor", None, "or", [R("factor_2"), R("power")]),
    ("factor_2", "factor_2", "and_ident", [R("factor_op"), R("factor")]),
    ("factor_op", None, "or", [T("OP_PLUS"), T("OP_MINUS"), T("OP_TILDE")]),
    ("power", "power", "and_ident", [R("atom_expr"), O("power_dbl_star")]),
    ("atom_expr", None, "or", [R("atom_expr_await"), R("atom_expr_normal")]),
    ("atom_expr_await", "atom_expr_await", "and", [T("KW_AWAIT"), R("atom"), O("atom_expr_trailers")]),
    ("atom_expr_normal", "atom_expr_normal", "and_ident", [R("atom"), O("atom_expr_trailers")]),
    ("atom_expr_trailers", None, "one_or_more", [R("trailer")]),
    ("power_dbl_star", None, "and_ident", [T("OP_DBL_STAR"), R("factor")]),
    ("atom", None, "or", [T("NAME"), T("INTEGER"), T("FLOAT_OR_IMAG"), T("STRING"), T("BYTES"), T("ELLIPSIS"), T("KW_NONE"), T("KW_TRUE"), T("KW_FALSE"), R("atom_paren"), R("atom_bracket"), R("atom_brace")]),
    ("atom_paren", "atom_paren", "and", [T("DEL_PAREN_OPEN"), O("atom_2b"), T("DEL_PAREN_CLOSE")]),
    ("atom_2b", None, "or", [R("yield_expr"), R("testlist_comp")]),
    ("atom_bracket", "atom_bracket", "and", [T("DEL_BRACKET_OPEN"), O("testlist_comp"), T("DEL_BRACKET_CLOSE")]),
    ("atom_brace", "atom_brace", "and", [T("DEL_BRACE_OPEN"), O("dictorsetmaker"), T("DEL_BRACE_CLOSE")]),
    ("testlist_comp", None, "and_ident", [R("testlist_comp_2"), O("testlist_comp_3")]),
    ("testlist_comp_2", None, "or", [R("star_expr"), R("namedexpr_test")]),
    ("testlist_comp_3", None, "or", [R("comp_for"), R("testlist_comp_3b")]),
    ("testlist_comp_3b", None, "and_ident", [T("DEL_COMMA"), O("testlist_comp_3c")]),
    ("testlist_comp_3c", None, "list_with_end", [R("testlist_comp_2"), T("DEL_COMMA")]),
    ("trailer", None, "or", [R("trailer_paren"), R("trailer_bracket"), R("trailer_period")]),
    ("trailer_paren", "trailer_paren", "and", [T("DEL_PAREN_OPEN"), O("arglist"), T("DEL_PAREN_CLOSE")]),
    ("trailer_bracket", "trailer_bracket", "and", [T("DEL_BRACKET_OPEN"), R("subscriptlist"), T("DEL_BRACKET_CLOSE")]),
    ("trailer_period", "trailer_period", "and", [T("DEL_PERIOD"), T("NAME")]),
    ("subscriptlist", "generic_tuple", "list_with_end", [R("subscript"), T("DEL_COMMA")]),
    ("subscript", None, "or", [R("subscript_3"), R("subscript_2")]),
    ("subscript_2", "subscript", "and_ident", [R("test"), O("subscript_3")]),
    ("subscript_3", "subscript", "and", [T("DEL_COLON"), O("subscript_3b")]),
    ("subscript_3b", None, "or", [R("subscript_3c"), R("subscript_3d")]),
    ("subscript_3c", None, "and", [T("DEL_COLON"), O("test")]),
    ("subscript_3d", None, "and_ident", [R("test"), O("sliceop")]),
    ("sliceop", None, "and", [T("DEL_COLON"), O("test")]),
    ("exprlist", None, "list_with_end", [R("exprlist_2"), T("DEL_COMMA")]),
    ("exprlist_2", None, "or", [R("star_expr"), R("expr")]),
    ("testlist", "generic_tuple", "list_with_end", [R("test"), T("DEL_COMMA")]),
    ("dictorsetmaker", None, "and_ident", [R("dictorsetmaker_item"), O("dictorsetmaker_tail")]),
    ("dictorsetmaker_item", "dictorsetmaker_item", "and_ident", [R("test"), O("generic_colon_test")]),
    ("dictorsetmaker_tail", None, "or", [R("comp_for"), R("dictorsetmaker_list")]),
    ("dictorsetmaker_list", None, "and", [T("DEL_COMMA"), O("dictorsetmaker_list2")]),
    ("dictorsetmaker_list2", None, "list_with_end", [R("dictorsetmaker_item"), T("DEL_COMMA")]),
    ("classdef", "classdef", "and_blank", [T("KW_CLASS"), T("NAME"), O("classdef_2"), T("DEL_COLON"), R("suite")]),
    ("classdef_2", None, "and_ident", [T("DEL_PAREN_OPEN"), O("arglist"), T("DEL_PAREN_CLOSE")]),
    ("arglist", None, "list_with_end", [R("arglist_2"), T("DEL_COMMA")]),
    ("arglist_2", None, "or", [R("arglist_star"), R("arglist_dbl_star"), R("argument")]),
    ("arglist_star", None, "and", [T("OP_STAR"), R("test")]),
    ("arglist_dbl_star", None, "and", [T("OP_DBL_STAR"), R("test")]),
    ("argument", None, "and_ident", [R("test"), O("argument_2")]),
    ("argument_2", None, "or", [R("comp_for"), R("generic_equal_test"), R("argument_3")]),
    ("argument_3", None, "and", [T("OP_ASSIGN"), R("test")]),
    ("comp_iter", None, "or", [R("comp_for"), R("comp_if")]),
    ("comp_for", None, "and_blank", [T("KW_FOR"), R("exprlist"), T("KW_IN"), R("or_test"), O("comp_iter")]),
    ("comp_if", None, "and", [T("KW_IF"), R("test_nocond"), O("comp_iter")]),
    ("yield_expr", "yield_expr", "and", [T("KW_YIELD"), O("yield_arg")]),
    ("yield_arg", None, "or", [R("yield_arg_from"), R("testlist")]),
    ("yield_arg_from", None, "and", [T("KW_FROM"), R("test")]),
]


class Rule:
    """One rule, normalised as parse.c sees it (a plain class: made at every start-up)."""

    __slots__ = ("name", "compile_kind", "act", "n", "allow_ident", "add_blank", "args")

    def __init__(self, name: str, compile_kind: str | None, act: str, n: int, allow_ident: bool,
                 add_blank: bool, args: tuple):
        self.name = name
        self.compile_kind = compile_kind
        self.act = act  # "or", "and" or "list"
        self.n = n  # number of args for or/and; 1, 2 or 3 for the list kinds as in parse.c
        self.allow_ident = allow_ident
        self.add_blank = add_blank
        self.args = args

    def __repr__(self) -> str:
        return (f"Rule({self.name!r}, {self.compile_kind!r}, {self.act!r}, {self.n}, "
                f"{self.allow_ident}, {self.add_blank}, {self.args!r})")


_LIST_N = {"list": 1, "one_or_more": 2, "list_with_end": 3}


def _make(entry) -> Rule:
    name, compile_kind, act, args = entry
    if act in _LIST_N:
        return Rule(name, compile_kind, "list", _LIST_N[act], False, False, tuple(args))
    return Rule(name, compile_kind, "and" if act.startswith("and") else "or", len(args),
                act == "and_ident", act == "and_blank", tuple(args))


RULES: dict[str, Rule] = {entry[0]: _make(entry) for entry in RULE_TABLE}
