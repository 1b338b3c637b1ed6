"""The few places where the compiler hands over to native code emission (kept out of compiler.py).

The compiler asks here what a ``@micropython.native/viper/asm_*`` decorator means under the
selected ``-march``, and runs native scopes through the native emitter with mpy-cross's pass
structure and error reporting.

The native back end (emitter, assemblers, inline assemblers) is imported only when a scope
needs it: compiling plain bytecode, the common case, never loads it.
"""

from __future__ import annotations

from mpt.crosscompile.emitbc import PASS_CODE_SIZE, PASS_EMIT, PASS_SCOPE, PASS_STACK_SIZE
from mpt.crosscompile.native.archs import get_arch
from mpt.crosscompile.parsenode import Node
from mpt.crosscompile.scope import (
    EMIT_OPT_ASM, EMIT_OPT_NATIVE_PYTHON, EMIT_OPT_VIPER, SCOPE_FLAG_HASCONSTS,
    SCOPE_FLAG_REFGLOBALS, SCOPE_FLAG_VIPERRET_POS,
)
from mpt.errors import CompileError, MptError

__all__ = ["SCOPE_FLAG_REFGLOBALS_HASCONSTS", "SCOPE_FLAG_VIPERRET_POS", "native_type_from_name",
           "decorator_emit_options", "note_error_line", "compile_native_scope",
           "native_unsupported", "inline_asm_scope_pass", "compile_inline_asm", "module_arch",
           "board_asm_decorator"]

SCOPE_FLAG_REFGLOBALS_HASCONSTS = SCOPE_FLAG_REFGLOBALS | SCOPE_FLAG_HASCONSTS

# architectures for which mpy-cross has no inline assembler (the decorator is "invalid arch")
_NO_INLINE_ASM = ("x86", "x64", "host", "rv64imc")
# architectures for which mpy-cross has no native emitter
_NO_NATIVE = ("rv64imc",)


def native_type_from_name(name: str) -> int:
    """The viper type a name stands for, or -1 (see the native emitter)."""
    from mpt.crosscompile.native.vtypes import native_type_from_name as from_name
    return from_name(name)


def native_unsupported(march: str, what: str = "native code emission") -> MptError:
    return MptError(f"{what} (-march={march}) is not supported yet")


def board_asm_decorator(arch: str) -> str | None:
    """The one inline-assembler decorator a firmware for CPU ``arch`` can have (py/compile.c's
    ASM_DECORATOR_QSTR: a firmware builds the inline assembler of its own CPU only)."""
    from mpt.crosscompile.native.inline_asm import has_inline_asm
    if not has_inline_asm(arch):
        return None
    if arch.startswith("xtensa"):
        return "asm_xtensa"
    return "asm_rv32" if arch == "rv32imc" else "asm_thumb"


def decorator_emit_options(march: str | None, attr: str, board_native: str | None = None,
                           board_asm: bool = False) -> int | None:
    """The emit option a micropython.<attr> decorator selects, or None for "invalid arch".

    ``board_native``: compiling for the emulated board, whose firmware has the native emitter
    of that architecture (native and viper functions run as checked bytecode; see
    mpt.crosscompile.native.board); ``board_asm``: its firmware also has the inline assembler
    of that CPU (the scope is assembled for ``board_native``). Raises MptError where mpy-cross would emit code that mpt
    cannot emit yet.
    """
    if march is None:
        if board_native is not None and attr in ("native", "viper"):
            return EMIT_OPT_NATIVE_PYTHON if attr == "native" else EMIT_OPT_VIPER
        if board_asm and board_native is not None and attr == board_asm_decorator(board_native):
            return EMIT_OPT_ASM
        return None
    if attr in ("native", "viper"):
        if march in _NO_NATIVE:
            return None
        if get_arch(march).new_assembler is None:
            raise native_unsupported(march)
        return EMIT_OPT_NATIVE_PYTHON if attr == "native" else EMIT_OPT_VIPER
    if march in _NO_INLINE_ASM:
        return None
    if march == "debug":
        return EMIT_OPT_ASM  # (refused where its code would be emitted: compile_inline_asm)
    from mpt.crosscompile.native.inline_asm import has_inline_asm
    if not has_inline_asm(get_arch(march).name):
        raise native_unsupported(march, "inline assembler")
    return EMIT_OPT_ASM


def module_emit_options(march: str, emit: str) -> int:
    """The emit option for a whole module (mpy-cross's -X emit=native)."""
    if march in _NO_NATIVE:
        # mpy-cross gets as far as the first native scope (see compile_native_scope)
        return EMIT_OPT_NATIVE_PYTHON if emit == "native" else EMIT_OPT_VIPER
    return decorator_emit_options(march, emit)


