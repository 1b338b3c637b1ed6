"""The compiler back end: a MicroPython-shaped parse tree in, a ``CompiledModule`` out.

Follows MicroPython's compiler pass for pass so the output is byte-identical to mpy-cross:
a SCOPE pass over every scope first (creating child scopes and deciding what each name is),
then, scope by scope, the STACK_SIZE, CODE_SIZE and repeated EMIT passes of the bytecode
emitter. The table order depends on first use, which the SCOPE and STACK_SIZE passes settle:
the later passes would make the same emit calls, writing the same bytes but for the jumps, so
they are made from the STACK_SIZE pass's bytecode with only the jumps encoded again
(``Emitter.layout_pass``) instead of walking the tree; a scope without jumps needs no CODE_SIZE
pass. The SCOPE pass's emit calls go to a ``ScopePassEmitter``, which keeps only what outlives
that pass (the qstrs and constants in their order of first use, the scope flags).

The compiler is one class, :class:`Compiler`, written in parts: compile_defs (assignment
targets, def/class/lambda), compile_simple and compile_compound (statements), compile_expr
(expressions) and compile_scopes (parameters and the per-scope pass driver) each hold a mixin
of it. This module holds its state, the shared helpers, the rule dispatch table and the
passes over the whole module.
"""

from __future__ import annotations

from mpt.crosscompile import emitbc as E
from mpt.crosscompile.emitbc import (
    PASS_CODE_SIZE, PASS_EMIT, PASS_SCOPE, PASS_STACK_SIZE, BytecodeOverflow, Emitter,
    ScopePassEmitter,
)
from mpt.crosscompile.emitcommon import EmitCommon
from mpt.crosscompile.native import hooks as native_hooks
from mpt.crosscompile.parsenode import Id, Node, Str, is_struct
from mpt.crosscompile.scope import (
    EMIT_OPT_ASM, EMIT_OPT_BYTECODE, EMIT_OPT_NATIVE_PYTHON, EMIT_OPT_NONE, EMIT_OPT_VIPER,
    ID_INFO_KIND_GLOBAL_IMPLICIT, SCOPE_MODULE, Scope,
)
from mpt.errors import CompileError
from mpt.mpy.rawcode import CompiledModule

from mpt.crosscompile.compile_compound import CompoundStatementCompiler
from mpt.crosscompile.compile_defs import AssignDefCompiler
from mpt.crosscompile.compile_expr import ExpressionCompiler
from mpt.crosscompile.compile_scopes import ScopeCompiler
from mpt.crosscompile.compile_simple import SimpleStatementCompiler
from mpt.crosscompile.compiler_nodes import (
    INVALID_LABEL, SyntaxErrorFound, line_of, is_const_false, is_const_true,
)


