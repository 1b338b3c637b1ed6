"""The interpreter facade: run a script, a .mpy image or source text on the VM.

    interp = Interpreter(stdout=sys.stdout.write, vfs=DirectoryVFS(folder))
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
from mpt.runtime.builtins_table import install_builtins
from mpt.runtime.exceptions import FIXED_ATTR, add_traceback, fix_exception, format_traceback
from mpt.runtime.objects import Module, mp_repr, mp_str
from mpt.runtime import stack
from mpt.runtime.runtime import Runtime

RECURSION_LIMIT = stack.RECURSION_LIMIT


def _default_compiler():
    try:
        from mpt.crosscompile.api import compile_to_module
    except ImportError:
        return None

    def compile_source(source: str, filename: str, opt_level: int = 0, mode: str = "exec"):
        try:
            return compile_mode(source, filename, opt_level, mode)
        except CompileError as exc:
            if exc.exc_name == "SyntaxError" and exc.detail == "invalid arch":
                # mpy-cross (which has a native emitter) wants -march; MicroPython running
                # bytecode only has no native emitter and rejects the decorator itself
                raise CompileError("SyntaxError", "invalid micropython decorator",
                                   exc.filename, exc.line, exc.scope) from None
            raise

    def compile_mode(source: str, filename: str, opt_level: int, mode: str):
        if mode == "exec":
            return compile_to_module(source, filename, opt_level=opt_level)
        # compile()'s "eval" (the module returns the expression's value) and "single" (as the
        # REPL compiles: module-level expression statements are passed to __repl_print__)
        from mpt.crosscompile.compiler import compile_module
        from mpt.crosscompile.parser import parse
        tree = parse(source, filename, mode, opt_level=opt_level)
        return compile_module(tree, filename, opt_level=opt_level, is_repl=mode == "single")
    return compile_source


class Interpreter:
    def __init__(self, *, stdout: Callable[[str], object] | None = None,
                 stderr: Callable[[str], object] | None = None,
                 stdin: Callable[[], str | None] | None = None,
                 vfs=None, script_dir: str | None = None, compiler=None, board=None,
                 clock=None):
        import mpt.runtime.board  # noqa: F401 - registers machine/time/os/network

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
        from mpt.crosscompile.mpyfile import read_mpy
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
        ns = rt.modules.get("__main__")
        if ns is None:
            ns = rt.new_module_namespace("__main__")
            rt.modules["__main__"] = Module("__main__", ns)
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

    def compile_string(self, source, filename: str, mode: str):
        """Guest compile(): a code object for exec()/eval()."""
        if mode not in ("exec", "eval", "single"):
            raise ValueError("bad compile mode")
        if isinstance(source, (bytes, bytearray, memoryview)):
            source = bytes(source).decode("utf-8")
        try:
            compiled = self.runtime.compile_source(source, filename, mode)
        except CompileError as exc:
            error = IndentationError if exc.exc_name == "IndentationError" else SyntaxError
            guest_exc = error(exc.detail)
            if exc.line is not None:
                add_traceback(guest_exc, exc.filename, exc.line, None)
            raise guest_exc from None
        return GuestCode(compiled, mode)

    def exec_string(self, source, globals_dict, locals_dict=None, *, mode: str,
                    caller_globals: dict, caller_locals: dict | None = None):
        """Guest exec()/eval()."""
        if globals_dict is not None and not isinstance(globals_dict, dict):
            raise TypeError("globals must be a dict")
        if locals_dict is not None and not isinstance(locals_dict, dict):
            raise TypeError("locals must be a dict")
        code = source if isinstance(source, GuestCode) else \
            self.compile_string(source, "<string>", mode)
        ns = globals_dict if globals_dict is not None else caller_globals
        ns.setdefault("__builtins__", self.runtime.builtins)
        if locals_dict is None and globals_dict is None:
            locals_dict = caller_locals
        # the module's return value: an "eval" code's expression, None otherwise
        return self.runtime.exec_compiled(code.compiled, ns, locals_dict)


class GuestCode:
    """What the guest's compile() returns."""

    def __init__(self, compiled, mode: str):
        self.compiled = compiled
        self.mode = mode

    def __repr__(self):
        return "<code>"


GuestCode.__module__ = "builtins"
GuestCode.__name__ = GuestCode.__qualname__ = "code"
