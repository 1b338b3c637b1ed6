"""The compiler back end: a MicroPython-shaped parse tree in, a ``CompiledModule`` out.

Follows MicroPython's compiler pass for pass so the output is byte-identical to mpy-cross:
a SCOPE pass over every scope first (creating child scopes and deciding what each name is),
then, scope by scope, the STACK_SIZE, CODE_SIZE and repeated EMIT passes of the bytecode
emitter. Every emit call is made in every pass, as the table order depends on first use.
"""

from __future__ import annotations

from mpt.crosscompile import emitbc as E
from mpt.crosscompile.emitbc import (
    PASS_CODE_SIZE, PASS_EMIT, PASS_SCOPE, PASS_STACK_SIZE, BytecodeOverflow, EmitCommon, Emitter,
)
from mpt.crosscompile.native import hooks as native_hooks
from mpt.crosscompile.parsenode import Id, Node, Str, Token, extract_list, is_struct
from mpt.crosscompile.qstrpool import QSTR_MAX_LEN
from mpt.crosscompile.scope import (
    EMIT_OPT_ASM, EMIT_OPT_BYTECODE, EMIT_OPT_NATIVE_PYTHON, EMIT_OPT_NONE, EMIT_OPT_VIPER,
    ID_FLAG_VIPER_TYPE_POS,
    ID_FLAG_IS_DBL_STAR_PARAM, ID_FLAG_IS_PARAM, ID_FLAG_IS_STAR_PARAM,
    ID_INFO_KIND_CELL, ID_INFO_KIND_FREE, ID_INFO_KIND_GLOBAL_EXPLICIT,
    ID_INFO_KIND_GLOBAL_IMPLICIT, ID_INFO_KIND_LOCAL, ID_INFO_KIND_UNDECIDED,
    SCOPE_CLASS, SCOPE_DICT_COMP, SCOPE_FLAG_DEFKWARGS, SCOPE_FLAG_GENERATOR,
    SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS, SCOPE_FUNCTION, SCOPE_GEN_EXPR, SCOPE_LAMBDA,
    SCOPE_LIST_COMP, SCOPE_MODULE, SCOPE_SET_COMP, Scope, scope_is_comp_like,
)
from mpt.errors import CompileError
from mpt.mpy.opcodes import BINARY_OP, UNARY_OP
from mpt.mpy.rawcode import CompiledModule

INVALID_LABEL = 0xFFFF

_AUGASSIGN_TOKENS = ("DEL_PIPE_EQUAL", "DEL_CARET_EQUAL", "DEL_AMPERSAND_EQUAL",
                     "DEL_DBL_LESS_EQUAL", "DEL_DBL_MORE_EQUAL", "DEL_PLUS_EQUAL",
                     "DEL_MINUS_EQUAL", "DEL_STAR_EQUAL", "DEL_AT_EQUAL", "DEL_DBL_SLASH_EQUAL",
                     "DEL_SLASH_EQUAL", "DEL_PERCENT_EQUAL", "DEL_DBL_STAR_EQUAL")
_COMPARE_TOKENS = ("OP_LESS", "OP_MORE", "OP_DBL_EQUAL", "OP_LESS_EQUAL", "OP_MORE_EQUAL",
                   "OP_NOT_EQUAL")
_TERM_TOKENS = ("OP_DBL_LESS", "OP_DBL_MORE", "OP_PLUS", "OP_MINUS", "OP_STAR", "OP_AT",
                "OP_DBL_SLASH", "OP_SLASH", "OP_PERCENT")
_CONST_TOKENS = ("KW_NONE", "KW_FALSE", "KW_TRUE", "ELLIPSIS")


