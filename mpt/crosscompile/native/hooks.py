"""The few places where the compiler hands over to native code emission (kept out of compiler.py).

The compiler asks here what a ``@micropython.native/viper/asm_*`` decorator means under the
selected ``-march``, and runs native scopes through the native emitter with mpy-cross's pass
structure and error reporting.
"""

from __future__ import annotations

from mpt.crosscompile.emitbc import PASS_CODE_SIZE, PASS_EMIT, PASS_STACK_SIZE
from mpt.crosscompile.native.archs import get_arch
from mpt.crosscompile.native.asmbase import AsmNotImplemented
from mpt.crosscompile.native.emitter import (
    SCOPE_FLAG_HASCONSTS, SCOPE_FLAG_REFGLOBALS, SCOPE_FLAG_VIPERRET_POS, NativeEmitter,
    native_type_from_name,
)
from mpt.crosscompile.parsenode import Node
from mpt.crosscompile.scope import EMIT_OPT_NATIVE_PYTHON, EMIT_OPT_VIPER
from mpt.errors import CompileError, MptError

__all__ = ["SCOPE_FLAG_REFGLOBALS_HASCONSTS", "SCOPE_FLAG_VIPERRET_POS", "native_type_from_name",
           "decorator_emit_options", "note_error_line", "compile_native_scope",
           "native_unsupported"]

SCOPE_FLAG_REFGLOBALS_HASCONSTS = SCOPE_FLAG_REFGLOBALS | SCOPE_FLAG_HASCONSTS

# architectures for which mpy-cross has no inline assembler (the decorator is "invalid arch")
_NO_INLINE_ASM = ("x86", "x64", "host", "rv64imc")
# architectures for which mpy-cross has no native emitter
_NO_NATIVE = ("rv64imc",)


def native_unsupported(march: str, what: str = "native code emission") -> MptError:
    return MptError(f"{what} (-march={march}) is not supported yet")


def decorator_emit_options(march: str | None, attr: str) -> int | None:
    """The emit option a micropython.<attr> decorator selects, or None for "invalid arch".

    Raises MptError where mpy-cross would emit code that mpt cannot emit yet.
    """
    if march is None:
        return None
    if attr in ("native", "viper"):
        if march in _NO_NATIVE:
            return None
        if get_arch(march).new_assembler is None:
            raise native_unsupported(march)
        return EMIT_OPT_NATIVE_PYTHON if attr == "native" else EMIT_OPT_VIPER
    if march in _NO_INLINE_ASM:
        return None
    raise native_unsupported(march, "inline assembler")


def module_emit_options(march: str, emit: str) -> int:
    """The emit option for a whole module (mpy-cross's -X emit=native)."""
    opts = decorator_emit_options(march, emit) if emit == "native" else None
    if opts is None:
        # emit=viper trips an assertion inside mpy-cross; rv64imc has no native emitter there
        raise native_unsupported(march, f"-X emit={emit}")
    return opts


def note_error_line(emit: NativeEmitter, pn) -> None:
    """A statement stopped at a viper error: the error takes its line if it has none yet."""
    if emit.error_line == 0 and isinstance(pn, Node):
        emit.error_line = pn.line


def compile_native_scope(compiler, scope) -> None:
    """Run the STACK_SIZE, CODE_SIZE and EMIT passes of one native/viper scope."""
    emit = compiler.native_emit
    if emit is None:
        emit = compiler.native_emit = NativeEmitter(compiler.common, get_arch(compiler.march),
                                                    compiler.source_name)
    saved = compiler.emit
    compiler.emit = emit
    try:
        for pass_ in (PASS_STACK_SIZE, PASS_CODE_SIZE, PASS_EMIT):
            try:
                compiler.compile_scope(scope, pass_)
            except AsmNotImplemented as exc:
                # raised from inside the assembler: mpy-cross prints it without a traceback
                raise CompileError("NotImplementedError", str(exc), compiler.source_name,
                                   None) from None
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
