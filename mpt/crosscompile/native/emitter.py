"""The native emitter: the compiler's emit calls turned into machine code (native and viper).

It follows MicroPython's native emitter (py/emitnative.c) step for step, because the output has
to match mpy-cross byte for byte: values on the Python stack are tracked as "in a register", "an
immediate" or "settled in the frame", and only written to the frame when something needs them
there; runtime helpers are called through the native function table (``fun.*`` indices); viper
code tracks a machine type for every local and stack entry. The machine instructions come from
an architecture back end (``asm``), which provides the generic operations used here.

:class:`NativeEmitter` holds the emitter's state; its methods come from one mixin per concern:
``layout`` (the frame and moving values into and out of it), ``vstack`` (the Python stack
model), ``entry`` (function entry and exit, the global exception handler, the prelude),
``names`` (identifiers, imports, constants, attributes, stack shuffles), ``subscr``
(subscripts, viper pointer loads and stores), ``flow`` (labels, exception handlers, jumps,
blocks, iteration, return/raise/yield), ``operators`` (unary and binary operators) and
``calls`` (building collections, making functions, calls). The viper types are in ``vtypes``.
"""

from __future__ import annotations

from mpt.crosscompile.native.calls import CallOps
from mpt.crosscompile.native.entry import FunctionEntry
from mpt.crosscompile.native.flow import ExcEntry, FlowOps
from mpt.crosscompile.native.layout import FrameLayout
from mpt.crosscompile.native.names import NameOps
from mpt.crosscompile.native.operators import OperatorOps
from mpt.crosscompile.native.subscr import SubscrOps
from mpt.crosscompile.native.vstack import StackInfo, StackModel
from mpt.crosscompile.native.vtypes import VTYPE_PYOBJ
from mpt.errors import CompileError


class NativeEmitter(FrameLayout, StackModel, FunctionEntry, NameOps, SubscrOps, FlowOps,
                    OperatorOps, CallOps):
    """Emits one native or viper scope at a time; shared by all native scopes of a module."""

    def __init__(self, common, arch, source_name: str, arch_flags: int = 0,
                 label_slot=None, debug_sink=None):
        self.common = common
        # the compiler's next free label number (mpy-cross's label_slot): the emitter's own
        # labels are the ones the compiler reserves after each emit call that uses them
        self.label_slot = label_slot if label_slot is not None else (lambda: 0)
        self.arch = arch  # an architecture description from mpt.crosscompile.native.archs
        self.source_name = source_name
        self.as_ = arch.new_assembler(arch_flags)
        if debug_sink is not None:
            self.as_.debug_sink = debug_sink
        self.error: str | None = None  # the viper type error recorded in this pass
        self.error_line = 0
        self.prelude_offset = 0
        self.prelude_ptr_index = 0
        self.start_offset = 0
        self.n_info = 0
        self.n_cell = 0
        self.exit_label = None
        self.stack_info: list[StackInfo] = []
        self.local_vtype: list[int] = []
        self.exc_stack: list[ExcEntry] = []
        self.saved_stack_vtype = VTYPE_PYOBJ
        self.scope = None
        self.pass_ = 0
        self.stack_size = 0
        self.do_viper_types = False
        self.code_state_start = 0
        self.stack_start = 0
        self.n_state = 0

    # ---- errors and labels ----

    def _viper_error(self, message: str) -> None:
        # mpy-cross records the error and keeps compiling the statement; the last one wins
        self.error = message

    def take_error(self) -> CompileError:
        err = CompileError("ViperTypeError", self.error, self.source_name, self.error_line,
                           self.scope.simple_name)
        self.error = None
        self.error_line = 0
        return err

    def _not_implemented(self, message: str):
        # raised from inside the emitter, so mpy-cross prints it without a traceback
        raise CompileError("NotImplementedError", message, self.source_name, None,
                           self.scope.simple_name)

    def _labels(self, n: int):
        base = self.label_slot()
        return [base + i for i in range(n)]