class _SyntaxErrorFound(Exception):
    """Unwinds the compiler at the first error; only the first error is ever reported."""

    def __init__(self, message: str, line: int, exc_name: str = "SyntaxError"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.exc_name = exc_name


def _line_of(pn) -> int:
    return pn.line if isinstance(pn, Node) else 0


def _is_const(pn) -> bool:
    if type(pn) is int or isinstance(pn, Str):
        return True
    if isinstance(pn, Token):
        return pn.kind in _CONST_TOKENS
    if is_struct(pn, "const_object"):
        return True
    if is_struct(pn, "atom_paren"):
        return pn.args[0] is None
    return False


def _const_value(pn):
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
    return _is_const(pn) and not bool(_const_value(pn))


def is_const_true(pn) -> bool:
    return _is_const(pn) and bool(_const_value(pn))


def _testlist_comp_has_comp_for(pns: Node) -> bool:
    return len(pns.args) == 2 and is_struct(pns.args[1], "comp_for")


class Compiler:
    def __init__(self, source_name: str, *, opt_level: int, emit_source_lines: bool,
                 small_int_bits: int, is_repl: bool = False, march: str | None = None,
                 arch_flags: int = 0):
        self.source_name = source_name
        self.march = march  # mpy-cross's -march: enables @micropython.native/viper/asm_*
        self.arch_flags = arch_flags  # -march-flags (rv32imc extensions)
        self.native_emit = None  # created for the first native scope
        self.inline_asm = None  # created for the first inline-assembler scope
        self.viper_annotation_error: tuple[str, str] | None = None
        self.is_repl = is_repl  # compile(..., "single"): module-level expressions are printed
        self.opt_level = opt_level
        self.small_int_bits = small_int_bits
        self.common = EmitCommon(source_name)
        self.emit = Emitter(self.common, opt_level=opt_level,
                            include_source_lines=emit_source_lines)
        self.pass_ = 0
        self.scopes: list[Scope] = []
        # the scope created for a def/class/lambda/comprehension node (by node identity)
        self.node_scope: dict[int, Scope] = {}
        self.scope_cur: Scope | None = None
        self.next_label = 0
        self.break_label = INVALID_LABEL
        self.continue_label = INVALID_LABEL
        self.cur_except_level = 0
        self.break_continue_except_level = 0
        self.have_star = False
        self.num_dict_params = 0
        self.num_default_params = 0

    # ---- helpers ----

    def syntax_error(self, pn, message: str):
        raise _SyntaxErrorFound(message, _line_of(pn))

    def next_label_(self) -> int:
        label = self.next_label
        self.next_label += 1
        return label

    def increase_except_level(self, label: int, kind: int) -> None:
        self.emit.setup_block(label, kind)
        self.cur_except_level += 1
        if self.cur_except_level > self.scope_cur.exc_stack_size:
            self.scope_cur.exc_stack_size = self.cur_except_level

    def decrease_except_level(self) -> None:
        self.cur_except_level -= 1
        self.emit.end_finally()

    def scope_new_and_link(self, kind: int, pn: Node, emit_options: int,
                           simple_name: str | None = None) -> Scope:
        scope = Scope(kind, pn, emit_options, simple_name)
        scope.parent = self.scope_cur
        self.scopes.append(scope)
        return scope

    def apply_to_single_or_list(self, pn, list_rule: str, f) -> None:
        if is_struct(pn, list_rule):
            for arg in pn.args:
                f(arg)
        elif pn is not None:
            f(pn)

    def compile_generic_all_nodes(self, pns: Node) -> None:
        for arg in pns.args:
            try:
                self.compile_node(arg)
            except _SyntaxErrorFound as err:
                if err.line == 0 and isinstance(arg, Node):
                    err.line = arg.line
                raise
            if self.emit is self.native_emit and self.native_emit.error is not None:
                # a viper type error: like mpy-cross, stop this statement list here
                native_hooks.note_error_line(self.native_emit, arg)
                return

    def load_id(self, qst: str) -> None:
        if self.pass_ == PASS_SCOPE:
            self.scope_cur.get_id_for_load(qst)
        else:
            self.emit.id_op(self.scope_cur, qst, "load")

    def store_id(self, qst: str) -> None:
        if self.pass_ == PASS_SCOPE:
            self.scope_cur.get_id_for_modification(qst)
        else:
            self.emit.id_op(self.scope_cur, qst, "store")

    def delete_id(self, qst: str) -> None:
        if self.pass_ == PASS_SCOPE:
            self.scope_cur.get_id_for_modification(qst)
        else:
            self.emit.id_op(self.scope_cur, qst, "delete")

    def compile_generic_tuple(self, pns: Node) -> None:
        for arg in pns.args:
            self.compile_node(arg)
        self.emit.build(len(pns.args), E.BUILD_TUPLE)

    def c_if_cond(self, pn, jump_if: bool, label: int) -> None:
        if is_const_false(pn):
            if not jump_if:
                self.emit.jump(label)
            return
        if is_const_true(pn):
            if jump_if:
                self.emit.jump(label)
            return
        if isinstance(pn, Node):
            n = len(pn.args)
            if pn.rule in ("or_test", "and_test"):
                # "a or b" jumping when false, or "a and b" jumping when true, needs a
                # local label to skip to when the first operands decide the result
                if (pn.rule == "or_test") != jump_if:
                    label2 = self.next_label_()
                    for i in range(n - 1):
                        self.c_if_cond(pn.args[i], not jump_if, label2)
                    self.c_if_cond(pn.args[n - 1], jump_if, label)
                    self.emit.label_assign(label2)
                else:
                    for i in range(n):
                        self.c_if_cond(pn.args[i], jump_if, label)
                return
            if pn.rule == "not_test_2":
                self.c_if_cond(pn.args[0], not jump_if, label)
                return
        self.compile_node(pn)
        self.emit.pop_jump_if(jump_if, label)

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
            if _testlist_comp_has_comp_for(pns):
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
                if _testlist_comp_has_comp_for(inner):
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
            opts = native_hooks.decorator_emit_options(self.march, attr)
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
            if _testlist_comp_has_comp_for(inner):
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
        self.decrease_except_level()

    def compile_with_stmt(self, pns: Node) -> None:
        self.compile_with_stmt_helper(extract_list(pns.args[0], "with_stmt_list"), pns.args[1])

    def compile_yield_from(self) -> None:
        self.emit.get_iter(False)
        self.emit.load_const_tok("KW_NONE")
        self.emit.yield_(E.YIELD_FROM)

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
                self.emit.binary_op(BINARY_OP["INPLACE_OR"] + _AUGASSIGN_TOKENS.index(tok))
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
                    binop = BINARY_OP["LESS"] + _COMPARE_TOKENS.index(cmp.kind)
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
            self.emit.binary_op(BINARY_OP["LSHIFT"] + _TERM_TOKENS.index(tok))

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
        elif _testlist_comp_has_comp_for(inner):
            self.compile_comprehension(inner, SCOPE_GEN_EXPR)
        else:
            self.compile_generic_tuple(inner)

    def compile_atom_bracket(self, pns: Node) -> None:
        inner = pns.args[0]
        if inner is None:
            self.emit.build(0, E.BUILD_LIST)
        elif is_struct(inner, "testlist_comp"):
            if _testlist_comp_has_comp_for(inner):
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
        elif is_struct(arg, "yield_arg_from"):
            self.compile_node(arg.args[0])
            self.compile_yield_from()
        else:
            self.compile_node(arg)
            self.emit.yield_(E.YIELD_VALUE)

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

    _DISPATCH = {
        "file_input": "compile_generic_all_nodes",
        "file_input_2": "compile_generic_all_nodes",
        "simple_stmt_2": "compile_generic_all_nodes",
        "suite_block_stmts": "compile_generic_all_nodes",
        "pass_stmt": "compile_generic_all_nodes",
        "decorated": "compile_decorated",
        "funcdef": "compile_funcdef",
        "expr_stmt": "compile_expr_stmt",
        "testlist_star_expr": "compile_generic_tuple",
        "subscriptlist": "compile_generic_tuple",
        "testlist": "compile_generic_tuple",
        "del_stmt": "compile_del_stmt",
        "break_stmt": "compile_break_cont_stmt",
        "continue_stmt": "compile_break_cont_stmt",
        "return_stmt": "compile_return_stmt",
        "yield_stmt": "compile_yield_stmt",
        "raise_stmt": "compile_raise_stmt",
        "import_name": "compile_import_name",
        "import_from": "compile_import_from",
        "global_stmt": "compile_global_nonlocal_stmt",
        "nonlocal_stmt": "compile_global_nonlocal_stmt",
        "assert_stmt": "compile_assert_stmt",
        "async_stmt": "compile_async_stmt",
        "if_stmt": "compile_if_stmt",
        "while_stmt": "compile_while_stmt",
        "for_stmt": "compile_for_stmt",
        "try_stmt": "compile_try_stmt",
        "with_stmt": "compile_with_stmt",
        "namedexpr_test": "compile_namedexpr",
        "test_if_expr": "compile_test_if_expr",
        "lambdef": "compile_lambdef",
        "lambdef_nocond": "compile_lambdef",
        "or_test": "compile_or_and_test",
        "and_test": "compile_or_and_test",
        "not_test_2": "compile_not_test_2",
        "comparison": "compile_comparison",
        "star_expr": "compile_star_expr",
        "expr": "compile_binary_op",
        "xor_expr": "compile_binary_op",
        "and_expr": "compile_binary_op",
        "shift_expr": "compile_term",
        "arith_expr": "compile_term",
        "term": "compile_term",
        "factor_2": "compile_factor_2",
        "power": "compile_power",
        "atom_expr_await": "compile_atom_expr_await",
        "atom_expr_normal": "compile_atom_expr_normal",
        "atom_paren": "compile_atom_paren",
        "atom_bracket": "compile_atom_bracket",
        "atom_brace": "compile_atom_brace",
        "trailer_paren": "compile_trailer_paren",
        "trailer_bracket": "compile_trailer_bracket",
        "trailer_period": "compile_trailer_period",
        "subscript_2": "compile_subscript",
        "subscript_3": "compile_subscript",
        "dictorsetmaker_item": "compile_dictorsetmaker_item",
        "classdef": "compile_classdef",
        "yield_expr": "compile_yield_expr",
        "const_object": "compile_const_object",
    }

    def compile_node(self, pn) -> None:
        kind = type(pn)  # the node classes have no subclasses
        if kind is Node:
            self.emit.set_source_line(pn.line)
            method = self._DISPATCH.get(pn.rule)
            if method is None:
                raise AssertionError(f"no compile function for rule {pn.rule!r}")
            getattr(self, method)(pn)
        elif kind is Id:
            self.load_id(pn.name)
        elif pn is None:
            return
        elif kind is int:
            self.load_small_int_or_obj(pn)
        elif kind is Str:
            self.emit.load_const_str(pn.value)
        elif pn.kind != "NEWLINE":  # a Token
            self.emit.load_const_tok(pn.kind)

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
        raise _SyntaxErrorFound(message, line, exc_name)

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

    def compile_module(self, tree: Node, default_emit_opt: int = EMIT_OPT_NONE) -> CompiledModule:
        module_scope = self.scope_new_and_link(SCOPE_MODULE, tree, default_emit_opt)
        self.scope_cur = None
        try:
            # SCOPE pass over every scope (the list grows as child scopes are found)
            i = 0
            while i < len(self.scopes):
                s = self.scopes[i]
                if s.emit_options == EMIT_OPT_ASM:
                    native_hooks.inline_asm_scope_pass(self, s)
                    i += 1
                    continue
                self.compile_scope(s, PASS_SCOPE)
                for id_ in s.id_info:
                    if id_.kind == ID_INFO_KIND_GLOBAL_IMPLICIT:
                        s.check_to_close_over(id_)
                i += 1
            for s in self.scopes:
                s.compute_things()
            for s in self.scopes:
                if s.emit_options in (EMIT_OPT_NATIVE_PYTHON, EMIT_OPT_VIPER):
                    native_hooks.compile_native_scope(self, s)
                    continue
                if s.emit_options == EMIT_OPT_ASM:
                    native_hooks.compile_inline_asm(self, s)
                    continue
                self.compile_scope(s, PASS_STACK_SIZE)
                self.compile_scope(s, PASS_CODE_SIZE)
                while not self.compile_scope(s, PASS_EMIT):
                    pass
        except _SyntaxErrorFound as err:
            line = err.line
            if line == 0 and isinstance(self.scope_cur.pn, Node):
                line = self.scope_cur.pn.line
            raise CompileError(err.exc_name, err.message, self.source_name, line,
                               self.scope_cur.simple_name) from None
        except BytecodeOverflow:
            # raised straight from the emitter, so mpy-cross prints it without a traceback
            raise CompileError("RuntimeError", "bytecode overflow", self.source_name, None,
                               self.scope_cur.simple_name) from None

        qstrs = list(self.common.qstrs)
        module = CompiledModule(qstrs=qstrs, objects=list(self.common.objects),
                                root=module_scope.raw_code, small_int_bits=self.small_int_bits)
        module.arch = native_hooks.module_arch(self)
        return module


def compile_module(tree, source_name: str, *, opt_level: int = 0,
                   emit_source_lines: bool = True, small_int_bits: int = 31,
                   is_repl: bool = False, march: str | None = None,
                   default_emit_opt: int = EMIT_OPT_NONE, arch_flags: int = 0) -> CompiledModule:
    """Compile a parse tree (from ``mpt.crosscompile.parser.parse``) to a CompiledModule.

    ``is_repl``: module-level expression statements print their value (through the
    ``__repl_print__`` builtin), as MicroPython compiles REPL input and compile(..., "single").
    Raises CompileError with the message, line and scope name mpy-cross reports.
    """
    compiler = Compiler(source_name, opt_level=opt_level, emit_source_lines=emit_source_lines,
                        small_int_bits=small_int_bits, is_repl=is_repl, march=march,
                        arch_flags=arch_flags)
    return compiler.compile_module(tree, default_emit_opt)
