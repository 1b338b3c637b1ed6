"""The interpreter facade: run a script, a .mpy image or source text on the VM.

The VM alone has only the modules, builtins and file system registered with it (see
native.py): ``mpt.runtime.Interpreter`` is this class with the guest library and the
board's modules registered, which is what programs expect.

    interp = Interpreter(stdout=sys.stdout.write, vfs=board.flash)
    status = interp.run_file("main.py", argv=["main.py", "x"])   # 0, 1 or sys.exit's value

Guest exceptions that escape are printed as MicroPython prints them (traceback on stderr)
and give status 1; ``sys.exit(n)`` gives n. A failure of the VM itself raises
:class:`mpt.errors.InternalError`. ``interrupt()`` (from another thread, or a signal handler)
makes the running guest code raise KeyboardInterrupt at its next loop iteration.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

from mpt.errors import CompileError, InputFileError, InternalError, MptError
from mpt.runtime.vm.builtins_table import install_builtins
from mpt.runtime.vm.exceptions import FIXED_ATTR, fix_exception, format_traceback
from mpt.runtime.vm.objects import Module, mp_repr, mp_str
from mpt.runtime.vm import hashorder, stack
from mpt.runtime.vm.runtime import Runtime
from mpt.mpy.mpyfile import read_mpy

RECURSION_LIMIT = stack.RECURSION_LIMIT


def _default_compiler():
    try:  # optional: without the compiler the VM runs .mpy files only
        from mpt.crosscompile.api import compile_to_module
    except ImportError:
        return None

    def compile_source(source: str, filename: str, opt_level: int = 0,
                       input_kind: str = "file"):
        try:
            return compile_to_module(source, filename, opt_level=opt_level,
                                     input_kind=input_kind)
        except CompileError as exc:
            if exc.exc_name == "SyntaxError" and exc.detail == "invalid arch":
                # mpy-cross (which has a native emitter) wants -march; MicroPython running
                # bytecode only has no native emitter and rejects the decorator itself
                raise CompileError("SyntaxError", "invalid micropython decorator",
                                   exc.filename, exc.line, exc.scope) from None
            raise
    return compile_source


class Interpreter:
    def __init__(self, *, stdout: Callable[[str], object] | None = None,
                 stderr: Callable[[str], object] | None = None,
                 stdin: Callable[[], str | None] | None = None,
                 vfs=None, script_dir: str | None = None, compiler=None, board=None,
                 clock=None):
        # MicroPython's ints have no digit limit for str()/int(): lift CPython's (3.10.7+;
        # process-wide, as the guest's ints are the host's)
        sys.set_int_max_str_digits(0)
        hashorder.forget_all()

        self._stdout = stdout or sys.stdout.write
        self._stderr = stderr or sys.stderr.write
        self._stdin = stdin
        self.runtime = Runtime(self, script_dir=script_dir, vfs=vfs,
                               compiler=compiler or _default_compiler(),
                               builtins_factory=install_builtins)
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
            line = sys.stdin.readline()
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

    # --- running ------------------------------------------------------------------------

    def run_file(self, path: str, argv: list[str] | None = None) -> int:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            raise InputFileError(f"cannot read {path}: {exc.strerror or exc}") from None
        if self.runtime.script_dir is None:
            self.runtime.script_dir = os.path.dirname(os.path.abspath(path))
        self.argv = list(argv) if argv is not None else [path]
        name = os.path.basename(path)
        if path.endswith(".mpy"):
            return self.run_module_bytes(data, argv=self.argv)
        return self.exec_source(data.decode("utf-8", "replace"), filename=name)

    def run_module_bytes(self, data: bytes, argv: list[str] | None = None) -> int:
        compiled = read_mpy(data)
        if argv is not None:
            self.argv = list(argv)
        return self._run_compiled(compiled)

    def exec_source(self, source: str, filename: str = "<stdin>") -> int:
        """Compile and run ``source`` as ``__main__``; returns the exit status."""
        try:
            compiled = self.runtime.compile_source(source, filename)
        except CompileError as exc:
            self.write_stderr(exc.traceback_text)
            return 1
        return self._run_compiled(compiled)

    def _run_compiled(self, compiled) -> int:
        rt = self.runtime
        ns = rt.native_modules.get("__main__")
        if ns is None:
            ns = rt.new_module_namespace("__main__")
            rt.native_modules["__main__"] = Module("__main__", ns)
        else:
            ns = ns.__dict__
        try:
            with stack.guest_recursion():
                rt.exec_compiled(compiled, ns)
        except SystemExit as exc:
            return self._exit_status(exc)
        except MptError:
            raise
        except BaseException as exc:  # a guest exception (or a VM bug, see below)
            exc = fix_exception(exc, rt.guest_oserror)
            if not exc.__dict__.get(FIXED_ATTR) and not isinstance(exc, KeyboardInterrupt):
                raise InternalError(f"VM failure: {type(exc).__name__}: {exc}") from exc
            self.write_stderr(self.format_exception(exc))
            return 1
        return 0

    def _exit_status(self, exc: SystemExit) -> int:
        code = exc.args[0] if exc.args else None
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 0xFF
        self.write_stderr(mp_str(code) + "\n")
        return 1
