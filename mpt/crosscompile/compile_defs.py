"""Assignment targets, and def/lambda/class/decorator statements.

A part of the compiler (see compiler.py): a mixin of :class:`Compiler`, whose state and
helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile import emitbc as E
from mpt.crosscompile.emitbc import (
    PASS_SCOPE,
)
from mpt.crosscompile.native import hooks as native_hooks
from mpt.crosscompile.parsenode import Id, Node, extract_list, is_struct
from mpt.crosscompile.scope import (
    EMIT_OPT_BYTECODE, ID_INFO_KIND_CELL, ID_INFO_KIND_FREE, SCOPE_CLASS, SCOPE_FLAG_DEFKWARGS, SCOPE_FLAG_GENERATOR,
    SCOPE_FUNCTION, SCOPE_MODULE, Scope,
)

from mpt.crosscompile.compiler_nodes import (
    testlist_comp_has_comp_for,
)


class AssignDefCompiler:
    # ---- assignment ----

    ASSIGN_STORE, ASSIGN_AUG_LOAD, ASSIGN_AUG_STORE = 0, 1, 2

    def c_assign_atom_expr(self, pns: Node, assign_kind: int) -> None:
        if assign_kind != self.ASSIGN_AUG_STORE:
            self.compile_node(pns.args[0])
        pns1 = pns.args[1]
        if isinstance(pns1, Node):
            if pns1.rule == "atom_expr_trailers":
                n = len(pns1.args)
                if assign_kind != self.ASSIGN_AUG_STORE:
                    for i in range(n - 1):
                        self.compile_node(pns1.args[i])
                pns1 = pns1.args[n - 1]
            if pns1.rule == "trailer_bracket":
                if assign_kind == self.ASSIGN_AUG_STORE:
                    self.emit.rot_three()
                    self.emit.subscr(E.SUBSCR_STORE)
                else:
                    self.compile_node(pns1.args[0])
                    if assign_kind == self.ASSIGN_AUG_LOAD:
                        self.emit.dup_top_two()
                        self.emit.subscr(E.SUBSCR_LOAD)
                    else:
                        self.emit.subscr(E.SUBSCR_STORE)
                return
            if pns1.rule == "trailer_period":
                attr = pns1.args[0].name
                if assign_kind == self.ASSIGN_AUG_LOAD:
                    self.emit.dup_top()
                    self.emit.attr(attr, E.ATTR_LOAD)
                else:
                    if assign_kind == self.ASSIGN_AUG_STORE:
                        self.emit.rot_two()
                    self.emit.attr(attr, E.ATTR_STORE)
                return
        self.syntax_error(pns, "can't assign to expression")

    def c_assign_tuple(self, nodes_tail: list) -> None:
        num_tail = len(nodes_tail)
        have_star_index = -1
        for i, node in enumerate(nodes_tail):
            if is_struct(node, "star_expr"):
                if have_star_index == -1:
                    self.emit.unpack_ex(i, num_tail - i - 1)
                    have_star_index = i
                else:
                    self.syntax_error(node, "multiple *x in assignment")
        if have_star_index == -1:
            self.emit.unpack_sequence(num_tail)
        for i, node in enumerate(nodes_tail):
            if i == have_star_index:
                self.c_assign(node.args[0], self.ASSIGN_STORE)
            else:
                self.c_assign(node, self.ASSIGN_STORE)

    def c_assign(self, pn, assign_kind: int) -> None:
        if not isinstance(pn, Node):
            if isinstance(pn, Id):
                if assign_kind == self.ASSIGN_AUG_LOAD:
                    self.load_id(pn.name)
                else:
                    self.store_id(pn.name)
                return
            self.syntax_error(pn, "can't assign to expression")
        rule = pn.rule
        if rule == "atom_expr_normal":
            self.c_assign_atom_expr(pn, assign_kind)
            return
        if rule in ("testlist_star_expr", "exprlist"):
            if assign_kind != self.ASSIGN_STORE:
                self.syntax_error(pn, "can't assign to expression")
            self.c_assign_tuple(pn.args)
            return
        if rule == "atom_paren":
            if pn.args[0] is None or assign_kind != self.ASSIGN_STORE:
                self.syntax_error(pn, "can't assign to expression")
            pns = pn.args[0]
            if testlist_comp_has_comp_for(pns):
                self.syntax_error(pn, "can't assign to expression")
            self.c_assign_tuple(pns.args)
            return
        if rule == "atom_bracket":
            if assign_kind != self.ASSIGN_STORE:
                self.syntax_error(pn, "can't assign to expression")
            inner = pn.args[0]
            if inner is None:
                self.c_assign_tuple([])
            elif is_struct(inner, "testlist_comp"):
                if testlist_comp_has_comp_for(inner):
                    self.syntax_error(pn, "can't assign to expression")
                self.c_assign_tuple(inner.args)
            else:
                self.c_assign_tuple([inner])
            return
        self.syntax_error(pn, "can't assign to expression")

    # ---- functions, lambdas, classes ----

    def close_over_variables_etc(self, this_scope: Scope, n_pos_defaults: int,
                                 n_kw_defaults: int) -> None:
        if n_kw_defaults > 0:
            this_scope.scope_flags |= SCOPE_FLAG_DEFKWARGS
        this_scope.num_def_pos_args = n_pos_defaults
        # creating a function references the current globals (used by the native emitter)
        self.scope_cur.scope_flags |= native_hooks.SCOPE_FLAG_REFGLOBALS_HASCONSTS

        nfree = 0
        if self.scope_cur.kind != SCOPE_MODULE:
            for id_ in self.scope_cur.id_info:
                if id_.kind in (ID_INFO_KIND_CELL, ID_INFO_KIND_FREE):
                    for id2 in this_scope.id_info:
                        if id2.kind == ID_INFO_KIND_FREE and id_.qst == id2.qst:
                            self.emit.load_local(id_.qst, id_.local_num, E.IDOP_LOCAL_FAST)
                            nfree += 1
        if nfree == 0:
            self.emit.make_function(this_scope, n_pos_defaults, n_kw_defaults)
        else:
            self.emit.make_closure(this_scope, nfree, n_pos_defaults, n_kw_defaults)

    def compile_funcdef_lambdef_param(self, pn) -> None:
        rule = pn.rule if isinstance(pn, Node) else None
        if rule in ("typedargslist_star", "varargslist_star"):
            self.have_star = True
        elif rule in ("typedargslist_dbl_star", "varargslist_dbl_star"):
            pass
        else:
            if rule is None:
                pn_id, pn_equal = pn, None
            elif rule == "typedargslist_name":
                pn_id, pn_equal = pn.args[0], pn.args[2]
            else:
                pn_id, pn_equal = pn.args[0], pn.args[1]
            if pn_equal is None:
                if not self.have_star and self.num_default_params != 0:
                    self.syntax_error(pn, "non-default argument follows default argument")
            elif self.have_star:
                self.num_dict_params += 1
                if self.num_dict_params == 1:
                    if self.num_default_params > 0:
                        self.emit.build(self.num_default_params, E.BUILD_TUPLE)
                    else:
                        self.emit.load_null()
                    self.emit.build(0, E.BUILD_MAP)
                self.compile_node(pn_equal)
                self.emit.load_const_str(pn_id.name)
                self.emit.store_map()
            else:
                self.num_default_params += 1
                self.compile_node(pn_equal)

    def compile_funcdef_lambdef(self, scope: Scope, pn_params, list_rule: str) -> None:
        saved = (self.have_star, self.num_dict_params, self.num_default_params)
        self.have_star = False
        self.num_dict_params = 0
        self.num_default_params = 0
        self.apply_to_single_or_list(pn_params, list_rule, self.compile_funcdef_lambdef_param)
        if self.num_default_params > 0 and self.num_dict_params == 0:
            self.emit.build(self.num_default_params, E.BUILD_TUPLE)
            self.emit.load_null()
        self.close_over_variables_etc(scope, self.num_default_params, self.num_dict_params)
        self.have_star, self.num_dict_params, self.num_default_params = saved

    def compile_funcdef_helper(self, pns: Node, emit_options: int) -> str:
        if self.pass_ == PASS_SCOPE:
            self.node_scope[id(pns)] = self.scope_new_and_link(
                SCOPE_FUNCTION, pns, emit_options, pns.args[0].name)
        fscope = self.node_scope[id(pns)]
        self.compile_funcdef_lambdef(fscope, pns.args[1], "typedargslist")
        return fscope.simple_name

    def compile_classdef_helper(self, pns: Node, emit_options: int) -> str:
        if self.pass_ == PASS_SCOPE:
            self.node_scope[id(pns)] = self.scope_new_and_link(
                SCOPE_CLASS, pns, emit_options, pns.args[0].name)
        self.emit.load_build_class()
        cscope = self.node_scope[id(pns)]
        self.close_over_variables_etc(cscope, 0, 0)
        self.emit.load_const_str(cscope.simple_name)
        parents = pns.args[1]
        if is_struct(parents, "classdef_2"):
            parents = None
        self.compile_trailer_paren_helper(parents, False, 2)
        return cscope.simple_name

    def compile_built_in_decorator(self, name_nodes: list) -> tuple[bool, int | None]:
        """Returns (is_built_in, new emit options or None)."""
        if name_nodes[0].name != "micropython":
            return False, None
        if len(name_nodes) != 2:
            self.syntax_error(name_nodes[0], "invalid micropython decorator")
        attr = name_nodes[1].name
        if attr == "bytecode":
            return True, EMIT_OPT_BYTECODE
        if attr in ("native", "viper", "asm_thumb", "asm_xtensa", "asm_rv32"):
            opts = native_hooks.decorator_emit_options(self.march, attr, self.board_native,
                                                       self.board_asm)
            if opts is None:
                # no native emitter for this architecture (or no -march at all)
                self.syntax_error(name_nodes[1], "invalid arch")
            return True, opts
        self.syntax_error(name_nodes[1], "invalid micropython decorator")
        return True, None

    def compile_decorated(self, pns: Node) -> None:
        nodes = extract_list(pns.args[0], "decorators")
        emit_options = self.scope_cur.emit_options
        num_built_in = 0
        for dec in nodes:
            name_nodes = extract_list(dec.args[0], "dotted_name")
            is_built_in, opts = self.compile_built_in_decorator(name_nodes)
            if is_built_in:
                num_built_in += 1
                if opts is not None:
                    emit_options = opts
            else:
                self.compile_node(name_nodes[0])
                for name in name_nodes[1:]:
                    self.emit.attr(name.name, E.ATTR_LOAD)
                if dec.args[1] is not None:
                    self.compile_node(dec.args[1])

        body = pns.args[1]
        if body.rule == "funcdef":
            body_name = self.compile_funcdef_helper(body, emit_options)
        elif body.rule == "async_funcdef":
            pns0 = body.args[0]
            body_name = self.compile_funcdef_helper(pns0, emit_options)
            self.node_scope[id(pns0)].scope_flags |= SCOPE_FLAG_GENERATOR
        else:
            body_name = self.compile_classdef_helper(body, emit_options)

        for _ in range(len(nodes) - num_built_in):
            self.emit.call_function(1, 0, 0)
        self.store_id(body_name)

    def compile_funcdef(self, pns: Node) -> None:
        fname = self.compile_funcdef_helper(pns, self.scope_cur.emit_options)
        self.store_id(fname)
