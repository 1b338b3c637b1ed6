"""Native and viper functions for the emulated board: checked as machine code, run as bytecode.

The emulated board has no CPU to run machine code on; its compiler (the VM's compile_source)
still accepts ``@micropython.native`` and ``@micropython.viper`` as the firmware's does:

* every such scope first goes through the native emitter for the board's architecture, so
  the code the firmware's compiler refuses is refused here with the same error (ViperTypeError,
  "native yield", ...); the machine code itself is thrown away;
* the scope is then compiled to bytecode. A native function keeps bytecode semantics (that is
  what the native emitter implements). A viper function gets a :class:`BoardNative` on its raw
  code: for each typed operation, the bytecode offset and the viper types the native emitter
  saw there (machine-word arithmetic, pointer loads and stores, casts, typed arguments and
  return value), which the VM's translator turns into word-sized Python
  (mpt.runtime.vm.viper).

The two emitters are driven by the same compiler over the same tree, so their calls come in
the same order: the n-th traced call of the native emitter is the n-th of the bytecode one.
"""

from __future__ import annotations

from mpt.crosscompile.emitbc import PASS_CODE_SIZE, PASS_EMIT, PASS_STACK_SIZE, Emitter
from mpt.crosscompile.native.archs import get_arch
from mpt.crosscompile.native.emitter import NativeEmitter
from mpt.crosscompile.native.vtypes import VTYPE_BUILTIN_CAST, VTYPE_PYOBJ
from mpt.crosscompile.scope import (
    EMIT_OPT_VIPER, ID_FLAG_IS_PARAM, ID_FLAG_VIPER_TYPE_POS, SCOPE_FLAG_VIPERRET_POS,
)
from mpt.errors import InternalError

__all__ = ["BoardNative", "compile_board_native_scope", "word_bits"]

# the emit calls whose operands' viper types decide what the operation does
_TRACED = ("binary_op", "unary_op", "subscr", "call_function", "return_value")


def word_bits(march: str) -> int:
    """The machine word of an architecture, in bits."""
    return 64 if get_arch(march).name in ("x64",) else 32


class BoardNative:
    """What the VM needs to run one native or viper function as the firmware's machine code
    behaves: native code adds no traceback entries; viper's typed operations."""

    __slots__ = ("viper", "word_bits", "ops", "arg_types", "return_type")

    def __init__(self, viper: bool, bits: int, ops: dict, arg_types: dict,
                 return_type: int) -> None:
        self.viper = viper
        self.word_bits = bits
        # bytecode offset -> (emit call name, operand viper types...)
        self.ops = ops
        self.arg_types = arg_types  # local number of a typed parameter -> its viper type
        self.return_type = return_type


class _TypeTracer(NativeEmitter):
    """The native emitter, noting the operand types of the traced calls in its EMIT pass."""

    def start_pass(self, pass_, scope) -> None:
        super().start_pass(pass_, scope)
        self.trace: list[tuple] = []

    def _note(self, *entry) -> None:
        if self.pass_ == PASS_EMIT:
            self.trace.append(entry)

    def binary_op(self, op: int) -> None:
        self._note("binary_op", op, self._peek_vtype(1), self._peek_vtype(0))
        super().binary_op(op)

    def unary_op(self, op: int) -> None:
        self._note("unary_op", op, self._peek_vtype(0))
        super().unary_op(op)

    def subscr(self, kind: int) -> None:
        value = self._peek_vtype(2) if self.stack_size > 2 else VTYPE_PYOBJ
        self._note("subscr", kind, self._peek_vtype(1), self._peek_vtype(0), value)
        super().subscr(kind)

    def call_function(self, n_positional: int, n_keyword: int, star_flags: int) -> None:
        depth = n_positional + 2 * n_keyword
        cast = -1
        if self._peek_vtype(depth) == VTYPE_BUILTIN_CAST and depth == 1:
            cast = self._peek(1).data
        arg = self._peek_vtype(0) if depth else VTYPE_PYOBJ
        self._note("call_function", cast, arg)
        super().call_function(n_positional, n_keyword, star_flags)

    def return_value(self) -> None:
        self._note("return_value", self._peek_vtype(0))
        super().return_value()


class _OffsetRecorder(Emitter):
    """The bytecode emitter, noting where each traced call's instruction goes (None for an
    instruction it drops as dead code)."""

    def start_pass(self, pass_, scope) -> None:
        super().start_pass(pass_, scope)
        self.offsets: list[int | None] = []

    def _note(self) -> None:
        if self.pass_ == PASS_EMIT:
            self.offsets.append(None if self.suppress else self.bytecode_offset)

    def binary_op(self, binop: int) -> None:
        self._note()
        super().binary_op(binop)

    def unary_op(self, unop: int) -> None:
        self._note()
        super().unary_op(unop)

    def subscr(self, kind: int) -> None:
        self._note()
        super().subscr(kind)

    def call_function(self, n_positional: int, n_keyword: int, star_flags: int) -> None:
        self._note()
        super().call_function(n_positional, n_keyword, star_flags)

    def return_value(self) -> None:
        self._note()
        super().return_value()


def compile_board_native_scope(compiler, scope, check) -> None:
    """Compile a native or viper scope for the emulated board (see the module docstring).

    ``check(compiler, scope, emitter)`` runs the native emitter's passes over the scope and
    raises its errors as mpy-cross reports them.
    """
    arch = get_arch(compiler.board_native)
    tracer = compiler.board_tracer
    if tracer is None:
        tracer = compiler.board_tracer = _TypeTracer(
            compiler.common, arch, compiler.source_name, compiler.arch_flags,
            label_slot=lambda: compiler.next_label)
    check(compiler, scope, tracer)
    rc = scope.raw_code  # the machine code is dropped: the bytecode passes fill it again
    rc.prelude_offset = rc.relocations = rc.scope_flags = rc.n_pos_args = rc.type_sig = None
    bytecode = compiler.emit
    recorder = _OffsetRecorder(compiler.common, opt_level=bytecode.opt_level,
                               include_source_lines=bytecode.include_source_lines)
    compiler.emit = recorder
    try:
        compiler.compile_scope(scope, PASS_STACK_SIZE)
        compiler.compile_scope(scope, PASS_CODE_SIZE)
        while not compiler.compile_scope(scope, PASS_EMIT):
            pass
    finally:
        compiler.emit = bytecode
    if scope.emit_options != EMIT_OPT_VIPER:
        rc.board_native = BoardNative(False, word_bits(arch.name), {}, {}, VTYPE_PYOBJ)
        return
    if len(recorder.offsets) != len(tracer.trace):
        raise InternalError(f"viper function {scope.simple_name!r}: the native and bytecode "
                            f"emitters disagree ({len(tracer.trace)} typed operations, "
                            f"{len(recorder.offsets)} instructions)")
    ops = {off: entry for off, entry in zip(recorder.offsets, tracer.trace) if off is not None}
    arg_types = {}
    for id_ in scope.id_info:
        if id_.flags & ID_FLAG_IS_PARAM:
            vtype = id_.flags >> ID_FLAG_VIPER_TYPE_POS
            if vtype != VTYPE_PYOBJ:
                arg_types[id_.local_num] = vtype
    rc.board_native = BoardNative(True, word_bits(arch.name), ops, arg_types,
                                  scope.scope_flags >> SCOPE_FLAG_VIPERRET_POS)
