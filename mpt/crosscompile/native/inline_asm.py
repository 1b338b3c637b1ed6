"""Compiling an inline-assembler function (``@micropython.asm_*``), as mpy-cross's compiler does.

The function body is not compiled as Python: each statement must be an instruction call,
``label(name)``, ``align(n)`` or ``data(size, values...)``. The SCOPE pass only checks that
shape; the CODE_SIZE and EMIT passes hand the instructions to the architecture's inline
assembler.
"""

from __future__ import annotations

from mpt.crosscompile.emitbc import PASS_CODE_SIZE, PASS_EMIT, PASS_SCOPE
from mpt.crosscompile.native.inline_base import int_value
from mpt.crosscompile.native.inline_thumb import InlineThumb
from mpt.crosscompile.native.inline_rv32 import InlineRv32
from mpt.crosscompile.native.inline_xtensa import InlineXtensa
from mpt.crosscompile.parsenode import Id, Node, extract_list
from mpt.mpy.rawcode import KIND_NATIVE_ASM
from mpt.crosscompile.scope import SCOPE_FUNCTION
from mpt.errors import CompileError

_RETURN_TYPES = {"object": 0, "bool": 1, "int": 2, "uint": 3}
_THUMB_INLINE = {"armv6": False, "armv6m": False, "armv7m": True, "armv7em": True,
                 "armv7emsp": True, "armv7emdp": True}


def has_inline_asm(march: str) -> bool:
    return march in _THUMB_INLINE or march in ("xtensa", "xtensawin", "rv32imc")


def new_inline_assembler(march: str, arch_flags: int = 0):
    if march in ("xtensa", "xtensawin"):
        return InlineXtensa(march == "xtensawin")
    if march == "rv32imc":
        return InlineRv32(arch_flags)
    return InlineThumb(march, _THUMB_INLINE[march], march in ("armv7emsp", "armv7emdp"))


def _instruction(pn):
    """(name, argument nodes, call node) of an instruction statement, or None."""
    if not (isinstance(pn, Node) and pn.rule == "expr_stmt"):
        return None
    call = pn.args[0]
    if not isinstance(call, Node) or pn.args[1] is not None:
        return None
    if call.rule != "atom_expr_normal" or not isinstance(call.args[0], Id):
        return None
    trailer = call.args[1]
    if not (isinstance(trailer, Node) and trailer.rule == "trailer_paren"):
        return None
    return call.args[0].name, extract_list(trailer.args[0], "arglist"), trailer


def compile_inline_asm_scope(compiler, scope, pass_: int, emit) -> None:
    """One pass of compile_scope_inline_asm over ``scope``."""
    compiler.pass_ = pass_
    compiler.scope_cur = scope
    compiler.next_label = 0
    if scope.kind != SCOPE_FUNCTION:
        compiler.syntax_error(None, "inline assembler must be a function")
    if pass_ > PASS_SCOPE:
        emit.start_pass("emit" if pass_ == PASS_EMIT else "size")
    pns = scope.pn

    def fail(line: int):
        raise CompileError("SyntaxError", emit.error, compiler.source_name, line,
                           scope.simple_name)

    if pass_ == PASS_CODE_SIZE:
        scope.num_pos_args = emit.count_params(extract_list(pns.args[1], "typedargslist"))
        if emit.error is not None:
            fail(pns.line)

    type_sig = 2
    annotation = pns.args[2]
    if annotation is not None:
        if isinstance(annotation, Id):
            if annotation.name not in _RETURN_TYPES:
                compiler.syntax_error(annotation, "unknown type")
            type_sig = _RETURN_TYPES[annotation.name]
        else:
            compiler.syntax_error(annotation, "return annotation must be an identifier")

    for node in extract_list(pns.args[3], "suite_block_stmts"):
        if isinstance(node, Node) and node.rule == "pass_stmt":
            continue
        instr = _instruction(node)
        if instr is None:
            compiler.syntax_error(node, "expecting an assembler instruction")
        op, args, trailer = instr
        if op == "label":
            if not (len(args) == 1 and isinstance(args[0], Id)):
                compiler.syntax_error(node, "'label' requires 1 argument")
            lab = compiler.next_label_()
            if pass_ > PASS_SCOPE and not emit.label(lab, args[0].name):
                compiler.syntax_error(node, "label redefined")
        elif op == "align":
            if not (len(args) == 1 and type(args[0]) is int):
                compiler.syntax_error(node, "'align' requires 1 argument")
            if pass_ > PASS_SCOPE:
                emit.as_.align(args[0])
        elif op == "data":
            if not (len(args) >= 2 and type(args[0]) is int):
                compiler.syntax_error(node, "'data' requires at least 2 arguments")
            if pass_ > PASS_SCOPE:
                for arg in args[1:]:
                    value = int_value(arg)
                    if value is None:
                        compiler.syntax_error(node, "'data' requires integer arguments")
                    emit.as_.data(args[0], value)
        elif pass_ > PASS_SCOPE:
            emit.op(op, args)
        if emit is not None and emit.error is not None:
            fail(trailer.line)

    if pass_ > PASS_SCOPE:
        emit.end_pass()
        if pass_ == PASS_EMIT:
            rc = scope.raw_code
            rc.kind = KIND_NATIVE_ASM
            rc.fun_data = emit.as_.get_code()
            rc.children = []
            rc.prelude_offset = None
            rc.scope_flags = 0
            rc.n_pos_args = scope.num_pos_args
            rc.type_sig = type_sig
