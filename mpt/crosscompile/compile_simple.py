"""The simple statements: del, break/continue, pass, return, yield, raise, import,
global/nonlocal, assert.

A part of the compiler (see compiler.py): a mixin of :class:`Compiler`, whose state and
helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile import emitbc as E
from mpt.crosscompile.emitbc import (
    PASS_SCOPE,
)
from mpt.crosscompile.parsenode import Id, Node, Token, extract_list, is_struct
from mpt.crosscompile.scope import (
    ID_INFO_KIND_FREE, ID_INFO_KIND_GLOBAL_EXPLICIT,
    ID_INFO_KIND_GLOBAL_IMPLICIT, ID_INFO_KIND_UNDECIDED,
    SCOPE_FUNCTION, SCOPE_MODULE,
)

from mpt.crosscompile.compiler_nodes import (
    INVALID_LABEL, testlist_comp_has_comp_for,
)
from mpt.crosscompile.qstrpool import QSTR_MAX_LEN
from mpt.errors import CompileError


class SimpleStatementCompiler:
    # ---- simple statements ----

    def c_del_stmt(self, pn) -> None:
        if isinstance(pn, Id):
            self.delete_id(pn.name)
        elif is_struct(pn, "atom_expr_normal"):
            self.compile_node(pn.args[0])
            pns1 = pn.args[1]
            if not isinstance(pns1, Node):
                self.syntax_error(pn, "can't delete expression")
            if pns1.rule == "atom_expr_trailers":
                n = len(pns1.args)
                for i in range(n - 1):
                    self.compile_node(pns1.args[i])
                pns1 = pns1.args[n - 1]
            if pns1.rule == "trailer_bracket":
                self.compile_node(pns1.args[0])
                self.emit.subscr(E.SUBSCR_DELETE)
            elif pns1.rule == "trailer_period":
                self.emit.attr(pns1.args[0].name, E.ATTR_DELETE)
            else:
                self.syntax_error(pn, "can't delete expression")
        elif is_struct(pn, "atom_paren"):
            inner = pn.args[0]
            if inner is None:
                self.syntax_error(pn, "can't delete expression")
            if testlist_comp_has_comp_for(inner):
                self.syntax_error(pn, "can't delete expression")
            for arg in inner.args:
                self.c_del_stmt(arg)
        else:
            self.syntax_error(pn, "can't delete expression")

    def compile_del_stmt(self, pns: Node) -> None:
        self.apply_to_single_or_list(pns.args[0], "exprlist", self.c_del_stmt)

    def compile_break_cont_stmt(self, pns: Node) -> None:
        label = self.break_label if pns.rule == "break_stmt" else self.continue_label
        if label == INVALID_LABEL:
            self.syntax_error(pns, "'break'/'continue' outside loop")
        self.emit.unwind_jump(label, self.cur_except_level - self.break_continue_except_level)

    def compile_pass_stmt(self, pns: Node) -> None:
        self.compile_generic_all_nodes(pns)

    def compile_return_stmt(self, pns: Node) -> None:
        if self.scope_cur.kind != SCOPE_FUNCTION:
            self.syntax_error(pns, "'return' outside function")
        value = pns.args[0]
        if value is None:
            self.emit.load_const_tok("KW_NONE")
        elif is_struct(value, "test_if_expr"):
            test_if_else = value.args[1]
            l_fail = self.next_label_()
            self.c_if_cond(test_if_else.args[0], False, l_fail)
            self.compile_node(value.args[0])
            self.emit.return_value()
            self.emit.label_assign(l_fail)
            self.compile_node(test_if_else.args[1])
        else:
            self.compile_node(value)
        self.emit.return_value()

    def compile_yield_stmt(self, pns: Node) -> None:
        self.compile_node(pns.args[0])
        self.emit.pop_top()

    def compile_raise_stmt(self, pns: Node) -> None:
        arg = pns.args[0]
        if arg is None:
            self.emit.raise_varargs(0)
        elif is_struct(arg, "raise_stmt_arg"):
            self.compile_node(arg.args[0])
            self.compile_node(arg.args[1])
            self.emit.raise_varargs(2)
        else:
            self.compile_node(arg)
            self.emit.raise_varargs(1)

    def do_import_name(self, pn) -> str:
        """Emits IMPORT_NAME for a (dotted) module name; returns the name to bind."""
        is_as = False
        q_base = None
        if is_struct(pn, "dotted_as_name"):
            q_base = pn.args[1].name
            pn = pn.args[0]
            is_as = True
        if pn is None:
            self.emit.import_("", E.IMPORT_NAME)
            return ""
        if isinstance(pn, Id):
            if not is_as:
                q_base = pn.name
            self.emit.import_(pn.name, E.IMPORT_NAME)
            return q_base
        names = [leaf.name for leaf in pn.args]
        if not is_as:
            q_base = names[0]
        full = ".".join(names)
        if len(full.encode("utf-8", "surrogateescape")) > QSTR_MAX_LEN:
            # the dotted name is interned whole (qstr.c raises, as for a long identifier)
            raise CompileError("RuntimeError", "name too long", "", None)
        self.emit.import_(full, E.IMPORT_NAME)
        if is_as:
            for name in names[1:]:
                self.emit.attr(name, E.ATTR_LOAD)
        return q_base

    def compile_dotted_as_name(self, pn) -> None:
        self.emit.load_const_small_int(0)
        self.emit.load_const_tok("KW_NONE")
        q_base = self.do_import_name(pn)
        self.store_id(q_base)

    def compile_import_name(self, pns: Node) -> None:
        self.apply_to_single_or_list(pns.args[0], "dotted_as_names", self.compile_dotted_as_name)

    def compile_import_from(self, pns: Node) -> None:
        pn_import_source = pns.args[0]
        import_level = 0
        pn_rel = None
        if isinstance(pn_import_source, Token) or is_struct(pn_import_source,
                                                             "one_or_more_period_or_ellipsis"):
            pn_rel = pn_import_source
            pn_import_source = None
        elif is_struct(pn_import_source, "import_from_2b"):
            pn_rel = pn_import_source.args[0]
            pn_import_source = pn_import_source.args[1]
        if pn_rel is not None:
            for tok in extract_list(pn_rel, "one_or_more_period_or_ellipsis"):
                import_level += 1 if tok.kind == "DEL_PERIOD" else 3

        if isinstance(pns.args[1], Token) and pns.args[1].kind == "OP_STAR":
            if self.scope_cur.kind != SCOPE_MODULE:
                self.syntax_error(pns, "import * not at module level")
            self.emit.load_const_small_int(import_level)
            self.emit.load_const_str("*")
            self.emit.build(1, E.BUILD_TUPLE)
            self.do_import_name(pn_import_source)
            self.emit.import_(None, E.IMPORT_STAR)
        else:
            self.emit.load_const_small_int(import_level)
            pn_nodes = extract_list(pns.args[1], "import_as_names")
            for node in pn_nodes:
                self.emit.load_const_str(node.args[0].name)
            self.emit.build(len(pn_nodes), E.BUILD_TUPLE)
            self.do_import_name(pn_import_source)
            for node in pn_nodes:
                id2 = node.args[0].name
                self.emit.import_(id2, E.IMPORT_FROM)
                if node.args[1] is None:
                    self.store_id(id2)
                else:
                    self.store_id(node.args[1].name)
            self.emit.pop_top()

    def compile_declare_global(self, pn, id_info) -> None:
        if id_info.kind not in (ID_INFO_KIND_UNDECIDED, ID_INFO_KIND_GLOBAL_EXPLICIT):
            self.syntax_error(pn, "identifier redefined as global")
        id_info.kind = ID_INFO_KIND_GLOBAL_EXPLICIT
        glob = self.scope_cur.find_global(id_info.qst)
        if glob is not None:
            glob.kind = ID_INFO_KIND_GLOBAL_EXPLICIT

    def compile_declare_nonlocal(self, pn, id_info) -> None:
        if id_info.kind == ID_INFO_KIND_UNDECIDED:
            id_info.kind = ID_INFO_KIND_GLOBAL_IMPLICIT
            self.scope_cur.check_to_close_over(id_info)
            if id_info.kind == ID_INFO_KIND_GLOBAL_IMPLICIT:
                self.syntax_error(pn, "no binding for nonlocal found")
        elif id_info.kind != ID_INFO_KIND_FREE:
            self.syntax_error(pn, "identifier redefined as nonlocal")

    def compile_declare_global_or_nonlocal(self, pn, id_info, is_global: bool) -> None:
        if is_global:
            self.compile_declare_global(pn, id_info)
        else:
            self.compile_declare_nonlocal(pn, id_info)

    def compile_global_nonlocal_stmt(self, pns: Node) -> None:
        if self.pass_ != PASS_SCOPE:
            return
        is_global = pns.rule == "global_stmt"
        if not is_global and self.scope_cur.kind == SCOPE_MODULE:
            self.syntax_error(pns, "can't declare nonlocal in outer code")
        for leaf in extract_list(pns.args[0], "name_list"):
            id_info = self.scope_cur.find_or_add_id(leaf.name, ID_INFO_KIND_UNDECIDED)
            self.compile_declare_global_or_nonlocal(pns, id_info, is_global)

    def compile_assert_stmt(self, pns: Node) -> None:
        if self.opt_level != 0:
            return
        l_end = self.next_label_()
        self.c_if_cond(pns.args[0], True, l_end)
        self.emit.load_global("AssertionError", E.IDOP_GLOBAL_GLOBAL)
        if pns.args[1] is not None:
            self.compile_node(pns.args[1])
            self.emit.call_function(1, 0, 0)
        self.emit.raise_varargs(1)
        self.emit.label_assign(l_end)
