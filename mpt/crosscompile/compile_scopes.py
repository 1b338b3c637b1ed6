"""Scopes: parameters (with viper annotations), comprehension iteration and the compile_scope
pass driver for one function, lambda, class, comprehension or module.

A part of the compiler (see compiler.py): a mixin of :class:`Compiler`, whose state and
helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile import emitbc as E
from mpt.crosscompile.emitbc import (
    PASS_SCOPE,
)
from mpt.crosscompile.native import hooks as native_hooks
from mpt.crosscompile.parsenode import Id, Node, is_struct
from mpt.crosscompile.scope import (
    EMIT_OPT_VIPER,
    ID_FLAG_VIPER_TYPE_POS,
    ID_FLAG_IS_DBL_STAR_PARAM, ID_FLAG_IS_PARAM, ID_FLAG_IS_STAR_PARAM,
    ID_INFO_KIND_LOCAL, ID_INFO_KIND_UNDECIDED,
    SCOPE_CLASS, SCOPE_DICT_COMP, SCOPE_FLAG_GENERATOR,
    SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS, SCOPE_FUNCTION, SCOPE_GEN_EXPR, SCOPE_LAMBDA,
    SCOPE_LIST_COMP, SCOPE_MODULE, SCOPE_SET_COMP, Scope, scope_is_comp_like,
)

from mpt.crosscompile.compiler_nodes import (
    SyntaxErrorFound,
)


class ScopeCompiler:
    # ---- scopes ----

    def compile_scope_func_lambda_param(self, pn, name_rule: str, star_rule: str,
                                        dbl_star_rule: str) -> None:
        scope = self.scope_cur
        if scope.scope_flags & SCOPE_FLAG_VARKEYWORDS:
            self.syntax_error(pn, "invalid syntax")
        param_name = None
        param_flag = ID_FLAG_IS_PARAM
        if isinstance(pn, Id):
            param_name = pn.name
            if self.have_star:
                scope.num_kwonly_args += 1
            else:
                scope.num_pos_args += 1
        elif pn.rule == name_rule:
            param_name = pn.args[0].name
            if self.have_star:
                scope.num_kwonly_args += 1
            else:
                scope.num_pos_args += 1
        elif pn.rule == star_rule:
            if self.have_star:
                self.syntax_error(pn, "invalid syntax")
            self.have_star = True
            param_flag = ID_FLAG_IS_PARAM | ID_FLAG_IS_STAR_PARAM
            star = pn.args[0]
            if star is None:
                pass
            elif isinstance(star, Id):
                scope.scope_flags |= SCOPE_FLAG_VARARGS
                param_name = star.name
            else:
                scope.scope_flags |= SCOPE_FLAG_VARARGS
                param_name = star.args[0].name
        else:
            param_name = pn.args[0].name
            param_flag = ID_FLAG_IS_PARAM | ID_FLAG_IS_DBL_STAR_PARAM
            scope.scope_flags |= SCOPE_FLAG_VARKEYWORDS

        if param_name is not None:
            id_info = scope.find_or_add_id(param_name, ID_INFO_KIND_UNDECIDED)
            if id_info.kind != ID_INFO_KIND_UNDECIDED:
                self.syntax_error(pn, "argument name reused")
            id_info.kind = ID_INFO_KIND_LOCAL
            id_info.flags = param_flag
            if (scope.emit_options == EMIT_OPT_VIPER and not isinstance(pn, Id)
                    and pn.rule == name_rule == "typedargslist_name"):
                id_info.flags |= self.viper_type_annotation(pn.args[1]) << ID_FLAG_VIPER_TYPE_POS

    def viper_type_annotation(self, pn) -> int:
        """The viper type an annotation names (compile_viper_type_annotation).

        Errors are recorded rather than raised: mpy-cross carries on with the other annotations
        (an unknown type replaces an earlier one, a syntax error does not) and with the body
        (see raise_viper_annotation_error)."""
        if pn is None:
            return 0
        if not isinstance(pn, Id):
            if self.viper_annotation_error is None:
                self.viper_annotation_error = ("SyntaxError", "annotation must be an identifier")
            return 0
        native_type = native_hooks.native_type_from_name(pn.name)
        if native_type < 0:
            self.viper_annotation_error = ("ViperTypeError", f"unknown type '{pn.name}'")
            return 0
        return native_type

    def raise_viper_annotation_error(self, body) -> None:
        if self.viper_annotation_error is None:
            return
        exc_name, message = self.viper_annotation_error
        # the error has no line of its own; mpy-cross gives it the line of the body's first
        # statement when the body is a statement list, else the def line
        line = 0
        if is_struct(body, "suite_block_stmts") and isinstance(body.args[0], Node):
            line = body.args[0].line
        raise SyntaxErrorFound(message, line, exc_name)

    def compile_scope_func_param(self, pn) -> None:
        self.compile_scope_func_lambda_param(pn, "typedargslist_name", "typedargslist_star",
                                             "typedargslist_dbl_star")

    def compile_scope_lambda_param(self, pn) -> None:
        self.compile_scope_func_lambda_param(pn, "varargslist_name", "varargslist_star",
                                             "varargslist_dbl_star")

    def compile_scope_comp_iter(self, pns_comp_for: Node, pn_inner_expr, for_depth: int) -> None:
        l_top = self.next_label_()
        l_end = self.next_label_()
        self.emit.label_assign(l_top)
        self.emit.for_iter(l_end)
        self.c_assign(pns_comp_for.args[0], self.ASSIGN_STORE)
        pn_iter = pns_comp_for.args[2]
        while True:
            if pn_iter is None:
                self.compile_node(pn_inner_expr)
                if self.scope_cur.kind == SCOPE_GEN_EXPR:
                    self.emit.yield_(E.YIELD_VALUE)
                    self.reserve_labels_for_native(1)
                    self.emit.pop_top()
                else:
                    self.emit.store_comp(self.scope_cur.kind, 4 * for_depth + 5)
                break
            if pn_iter.rule == "comp_if":
                self.c_if_cond(pn_iter.args[0], False, l_top)
                pn_iter = pn_iter.args[1]
                continue
            self.compile_node(pn_iter.args[1])
            self.emit.get_iter(True)
            self.compile_scope_comp_iter(pn_iter, pn_inner_expr, for_depth + 1)
            break
        self.emit.jump(l_top)
        self.emit.label_assign(l_end)
        self.emit.for_iter_end()

    def compile_scope(self, scope: Scope, pass_: int) -> bool:
        self.pass_ = pass_
        self.scope_cur = scope
        self.next_label = 0
        self.common.start_pass(pass_)
        emit = self.emit
        emit.start_pass(pass_, scope)
        self.reserve_labels_for_native(6)

        if pass_ == PASS_SCOPE:
            scope.stack_size = 0
            scope.exc_stack_size = 0

        pns = scope.pn
        if scope.kind == SCOPE_MODULE:
            if is_struct(pns, "eval_input"):
                self.compile_node(pns.args[0])
                emit.return_value()
            else:
                self.compile_node(pns)
                emit.load_const_tok("KW_NONE")
                emit.return_value()
        elif scope.kind == SCOPE_FUNCTION:
            if pass_ == PASS_SCOPE:
                self.have_star = False
                self.apply_to_single_or_list(pns.args[1], "typedargslist",
                                             self.compile_scope_func_param)
                if scope.emit_options == EMIT_OPT_VIPER:
                    scope.scope_flags |= (self.viper_type_annotation(pns.args[2])
                                          << native_hooks.SCOPE_FLAG_VIPERRET_POS)
                self.raise_viper_annotation_error(pns.args[3])
            self.compile_node(pns.args[3])
            emit.load_const_tok("KW_NONE")
            emit.return_value()
        elif scope.kind == SCOPE_LAMBDA:
            emit.set_source_line(pns.line)
            if pass_ == PASS_SCOPE:
                self.have_star = False
                self.apply_to_single_or_list(pns.args[0], "varargslist",
                                             self.compile_scope_lambda_param)
            self.compile_node(pns.args[1])
            if scope.scope_flags & SCOPE_FLAG_GENERATOR:
                emit.pop_top()
                emit.load_const_tok("KW_NONE")
            emit.return_value()
        elif scope_is_comp_like(scope.kind):
            pns_comp_for = pns.args[1]
            qstr_arg = ""
            if pass_ == PASS_SCOPE:
                scope.find_or_add_id(qstr_arg, ID_INFO_KIND_LOCAL)
                scope.num_pos_args = 1
            emit.set_source_line(pns.line)
            if scope.kind == SCOPE_LIST_COMP:
                emit.build(0, E.BUILD_LIST)
            elif scope.kind == SCOPE_DICT_COMP:
                emit.build(0, E.BUILD_MAP)
            elif scope.kind == SCOPE_SET_COMP:
                emit.build(0, E.BUILD_SET)
            if scope.kind == SCOPE_GEN_EXPR:
                emit.load_null()
                self.load_id(qstr_arg)
                emit.load_null()
                emit.load_null()
            else:
                self.load_id(qstr_arg)
                emit.get_iter(True)
            self.compile_scope_comp_iter(pns_comp_for, pns.args[0], 0)
            if scope.kind == SCOPE_GEN_EXPR:
                emit.load_const_tok("KW_NONE")
            emit.return_value()
        else:
            assert scope.kind == SCOPE_CLASS
            if pass_ == PASS_SCOPE:
                scope.find_or_add_id("__class__", ID_INFO_KIND_LOCAL)
            self.load_id("__name__")
            self.store_id("__module__")
            emit.load_const_str(pns.args[0].name)
            self.store_id("__qualname__")
            self.compile_node(pns.args[2])
            id_ = scope.find("__class__")
            if id_.kind == ID_INFO_KIND_LOCAL:
                emit.load_const_tok("KW_NONE")
            else:
                emit.load_local("__class__", id_.local_num, E.IDOP_LOCAL_FAST)
            emit.return_value()

        return emit.end_pass()

    def layout_scope(self, scope: Scope, pass_: int) -> bool:
        """compile_scope for a bytecode scope after its STACK_SIZE pass: the CODE_SIZE or
        an EMIT pass, without walking the tree again (see Emitter.layout_pass)."""
        self.pass_ = pass_
        self.scope_cur = scope
        self.common.start_pass(pass_)
        return self.emit.layout_pass(pass_, scope)