def note_error_line(emit, pn) -> None:
    """A statement stopped at a viper error: the error takes its line if it has none yet."""
    if emit.error_line == 0 and isinstance(pn, Node):
        emit.error_line = pn.line


def compile_native_scope(compiler, scope) -> None:
    """Run the STACK_SIZE, CODE_SIZE and EMIT passes of one native/viper scope."""
    if compiler.board_native is not None:
        from mpt.crosscompile.native.board import compile_board_native_scope
        compile_board_native_scope(compiler, scope, _check_native_scope)
        return
    from mpt.crosscompile.native.emitter import NativeEmitter
    emit = compiler.native_emit
    if emit is None and compiler.march in _NO_NATIVE:
        # reported against the scope the compiler handled last, as mpy-cross does
        last = compiler.scope_cur
        raise CompileError("NotImplementedError", "cannot emit native code for this architecture",
                           compiler.source_name, last.pn.line if isinstance(last.pn, Node) else 0,
                           last.simple_name)
    if emit is None:
        emit = compiler.native_emit = NativeEmitter(
            compiler.common, get_arch(compiler.march), compiler.source_name, compiler.arch_flags,
            label_slot=lambda: compiler.next_label, debug_sink=compiler.native_debug_sink)
    _run_native_passes(compiler, scope, emit)


def _check_native_scope(compiler, scope, emit) -> None:
    """The native passes with ``emit`` standing in as the compiler's native emitter."""
    saved = compiler.native_emit
    compiler.native_emit = emit
    try:
        _run_native_passes(compiler, scope, emit)
    finally:
        compiler.native_emit = saved


def _run_native_passes(compiler, scope, emit) -> None:
    from mpt.crosscompile.native.asmbase import AsmError
    from mpt.crosscompile.native.vtypes import NativeAssertion
    saved = compiler.emit
    compiler.emit = emit
    try:
        for pass_ in (PASS_STACK_SIZE, PASS_CODE_SIZE, PASS_EMIT):
            try:
                compiler.compile_scope(scope, pass_)
            except AsmError as exc:
                raise _asm_error(compiler, exc) from None
            except NativeAssertion:
                raise MptError(f"mpy-cross 1.29 aborts on this code (an internal assertion in "
                               f"its native emitter fails in {scope.simple_name!r}), so there "
                               f"is no output to match") from None
            except (IndexError, KeyError, AssertionError):
                # after a viper type error mpy-cross carries on with an inconsistent stack
                # and reports the error it recorded
                if emit.error is None:
                    raise
            if emit.error is not None:
                if emit.error_line == 0 and isinstance(scope.pn, Node):
                    emit.error_line = scope.pn.line
                raise emit.take_error()
    finally:
        compiler.emit = saved


def inline_asm_scope_pass(compiler, scope) -> None:
    """The SCOPE pass of an inline-assembler function (only its shape is checked)."""
    from mpt.crosscompile.native.inline_asm import compile_inline_asm_scope
    compile_inline_asm_scope(compiler, scope, PASS_SCOPE, None)


def compile_inline_asm(compiler, scope) -> None:
    """The CODE_SIZE and EMIT passes of an inline-assembler function."""
    from mpt.crosscompile.native.asmbase import AsmError
    from mpt.crosscompile.native.inline_asm import compile_inline_asm_scope, new_inline_assembler
    if compiler.march == "debug":
        # its inline-assembler table has no debug entry: mpy-cross reads past it and crashes
        raise MptError(f"mpy-cross 1.29 crashes on inline assembler ({scope.simple_name!r}) "
                       f"with -march=debug, so there is no output to match")
    if compiler.inline_asm is None:
        compiler.inline_asm = new_inline_assembler(
            get_arch(compiler.march or compiler.board_native).name, compiler.arch_flags)
    emit = compiler.inline_asm
    for i, pass_ in enumerate((PASS_CODE_SIZE,) * emit.size_passes + (PASS_EMIT,)):
        try:
            compile_inline_asm_scope(compiler, scope, pass_, emit)
        except AsmError as exc:
            raise _asm_error(compiler, exc) from None
        except Exception as exc:
            if i + 1 < emit.size_passes and hasattr(exc, "line"):
                # mpy-cross runs the second sizing pass anyway; it stops at once on the
                # pending error and blames the def line
                exc.line = scope.pn.line
            raise


def _asm_error(compiler, exc) -> CompileError:
    # raised from inside the assembler: mpy-cross prints it without a traceback
    return CompileError(exc.exc_name, str(exc), compiler.source_name, None)


def module_arch(compiler) -> int:
    """The architecture number for the .mpy header (0 when no machine code was emitted)."""
    if compiler.march is None or (compiler.native_emit is None and compiler.inline_asm is None):
        return 0  # (the emulated board's modules are not written out)
    return get_arch(compiler.march).number
