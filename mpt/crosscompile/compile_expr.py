"""Expressions: operators, comparisons, calls and subscripts, atoms and displays,
comprehensions, constants.

A part of the compiler (see compiler.py): a mixin of :class:`Compiler`, whose state and
helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile import emitbc as E
from mpt.crosscompile.emitbc import (
    PASS_SCOPE,
)
from mpt.crosscompile.parsenode import Id, Node, Token, extract_list, is_struct
from mpt.crosscompile.scope import (
    ID_FLAG_IS_PARAM, ID_INFO_KIND_GLOBAL_EXPLICIT,
    ID_INFO_KIND_GLOBAL_IMPLICIT, ID_INFO_KIND_UNDECIDED,
    SCOPE_DICT_COMP, SCOPE_FUNCTION, SCOPE_GEN_EXPR, SCOPE_LAMBDA,
    SCOPE_LIST_COMP, SCOPE_SET_COMP, scope_is_comp_like,
)
from mpt.mpy.opcodes import BINARY_OP, UNARY_OP

from mpt.crosscompile.compiler_nodes import (
    COMPARE_TOKENS, TERM_TOKENS, testlist_comp_has_comp_for,
)


class ExpressionCompiler:
    # ---- expressions ----

    def compile_test_if_expr(self, pns: Node) -> None:
        test_if_else = pns.args[1]
        l_fail = self.next_label_()
        l_end = self.next_label_()
        self.c_if_cond(test_if_else.args[0], False, l_fail)
        self.compile_node(pns.args[0])
        self.emit.jump(l_end)
        self.emit.label_assign(l_fail)
        self.emit.adjust_stack_size(-1)
        self.compile_node(test_if_else.args[1])
        self.emit.label_assign(l_end)

    def compile_lambdef(self, pns: Node) -> None:
        if self.pass_ == PASS_SCOPE:
            self.node_scope[id(pns)] = self.scope_new_and_link(
                SCOPE_LAMBDA, pns, self.scope_cur.emit_options)
        this_scope = self.node_scope[id(pns)]
        self.compile_funcdef_lambdef(this_scope, pns.args[0], "varargslist")

    def compile_namedexpr_helper(self, pn_name, pn_expr) -> None:
        if not isinstance(pn_name, Id):
            self.syntax_error(pn_name, "can't assign to expression")
        self.compile_node(pn_expr)
        self.emit.dup_top()
        target = pn_name.name
        scope = self.scope_cur
        if self.pass_ == PASS_SCOPE and scope_is_comp_like(scope.kind):
            id_info_parent = scope.parent.get_id_for_modification(target)
            if id_info_parent.kind == ID_INFO_KIND_GLOBAL_EXPLICIT:
                scope.find_or_add_id(target, ID_INFO_KIND_GLOBAL_EXPLICIT)
            else:
                id_info = scope.find_or_add_id(target, ID_INFO_KIND_UNDECIDED)
                is_global = scope.parent.parent is None
                if not is_global and id_info.kind == ID_INFO_KIND_GLOBAL_IMPLICIT:
                    id_info.kind = ID_INFO_KIND_UNDECIDED
                self.compile_declare_global_or_nonlocal(pn_name, id_info, is_global)
        self.store_id(target)

    def compile_namedexpr(self, pns: Node) -> None:
        self.compile_namedexpr_helper(pns.args[0], pns.args[1])

    def compile_or_and_test(self, pns: Node) -> None:
        cond = pns.rule == "or_test"
        l_end = self.next_label_()
        n = len(pns.args)
        for i, arg in enumerate(pns.args):
            self.compile_node(arg)
            if i + 1 < n:
                self.emit.jump_if_or_pop(cond, l_end)
        self.emit.label_assign(l_end)

    def compile_not_test_2(self, pns: Node) -> None:
        self.compile_node(pns.args[0])
        self.emit.unary_op(UNARY_OP["NOT"])

    def compile_comparison(self, pns: Node) -> None:
        num_nodes = len(pns.args)
        self.compile_node(pns.args[0])
        multi = num_nodes > 3
        l_fail = self.next_label_() if multi else 0
        for i in range(1, num_nodes - 1, 2):
            self.compile_node(pns.args[i + 1])
            if i + 2 < num_nodes:
                self.emit.dup_top()
                self.emit.rot_three()
            cmp = pns.args[i]
            if isinstance(cmp, Token):
                if cmp.kind == "KW_IN":
                    binop = BINARY_OP["IN"]
                else:
                    binop = BINARY_OP["LESS"] + COMPARE_TOKENS.index(cmp.kind)
            elif cmp.rule == "comp_op_not_in":
                binop = BINARY_OP["NOT_IN"]
            elif cmp.args[0] is None:
                binop = BINARY_OP["IS"]
            else:
                binop = BINARY_OP["IS_NOT"]
            self.emit.binary_op(binop)
            if i + 2 < num_nodes:
                self.emit.jump_if_or_pop(False, l_fail)
        if multi:
            l_end = self.next_label_()
            self.emit.jump(l_end)
            self.emit.label_assign(l_fail)
            self.emit.adjust_stack_size(1)
            self.emit.rot_two()
            self.emit.pop_top()
            self.emit.label_assign(l_end)

    def compile_star_expr(self, pns: Node) -> None:
        self.syntax_error(pns, "*x must be assignment target")

    def compile_binary_op(self, pns: Node) -> None:
        binop = BINARY_OP[{"expr": "OR", "xor_expr": "XOR", "and_expr": "AND"}[pns.rule]]
        self.compile_node(pns.args[0])
        for arg in pns.args[1:]:
            self.compile_node(arg)
            self.emit.binary_op(binop)

    def compile_term(self, pns: Node) -> None:
        self.compile_node(pns.args[0])
        for i in range(1, len(pns.args) - 1, 2):
            self.compile_node(pns.args[i + 1])
            tok = pns.args[i].kind
            self.emit.binary_op(BINARY_OP["LSHIFT"] + TERM_TOKENS.index(tok))

    def compile_factor_2(self, pns: Node) -> None:
        self.compile_node(pns.args[1])
        tok = pns.args[0].kind
        if tok == "OP_TILDE":
            self.emit.unary_op(UNARY_OP["INVERT"])
        elif tok == "OP_PLUS":
            self.emit.unary_op(UNARY_OP["POSITIVE"])
        else:
            self.emit.unary_op(UNARY_OP["NEGATIVE"])

    def compile_atom_expr_normal(self, pns: Node) -> None:
        self.compile_node(pns.args[0])
        if pns.args[1] is None:
            return
        trail = pns.args[1]
        trailers = trail.args if trail.rule == "atom_expr_trailers" else [trail]
        num_trail = len(trailers)
        i = 0
        subject = pns.args[0]
        if (self.scope_cur.kind == SCOPE_FUNCTION and isinstance(subject, Id)
                and subject.name == "super" and trailers[0].rule == "trailer_paren"
                and trailers[0].args[0] is None):
            self.load_id("__class__")
            for id_ in self.scope_cur.id_info:
                if id_.flags & ID_FLAG_IS_PARAM:
                    self.load_id(id_.qst)
                    break
            else:
                self.syntax_error(trailers[0], "super() can't find self")
            if (num_trail >= 3 and trailers[1].rule == "trailer_period"
                    and trailers[2].rule == "trailer_paren"):
                self.emit.load_method(trailers[1].args[0].name, True)
                self.compile_trailer_paren_helper(trailers[2].args[0], True, 0)
                i = 3
            else:
                self.emit.call_function(2, 0, 0)
                i = 1
        # (mpy-cross is built without the OrderedDict({...}) literal special case)

        while i < num_trail:
            if (i + 1 < num_trail and trailers[i].rule == "trailer_period"
                    and trailers[i + 1].rule == "trailer_paren"):
                self.emit.load_method(trailers[i].args[0].name, False)
                self.compile_trailer_paren_helper(trailers[i + 1].args[0], True, 0)
                i += 2
            else:
                self.compile_node(trailers[i])
                i += 1

    def compile_power(self, pns: Node) -> None:
        self.compile_generic_all_nodes(pns)
        self.emit.binary_op(BINARY_OP["POWER"])

    def compile_trailer_paren_helper(self, pn_arglist, is_method_call: bool,
                                     n_positional_extra: int) -> None:
        args = extract_list(pn_arglist, "arglist")
        n_positional = n_positional_extra
        n_keyword = 0
        star_flags = 0
        star_args = 0
        for i, arg in enumerate(args):
            rule = arg.rule if isinstance(arg, Node) else None
            if rule == "arglist_star":
                if star_flags & E.STAR_FLAG_DOUBLE:
                    self.syntax_error(arg, "* arg after **")
                if n_keyword:
                    self.syntax_error(arg, "* arg after kwarg")
                if i >= self.small_int_bits - 1:
                    self.syntax_error(arg, "too many args")
                star_flags |= E.STAR_FLAG_SINGLE
                star_args |= 1 << i
                self.compile_node(arg.args[0])
                n_positional += 1
                continue
            if rule == "arglist_dbl_star":
                star_flags |= E.STAR_FLAG_DOUBLE
                self.emit.load_null()
                self.compile_node(arg.args[0])
                n_keyword += 1
                continue
            if rule == "argument":
                if is_struct(arg.args[1], "argument_3"):
                    self.compile_namedexpr_helper(arg.args[0], arg.args[1].args[0])
                    n_positional += 1
                elif not is_struct(arg.args[1], "comp_for"):
                    if not isinstance(arg.args[0], Id):
                        self.syntax_error(arg, "LHS of keyword arg must be an id")
                    self.emit.load_const_str(arg.args[0].name)
                    self.compile_node(arg.args[1])
                    n_keyword += 1
                else:
                    self.compile_comprehension(arg, SCOPE_GEN_EXPR)
                    n_positional += 1
                continue
            if star_flags & E.STAR_FLAG_DOUBLE:
                self.syntax_error(arg, "positional arg after **")
            if n_keyword > 0:
                self.syntax_error(arg, "positional arg after keyword arg")
            self.compile_node(arg)
            n_positional += 1

        if star_flags != 0:
            self.load_small_int_or_obj(star_args)
        if is_method_call:
            self.emit.call_method(n_positional, n_keyword, star_flags)
        else:
            self.emit.call_function(n_positional, n_keyword, star_flags)

    def compile_comprehension(self, pns: Node, kind: int) -> None:
        pns_comp_for = pns.args[1]
        if self.pass_ == PASS_SCOPE:
            self.node_scope[id(pns_comp_for)] = self.scope_new_and_link(
                kind, pns, self.scope_cur.emit_options)
        this_scope = self.node_scope[id(pns_comp_for)]
        self.close_over_variables_etc(this_scope, 0, 0)
        self.compile_node(pns_comp_for.args[1])
        if kind == SCOPE_GEN_EXPR:
            self.emit.get_iter(False)
        self.emit.call_function(1, 0, 0)

    def compile_atom_paren(self, pns: Node) -> None:
        inner = pns.args[0]
        if inner is None:
            self.emit.build(0, E.BUILD_TUPLE)
        elif testlist_comp_has_comp_for(inner):
            self.compile_comprehension(inner, SCOPE_GEN_EXPR)
        else:
            self.compile_generic_tuple(inner)

    def compile_atom_bracket(self, pns: Node) -> None:
        inner = pns.args[0]
        if inner is None:
            self.emit.build(0, E.BUILD_LIST)
        elif is_struct(inner, "testlist_comp"):
            if testlist_comp_has_comp_for(inner):
                self.compile_comprehension(inner, SCOPE_LIST_COMP)
            else:
                self.compile_generic_all_nodes(inner)
                self.emit.build(len(inner.args), E.BUILD_LIST)
        else:
            self.compile_node(inner)
            self.emit.build(1, E.BUILD_LIST)

    def compile_atom_brace_helper(self, pns: Node, create_map: bool) -> None:
        pn = pns.args[0]
        if pn is None:
            if create_map:
                self.emit.build(0, E.BUILD_MAP)
            return
        if isinstance(pn, Node) and pn.rule == "dictorsetmaker_item":
            if create_map:
                self.emit.build(1, E.BUILD_MAP)
            self.compile_node(pn)
            self.emit.store_map()
            return
        if isinstance(pn, Node) and pn.rule == "dictorsetmaker":
            pns1 = pn.args[1]
            if pns1.rule == "dictorsetmaker_list":
                nodes = extract_list(pns1.args[0], "dictorsetmaker_list2")
                if is_struct(pn.args[0], "dictorsetmaker_item"):
                    if create_map:
                        self.emit.build(1 + len(nodes), E.BUILD_MAP)
                    self.compile_node(pn.args[0])
                    self.emit.store_map()
                    is_dict = True
                else:
                    self.compile_node(pn.args[0])
                    is_dict = False
                for pn_i in nodes:
                    is_key_value = is_struct(pn_i, "dictorsetmaker_item")
                    self.compile_node(pn_i)
                    if is_dict:
                        if not is_key_value:
                            self.syntax_error(pn, "expecting key:value for dict")
                        self.emit.store_map()
                    elif is_key_value:
                        self.syntax_error(pn, "expecting just a value for set")
                if not is_dict:
                    self.emit.build(1 + len(nodes), E.BUILD_SET)
            else:
                if is_struct(pn.args[0], "dictorsetmaker_item"):
                    self.compile_comprehension(pn, SCOPE_DICT_COMP)
                else:
                    self.compile_comprehension(pn, SCOPE_SET_COMP)
            return
        self.compile_node(pn)
        self.emit.build(1, E.BUILD_SET)

    def compile_atom_brace(self, pns: Node) -> None:
        self.compile_atom_brace_helper(pns, True)

    def compile_trailer_paren(self, pns: Node) -> None:
        self.compile_trailer_paren_helper(pns.args[0], False, 0)

    def compile_trailer_bracket(self, pns: Node) -> None:
        self.compile_node(pns.args[0])
        self.emit.subscr(E.SUBSCR_LOAD)

    def compile_trailer_period(self, pns: Node) -> None:
        self.emit.attr(pns.args[0].name, E.ATTR_LOAD)

    def compile_subscript(self, pns: Node) -> None:
        emit = self.emit
        if pns.rule == "subscript_2":
            self.compile_node(pns.args[0])
            pns = pns.args[1]
        else:
            emit.load_const_tok("KW_NONE")
        pn = pns.args[0]
        if pn is None:
            emit.load_const_tok("KW_NONE")
            emit.build(2, E.BUILD_SLICE)
        elif isinstance(pn, Node) and pn.rule == "subscript_3c":
            emit.load_const_tok("KW_NONE")
            if pn.args[0] is None:
                emit.build(2, E.BUILD_SLICE)
            else:
                self.compile_node(pn.args[0])
                emit.build(3, E.BUILD_SLICE)
        elif isinstance(pn, Node) and pn.rule == "subscript_3d":
            self.compile_node(pn.args[0])
            sliceop = pn.args[1]
            if sliceop.args[0] is None:
                emit.build(2, E.BUILD_SLICE)
            else:
                self.compile_node(sliceop.args[0])
                emit.build(3, E.BUILD_SLICE)
        else:
            self.compile_node(pn)
            emit.build(2, E.BUILD_SLICE)

    def compile_dictorsetmaker_item(self, pns: Node) -> None:
        self.compile_node(pns.args[1])
        self.compile_node(pns.args[0])

    def compile_classdef(self, pns: Node) -> None:
        cname = self.compile_classdef_helper(pns, self.scope_cur.emit_options)
        self.store_id(cname)

    def compile_yield_expr(self, pns: Node) -> None:
        if self.scope_cur.kind not in (SCOPE_FUNCTION, SCOPE_LAMBDA):
            self.syntax_error(pns, "'yield' outside function")
        arg = pns.args[0]
        if arg is None:
            self.emit.load_const_tok("KW_NONE")
            self.emit.yield_(E.YIELD_VALUE)
            self.reserve_labels_for_native(1)
        elif is_struct(arg, "yield_arg_from"):
            self.compile_node(arg.args[0])
            self.compile_yield_from()
        else:
            self.compile_node(arg)
            self.emit.yield_(E.YIELD_VALUE)
            self.reserve_labels_for_native(1)

    def compile_atom_expr_await(self, pns: Node) -> None:
        if self.scope_cur.kind not in (SCOPE_FUNCTION, SCOPE_LAMBDA):
            self.syntax_error(pns, "'await' outside function")
        self.compile_atom_expr_normal(pns)
        self.compile_yield_from()

    def compile_const_object(self, pns: Node) -> None:
        self.emit.load_const_obj(pns.args[0])

    def is_small_int(self, pn) -> bool:
        """MP_PARSE_NODE_IS_SMALL_INT: an int that fits the target's small-int range."""
        if type(pn) is not int:
            return False
        sign_bit = 1 << (self.small_int_bits - 1)
        return -sign_bit <= pn < sign_bit

    def load_small_int_or_obj(self, value: int) -> None:
        """A parse-tree int: a small int if it fits the target's small ints, else an int object."""
        sign_bit = 1 << (self.small_int_bits - 1)
        if -sign_bit <= value < sign_bit:
            self.emit.load_const_small_int(value)
        else:
            self.emit.load_const_obj(value)
