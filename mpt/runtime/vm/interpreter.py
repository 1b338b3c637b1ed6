"""The VM's interpreter: one guest's runtime (modules, builtins, file system) and its I/O.

Library and board modules reach it as ``ctx.interpreter``: the guest's stdout, stderr and
input, formatting of guest exceptions, ``interrupt()`` (from another thread, or a signal
handler: the running guest code raises KeyboardInterrupt at its next loop iteration).

It runs nothing by itself: running code, and mapping how it ended to an exit status, is the
guest session's job (mpt.runtime.board.session.GuestSession), which makes this object for a
board. The public Python API, ``mpt.runtime.Interpreter``, is mpt.runtime.board.api.
"""

from __future__ import annotations

import importlib
import sys
from typing import Callable

from mpt.errors import CompileError
from mpt.runtime.vm.builtins_table import HOST_INTERNAL_IMPORTS, install_builtins
from mpt.runtime.vm.exceptions import format_traceback
from mpt.runtime.vm.objects import mp_repr, mp_str
from mpt.runtime.vm import hashorder, stack
from mpt.runtime.vm.runtime import Runtime
from mpt.runtime.vm.features import DEFAULT as DEFAULT_FEATURES, Features

RECURSION_LIMIT = stack.RECURSION_LIMIT


def _default_compiler():
    try:  # optional: without the compiler the VM runs .mpy files only
        from mpt.crosscompile.api import compile_to_module
    except ImportError:
        return None

    def compile_source(source: str, filename: str, opt_level: int = 0,
                       input_kind: str = "file", tstrings: bool = True,
                       board_native: str | None = None, float_bits: int = 64,
                       board_asm: bool = False, emit: str = "bytecode"):
        try:
            return compile_to_module(source, filename, opt_level=opt_level,
                                     input_kind=input_kind, tstrings=tstrings,
                                     board_native=board_native, float_bits=float_bits,
                                     board_asm=board_asm, emit=emit)
        except CompileError as exc:
            if exc.exc_name == "SyntaxError" and exc.detail == "invalid arch":
                # mpy-cross (which has a native emitter) wants -march; MicroPython running
                # bytecode only has no native emitter and rejects the decorator itself
                raise CompileError("SyntaxError", "invalid micropython decorator",
                                   exc.filename, exc.line, exc.scope) from None
            raise
    return compile_source


def _preload_host_internals() -> None:
    """Import the helpers CPython's C code loads by itself (3.12+: _pylong, for str() and
    int() of huge numbers) while no guest code runs; see HOST_INTERNAL_IMPORTS."""
    for name in HOST_INTERNAL_IMPORTS:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except ImportError:  # an older CPython: not needed there
                pass


class Interpreter:
    def __init__(self, *, stdout: Callable[[str], object] | None = None,
                 stderr: Callable[[str], object] | None = None,
                 stdin: Callable[[], str | None] | None = None,
                 vfs=None, script_dir: str | None = None, compiler=None, board=None,
                 clock=None, features: Features | None = None):
        # MicroPython's ints have no digit limit for str()/int(): lift CPython's (3.10.7+;
        # process-wide, as the guest's ints are the host's)
        sys.set_int_max_str_digits(0)
        _preload_host_internals()
        hashorder.forget_all()

        self._stdout = stdout or sys.stdout.write
        self._stderr = stderr or sys.stderr.write
        self._stdin = stdin
        self.runtime = Runtime(self, script_dir=script_dir, vfs=vfs,
                               compiler=compiler or _default_compiler(),
                               builtins_factory=install_builtins,
                               features=features or getattr(board, "features", None) or
                               DEFAULT_FEATURES)
        self.runtime.context.board = board
        self.runtime.context.clock = clock
        self.argv: list[str] = []

    # --- I/O used by builtins and native modules ---------------------------------------

    def write_stdout(self, text: str) -> None:
        self._stdout(text)

    def write_stderr(self, text: str) -> None:
        self._stderr(text)

    def read_line(self) -> str | None:
        if self._stdin is None:
            runtime = self.runtime
            if runtime.take_interrupt():  # a Ctrl-C came before the wait
                raise KeyboardInterrupt()
            runtime.blocked_in_read = True  # a SIGINT now raises at once (mpt.runtime.board.sigint)
            try:
                line = sys.stdin.readline()
            finally:
                runtime.blocked_in_read = False
            return line if line else None
        return self._stdin()

    def read_stdin(self, n: int = -1) -> str:
        line = self.read_line()
        return line or ""

    @property
    def context(self):
        return self.runtime.context

    def interrupt(self) -> None:
        self.runtime.request_interrupt()

    def format_exception(self, exc: BaseException) -> str:
        return format_traceback(exc, mp_repr, mp_str)

    def call_guest(self, fn, *args, **kwargs):
        return fn(*args, **kwargs)
