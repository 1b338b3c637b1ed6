"""The compound statements: if, while, for, try, with, the async forms, and expression
statements.

A part of the compiler (see compiler.py): a mixin of :class:`Compiler`, whose state and
helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile import emitbc as E
from mpt.crosscompile.parsenode import Id, Node, extract_list, is_struct
from mpt.crosscompile.scope import (
    ID_INFO_KIND_LOCAL, SCOPE_FLAG_GENERATOR,
    SCOPE_FUNCTION, SCOPE_MODULE,
)
from mpt.mpy.opcodes import BINARY_OP

from mpt.crosscompile.compiler_nodes import (
    AUGASSIGN_TOKENS, is_const_false, is_const_true,
)


class CompoundStatementCompiler:
    # ---- compound statements ----

    def compile_if_stmt(self, pns: Node) -> None:
        l_end = self.next_label_()
        if not is_const_false(pns.args[0]):
            l_fail = self.next_label_()
            self.c_if_cond(pns.args[0], False, l_fail)
            self.compile_node(pns.args[1])
            if is_const_true(pns.args[0]):
                self.emit.label_assign(l_end)
                return
            if not (pns.args[2] is None and pns.args[3] is None):
                self.emit.jump(l_end)
            self.emit.label_assign(l_fail)

        for pns_elif in extract_list(pns.args[2], "if_stmt_elif_list"):
            if not is_const_false(pns_elif.args[0]):
                l_fail = self.next_label_()
                self.c_if_cond(pns_elif.args[0], False, l_fail)
                self.compile_node(pns_elif.args[1])
                if is_const_true(pns_elif.args[0]):
                    self.emit.label_assign(l_end)
                    return
                self.emit.jump(l_end)
                self.emit.label_assign(l_fail)

        self.compile_node(pns.args[3])
        self.emit.label_assign(l_end)

    def _start_break_continue_block(self):
        saved = (self.break_label, self.continue_label, self.break_continue_except_level)
        break_label = self.next_label_()
        continue_label = self.next_label_()
        self.break_label = break_label
        self.continue_label = continue_label
        self.break_continue_except_level = self.cur_except_level
        return saved, break_label, continue_label

    def _end_break_continue_block(self, saved) -> None:
        self.break_label, self.continue_label, self.break_continue_except_level = saved

    def compile_while_stmt(self, pns: Node) -> None:
        saved, break_label, continue_label = self._start_break_continue_block()
        if not is_const_false(pns.args[0]):
            top_label = self.next_label_()
            if not is_const_true(pns.args[0]):
                self.emit.jump(continue_label)
            self.emit.label_assign(top_label)
            self.compile_node(pns.args[1])
            self.emit.label_assign(continue_label)
            self.c_if_cond(pns.args[0], True, top_label)
        self._end_break_continue_block(saved)
        self.compile_node(pns.args[2])
        self.emit.label_assign(break_label)

    def compile_for_stmt_optimised_range(self, pn_var, pn_start, pn_end, pn_step, pn_body,
                                         pn_else) -> None:
        saved, break_label, continue_label = self._start_break_continue_block()
        top_label = self.next_label_()
        entry_label = self.next_label_()

        end_on_stack = not self.is_small_int(pn_end)
        if end_on_stack:
            self.compile_node(pn_end)
        self.compile_node(pn_start)
        self.emit.jump(entry_label)
        self.emit.label_assign(top_label)
        self.emit.dup_top()
        self.c_assign(pn_var, self.ASSIGN_STORE)
        self.compile_node(pn_body)
        self.emit.label_assign(continue_label)
        self.compile_node(pn_step)
        self.emit.binary_op(BINARY_OP["INPLACE_ADD"])
        self.emit.label_assign(entry_label)
        if end_on_stack:
            self.emit.dup_top_two()
            self.emit.rot_two()
        else:
            self.emit.dup_top()
            self.compile_node(pn_end)
        self.emit.binary_op(BINARY_OP["LESS"] if pn_step >= 0 else BINARY_OP["MORE"])
        self.emit.pop_jump_if(True, top_label)

        self._end_break_continue_block(saved)

        end_label = 0
        if pn_else is not None:
            self.emit.pop_top()
            if end_on_stack:
                self.emit.pop_top()
            self.compile_node(pn_else)
            end_label = self.next_label_()
            self.emit.jump(end_label)
            self.emit.adjust_stack_size(1 + end_on_stack)

        self.emit.label_assign(break_label)
        self.emit.pop_top()
        if end_on_stack:
            self.emit.pop_top()
        if pn_else is not None:
            self.emit.label_assign(end_label)

    def _range_args(self, pns: Node):
        """The (start, end, step) of ``for <id> in range(...)`` when it can be optimised."""
        if not (isinstance(pns.args[0], Id) and is_struct(pns.args[1], "atom_expr_normal")):
            return None
        pns_it = pns.args[1]
        if not (isinstance(pns_it.args[0], Id) and pns_it.args[0].name == "range"
                and isinstance(pns_it.args[1], Node) and pns_it.args[1].rule == "trailer_paren"):
            return None
        args = extract_list(pns_it.args[1].args[0], "arglist")
        if not 1 <= len(args) <= 3:
            return None
        if len(args) == 1:
            start, end, step = 0, args[0], 1
        elif len(args) == 2:
            start, end, step = args[0], args[1], 1
        else:
            start, end, step = args
            if not self.is_small_int(step) or step == 0:
                return None
        for pn in (start, end):
            if isinstance(pn, Node) and pn.rule in ("arglist_star", "arglist_dbl_star",
                                                    "argument"):
                return None
        return start, end, step

    def compile_for_stmt(self, pns: Node) -> None:
        range_args = self._range_args(pns)
        if range_args is not None:
            start, end, step = range_args
            self.compile_for_stmt_optimised_range(pns.args[0], start, end, step, pns.args[2],
                                                  pns.args[3])
            return

        saved, break_label, continue_label = self._start_break_continue_block()
        self.break_label |= E.BREAK_FROM_FOR
        pop_label = self.next_label_()
        self.compile_node(pns.args[1])
        self.emit.get_iter(True)
        self.emit.label_assign(continue_label)
        self.emit.for_iter(pop_label)
        self.c_assign(pns.args[0], self.ASSIGN_STORE)
        self.compile_node(pns.args[2])
        self.emit.jump(continue_label)
        self.emit.label_assign(pop_label)
        self.emit.for_iter_end()
        self._end_break_continue_block(saved)
        self.compile_node(pns.args[3])
        self.emit.label_assign(break_label)

    def compile_try_except(self, pn_body, pn_excepts: list, pn_else) -> None:
        l1 = self.next_label_()
        success_label = self.next_label_()
        self.increase_except_level(l1, E.SETUP_BLOCK_EXCEPT)
        self.compile_node(pn_body)
        self.emit.pop_except_jump(success_label, False)
        self.emit.label_assign(l1)
        self.emit.start_except_handler()

        l2 = self.next_label_()
        n_except = len(pn_excepts)
        for i, pns_except in enumerate(pn_excepts):
            qstr_exception_local = None
            end_finally_label = self.next_label_()
            if pns_except.args[0] is None:
                if i + 1 != n_except:
                    self.syntax_error(pns_except, "default 'except' must be last")
            else:
                pns_exception_expr = pns_except.args[0]
                if is_struct(pns_exception_expr, "try_stmt_as_name"):
                    qstr_exception_local = pns_exception_expr.args[1].name
                    pns_exception_expr = pns_exception_expr.args[0]
                self.emit.dup_top()
                self.compile_node(pns_exception_expr)
                self.emit.binary_op(BINARY_OP["EXCEPTION_MATCH"])
                self.emit.pop_jump_if(False, end_finally_label)

            if qstr_exception_local is None:
                self.emit.pop_top()
            else:
                self.store_id(qstr_exception_local)

            l3 = 0
            if qstr_exception_local is not None:
                l3 = self.next_label_()
                self.increase_except_level(l3, E.SETUP_BLOCK_FINALLY)
            self.compile_node(pns_except.args[1])
            if qstr_exception_local is not None:
                self.emit.load_const_tok("KW_NONE")
                self.emit.label_assign(l3)
                self.emit.adjust_stack_size(1)
                self.emit.load_const_tok("KW_NONE")
                self.store_id(qstr_exception_local)
                self.delete_id(qstr_exception_local)
                self.emit.adjust_stack_size(-1)
                self.decrease_except_level()

            self.emit.pop_except_jump(l2, True)
            self.emit.label_assign(end_finally_label)
            self.emit.adjust_stack_size(1)

        self.decrease_except_level()
        self.emit.end_except_handler()
        self.emit.label_assign(success_label)
        self.compile_node(pn_else)
        self.emit.label_assign(l2)

    def compile_try_finally(self, pn_body, pn_excepts: list, pn_else, pn_finally) -> None:
        l_finally_block = self.next_label_()
        self.increase_except_level(l_finally_block, E.SETUP_BLOCK_FINALLY)
        if not pn_excepts:
            self.emit.adjust_stack_size(3)
            self.compile_node(pn_body)
            self.emit.adjust_stack_size(-3)
        else:
            self.compile_try_except(pn_body, pn_excepts, pn_else)
        self.emit.load_const_tok("KW_NONE")
        self.emit.label_assign(l_finally_block)
        self.emit.adjust_stack_size(1)
        self.compile_node(pn_finally)
        self.emit.adjust_stack_size(-1)
        self.decrease_except_level()

    def compile_try_stmt(self, pns: Node) -> None:
        pns2 = pns.args[1]
        if pns2.rule == "try_stmt_finally":
            self.compile_try_finally(pns.args[0], [], None, pns2.args[0])
        elif pns2.rule == "try_stmt_except_and_more":
            pn_excepts = extract_list(pns2.args[0], "try_stmt_except_list")
            if pns2.args[2] is None:
                self.compile_try_except(pns.args[0], pn_excepts, pns2.args[1])
            else:
                self.compile_try_finally(pns.args[0], pn_excepts, pns2.args[1],
                                         pns2.args[2].args[0])
        else:
            pn_excepts = extract_list(pns2, "try_stmt_except_list")
            self.compile_try_except(pns.args[0], pn_excepts, None)

    def compile_with_stmt_helper(self, nodes: list, body) -> None:
        if not nodes:
            self.compile_node(body)
            return
        l_end = self.next_label_()
        first = nodes[0]
        if is_struct(first, "with_item"):
            self.compile_node(first.args[0])
            self.increase_except_level(l_end, E.SETUP_BLOCK_WITH)
            self.c_assign(first.args[1], self.ASSIGN_STORE)
        else:
            self.compile_node(first)
            self.increase_except_level(l_end, E.SETUP_BLOCK_WITH)
            self.emit.pop_top()
        self.compile_with_stmt_helper(nodes[1:], body)
        self.emit.with_cleanup(l_end)
        self.reserve_labels_for_native(3)
        self.decrease_except_level()

    def compile_with_stmt(self, pns: Node) -> None:
        self.compile_with_stmt_helper(extract_list(pns.args[0], "with_stmt_list"), pns.args[1])

    def compile_yield_from(self) -> None:
        self.emit.get_iter(False)
        self.emit.load_const_tok("KW_NONE")
        self.emit.yield_(E.YIELD_FROM)
        self.reserve_labels_for_native(3)

    def compile_await_object_method(self, method: str) -> None:
        self.emit.load_method(method, False)
        self.emit.call_method(0, 0, 0)
        self.compile_yield_from()

    def compile_async_for_stmt(self, pns: Node) -> None:
        while_else_label = self.next_label_()
        try_exception_label = self.next_label_()
        try_else_label = self.next_label_()
        try_finally_label = self.next_label_()

        self.compile_node(pns.args[1])
        self.emit.load_method("__aiter__", False)
        self.emit.call_method(0, 0, 0)

        saved, break_label, continue_label = self._start_break_continue_block()
        self.emit.label_assign(continue_label)
        self.increase_except_level(try_exception_label, E.SETUP_BLOCK_EXCEPT)
        self.emit.dup_top()
        self.compile_await_object_method("__anext__")
        self.c_assign(pns.args[0], self.ASSIGN_STORE)
        self.emit.pop_except_jump(try_else_label, False)

        self.emit.label_assign(try_exception_label)
        self.emit.start_except_handler()
        self.emit.dup_top()
        self.emit.load_global("StopAsyncIteration", E.IDOP_GLOBAL_GLOBAL)
        self.emit.binary_op(BINARY_OP["EXCEPTION_MATCH"])
        self.emit.pop_jump_if(False, try_finally_label)
        self.emit.pop_top()
        self.emit.pop_except_jump(while_else_label, True)

        self.emit.label_assign(try_finally_label)
        self.emit.adjust_stack_size(1)
        self.decrease_except_level()
        self.emit.end_except_handler()

        self.emit.label_assign(try_else_label)
        self.compile_node(pns.args[2])
        self.emit.jump(continue_label)
        self._end_break_continue_block(saved)

        self.emit.label_assign(while_else_label)
        self.compile_node(pns.args[3])
        self.emit.label_assign(break_label)
        self.emit.pop_top()

    def compile_async_with_stmt_helper(self, nodes: list, body) -> None:
        if not nodes:
            self.compile_node(body)
            return
        emit = self.emit
        l_finally_block = self.next_label_()
        l_aexit_no_exc = self.next_label_()
        l_ret_unwind_jump = self.next_label_()
        l_end = self.next_label_()

        first = nodes[0]
        if is_struct(first, "with_item"):
            self.compile_node(first.args[0])
            emit.dup_top()
            self.compile_await_object_method("__aenter__")
            self.c_assign(first.args[1], self.ASSIGN_STORE)
        else:
            self.compile_node(first)
            emit.dup_top()
            self.compile_await_object_method("__aenter__")
            emit.pop_top()

        self.increase_except_level(l_finally_block, E.SETUP_BLOCK_FINALLY)
        emit.adjust_stack_size(3)
        self.compile_async_with_stmt_helper(nodes[1:], body)
        emit.adjust_stack_size(-3)

        emit.async_with_setup_finally(l_aexit_no_exc, l_finally_block, l_ret_unwind_jump)

        emit.dup_top()
        emit.rot_three()
        emit.rot_two()
        emit.load_method("__aexit__", False)
        emit.rot_three()
        emit.rot_three()
        emit.dup_top()
        emit.attr("__class__", E.ATTR_LOAD)
        emit.rot_two()
        emit.load_const_tok("KW_NONE")
        emit.call_method(3, 0, 0)
        self.compile_yield_from()
        emit.pop_jump_if(False, l_end)
        emit.pop_top()
        emit.load_const_tok("KW_NONE")
        emit.jump(l_end)
        emit.adjust_stack_size(2)

        emit.label_assign(l_ret_unwind_jump)
        emit.rot_three()
        emit.rot_three()
        emit.label_assign(l_aexit_no_exc)
        emit.load_method("__aexit__", False)
        emit.load_const_tok("KW_NONE")
        emit.dup_top()
        emit.dup_top()
        emit.call_method(3, 0, 0)
        self.compile_yield_from()
        emit.pop_top()
        emit.adjust_stack_size(-1)

        emit.label_assign(l_end)
        self.decrease_except_level()

    def compile_async_with_stmt(self, pns: Node) -> None:
        self.compile_async_with_stmt_helper(extract_list(pns.args[0], "with_stmt_list"),
                                            pns.args[1])

    def compile_async_stmt(self, pns: Node) -> None:
        pns0 = pns.args[0]
        if pns0.rule == "funcdef":
            self.compile_funcdef(pns0)
            self.node_scope[id(pns0)].scope_flags |= SCOPE_FLAG_GENERATOR
        else:
            if not (self.scope_cur.scope_flags & SCOPE_FLAG_GENERATOR):
                self.syntax_error(pns0, "async for/with outside async function")
            if pns0.rule == "for_stmt":
                self.compile_async_for_stmt(pns0)
            else:
                self.compile_async_with_stmt(pns0)

    def compile_expr_stmt(self, pns: Node) -> None:
        pn_rhs = pns.args[1]
        lhs = pns.args[0]
        if pn_rhs is None:
            if self.is_repl and self.scope_cur.kind == SCOPE_MODULE:
                self.load_id("__repl_print__")
                self.compile_node(lhs)
                self.emit.call_function(1, 0, 0)
                self.emit.pop_top()
                return
            if (lhs is not None and not isinstance(lhs, (Node, Id))) or is_struct(
                    lhs, "const_object"):
                return  # a lonely constant compiles to nothing
            self.compile_node(lhs)
            self.emit.pop_top()
            return
        if isinstance(pn_rhs, Node):
            kind = pn_rhs.rule
            if kind == "annassign":
                if pn_rhs.args[1] is None:
                    if self.scope_cur.kind == SCOPE_FUNCTION and isinstance(lhs, Id):
                        self.scope_cur.find_or_add_id(lhs.name, ID_INFO_KIND_LOCAL)
                    return
                pn_rhs = pn_rhs.args[1]
            elif kind == "expr_stmt_augassign":
                self.c_assign(lhs, self.ASSIGN_AUG_LOAD)
                self.compile_node(pn_rhs.args[1])
                tok = pn_rhs.args[0].kind
                self.emit.binary_op(BINARY_OP["INPLACE_OR"] + AUGASSIGN_TOKENS.index(tok))
                self.c_assign(lhs, self.ASSIGN_AUG_STORE)
                return
            elif kind == "expr_stmt_assign_list":
                rhs = len(pn_rhs.args) - 1
                self.compile_node(pn_rhs.args[rhs])
                if rhs > 0:
                    self.emit.dup_top()
                self.c_assign(lhs, self.ASSIGN_STORE)
                for i in range(rhs):
                    if i + 1 < rhs:
                        self.emit.dup_top()
                    self.c_assign(pn_rhs.args[i], self.ASSIGN_STORE)
                return
        # plain assignment
        if (is_struct(pn_rhs, "testlist_star_expr") and is_struct(lhs, "testlist_star_expr")):
            n = len(lhs.args)
            if (n == len(pn_rhs.args) and n in (2, 3)
                    and not any(is_struct(x, "star_expr") for x in lhs.args)):
                self.compile_node(pn_rhs.args[0])
                self.compile_node(pn_rhs.args[1])
                if n == 3:
                    self.compile_node(pn_rhs.args[2])
                    self.emit.rot_three()
                self.emit.rot_two()
                for target in lhs.args:
                    self.c_assign(target, self.ASSIGN_STORE)
                return
        self.compile_node(pn_rhs)
        self.c_assign(lhs, self.ASSIGN_STORE)
