"""The Python API: ``mpt.runtime.Interpreter`` runs a script, a .mpy image or source text.

    from mpt.runtime import Interpreter
    interp = Interpreter(stdout=sys.stdout.write, vfs=DirectoryVFS(folder))
    status = interp.run_file("main.py", argv=["main.py", "x"])
    status = interp.exec_source("print(x)\\n")         # same __main__ globals as before

Each run returns the exit status `mpt run` would give (see mpt.runtime.board.session): 0;
1 for a guest exception (MicroPython's traceback on stderr); 130 for a KeyboardInterrupt;
n for ``sys.exit(n)``. A failure of the VM itself raises :class:`mpt.errors.InternalError`.
``interrupt()`` (from another thread, or a signal handler) makes the running guest code
raise KeyboardInterrupt at its next loop iteration. There is no board unless one is given
(``board=``): no boot.py, and a program's output is not cut at a reset.

It is a thin face on a :class:`~mpt.runtime.board.session.GuestSession`: the same run path
as `mpt run`, `mpt emulate` and the device REPL.
"""

from __future__ import annotations

from typing import Callable

from mpt.errors import InternalError
from mpt.runtime.board.repl import Outcome
from mpt.runtime.board.session import GuestSession


class Interpreter:
    def __init__(self, *, stdout: Callable[[str], object] | None = None,
                 stderr: Callable[[str], object] | None = None,
                 stdin: Callable[[], str | None] | None = None,
                 vfs=None, script_dir: str | None = None, compiler=None, board=None,
                 clock=None):
        self.session = GuestSession(board, stdout=stdout, stderr=stderr, stdin=stdin,
                                    vfs=vfs, clock=clock, script_dir=script_dir,
                                    compiler=compiler)

    @property
    def runtime(self):
        return self.session.interpreter.runtime

    @property
    def context(self):
        return self.session.context

    @property
    def argv(self) -> list[str]:
        return self.session.argv

    @argv.setter
    def argv(self, value: list[str]) -> None:
        self.session.set_argv(value)

    def interrupt(self) -> None:
        self.session.interrupt()

    def run_file(self, path: str, argv: list[str] | None = None) -> int:
        """Run a host .py or .mpy file (argv: sys.argv, default [path])."""
        return self._status(self.session.run_host_file(path, argv))

    def run_module_bytes(self, data: bytes, argv: list[str] | None = None) -> int:
        if argv is not None:
            self.session.set_argv(argv)
        return self._status(self.session.run_mpy(data))

    def exec_source(self, source: str, filename: str = "<stdin>") -> int:
        """Compile and run ``source`` as ``__main__``; returns the exit status."""
        return self._status(self.session.run_source(source, filename))

    def _status(self, outcome: Outcome) -> int:
        if outcome.internal:
            raise InternalError(outcome.error_text.removeprefix("mpt: ").rstrip("\n"))
        return self.session.exit_status(outcome)