class Compiler(AssignDefCompiler, SimpleStatementCompiler, CompoundStatementCompiler,
               ExpressionCompiler, ScopeCompiler):
    def __init__(self, source_name: str, *, opt_level: int, emit_source_lines: bool,
                 small_int_bits: int, is_repl: bool = False, march: str | None = None,
                 arch_flags: int = 0, native_debug_sink=None, board_native: str | None = None,
                 board_asm: bool = False):
        self.source_name = source_name
        self.march = march  # mpy-cross's -march: enables @micropython.native/viper/asm_*
        self.arch_flags = arch_flags  # -march-flags (rv32imc extensions)
        self.native_emit = None  # created for the first native scope
        # the emulated board's architecture: native/viper scopes are checked by its native
        # emitter (board_tracer) and compiled to bytecode (see native/board.py)
        self.board_native = board_native
        self.board_tracer = None
        # the board's firmware has the inline assembler of its CPU (@micropython.asm_thumb on
        # the ARM boards): those scopes are assembled for board_native and run as machine code
        self.board_asm = board_asm
        # -march=debug: receives the listing of the native code, line by line
        self.native_debug_sink = native_debug_sink
        self.inline_asm = None  # created for the first inline-assembler scope
        self.viper_annotation_error: tuple[str, str] | None = None
        self.is_repl = is_repl  # compile(..., "single"): module-level expressions are printed
        self.opt_level = opt_level
        self.small_int_bits = small_int_bits
        self.common = EmitCommon(source_name)
        self.emit = Emitter(self.common, opt_level=opt_level,
                            include_source_lines=emit_source_lines)
        self.scope_pass_emit = ScopePassEmitter(self.common, opt_level=opt_level,
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
        raise SyntaxErrorFound(message, line_of(pn))

    def next_label_(self) -> int:
        label = self.next_label
        self.next_label += 1
        return label

    def reserve_labels_for_native(self, n: int) -> None:
        """Labels a native scope's emitter takes from the label counter after an emit call
        (its start, end_finally, with_cleanup, yield), numbered as in mpy-cross."""
        if self.scope_cur.emit_options != EMIT_OPT_BYTECODE:
            self.next_label += n

    def increase_except_level(self, label: int, kind: int) -> None:
        self.emit.setup_block(label, kind)
        self.cur_except_level += 1
        if self.cur_except_level > self.scope_cur.exc_stack_size:
            self.scope_cur.exc_stack_size = self.cur_except_level

    def decrease_except_level(self) -> None:
        self.cur_except_level -= 1
        self.emit.end_finally()
        self.reserve_labels_for_native(1)

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
            except SyntaxErrorFound as err:
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

    # ---- dispatch ----

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
            emit = self.emit
            if pn.line > emit.last_source_line:  # (set_source_line's own test, inline)
                emit.set_source_line(pn.line)
            method = _DISPATCH_FUNCTIONS.get(pn.rule)
            if method is None:
                raise AssertionError(f"no compile function for rule {pn.rule!r}")
            method(self, pn)
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

    def compile_module(self, tree: Node, default_emit_opt: int = EMIT_OPT_NONE) -> CompiledModule:
        module_scope = self.scope_new_and_link(SCOPE_MODULE, tree, default_emit_opt)
        self.scope_cur = None
        try:
            # SCOPE pass over every scope (the list grows as child scopes are found)
            bytecode_emit, self.emit = self.emit, self.scope_pass_emit
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
            self.emit = bytecode_emit
            for s in self.scopes:
                s.compute_things()
            for s in self.scopes:
                if s.emit_options in (EMIT_OPT_NATIVE_PYTHON, EMIT_OPT_VIPER):
                    native_hooks.compile_native_scope(self, s)
                    continue
                if s.emit_options == EMIT_OPT_ASM:
                    native_hooks.compile_inline_asm(self, s)
                    continue
                # the tree is walked once more; the later passes are made from that one's
                # bytecode, with the jumps encoded again (see Emitter.layout_pass)
                self.compile_scope(s, PASS_STACK_SIZE)
                if not self.emit.settle_sizes():
                    self.layout_scope(s, PASS_CODE_SIZE)
                while not self.layout_scope(s, PASS_EMIT):
                    pass
        except SyntaxErrorFound as err:
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


# rule name -> the (unbound) Compiler method that compiles its nodes
_DISPATCH_FUNCTIONS = {rule: getattr(Compiler, name) for rule, name in Compiler._DISPATCH.items()}


def compile_module(tree, source_name: str, *, opt_level: int = 0,
                   emit_source_lines: bool = True, small_int_bits: int = 31,
                   is_repl: bool = False, march: str | None = None,
                   default_emit_opt: int = EMIT_OPT_NONE, arch_flags: int = 0,
                   native_debug_sink=None, board_native: str | None = None,
                   board_asm: bool = False) -> CompiledModule:
    """Compile a parse tree (from ``mpt.crosscompile.parser.parse``) to a CompiledModule.

    ``is_repl``: module-level expression statements print their value (through the
    ``__repl_print__`` builtin), as MicroPython compiles REPL input and compile(..., "single").
    Raises CompileError with the message, line and scope name mpy-cross reports.
    ``native_debug_sink`` receives the -march=debug listing, line by line.
    """
    compiler = Compiler(source_name, opt_level=opt_level, emit_source_lines=emit_source_lines,
                        small_int_bits=small_int_bits, is_repl=is_repl, march=march,
                        arch_flags=arch_flags, native_debug_sink=native_debug_sink,
                        board_native=board_native, board_asm=board_asm)
    return compiler.compile_module(tree, default_emit_opt)
