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

By default (``emulator_process=None``: as INTERPRETER_PROCESS_BY_DEFAULT says, yes on POSIX
systems) that session runs in a child process that the OS confines
(mpt.runtime.board.api_process), so guest code cannot reach this process or the host even
if mpt's in-process filter fails; ``stdout``, ``stderr`` and ``stdin`` still run here. The
guest then reads only the folder of its script (``script_dir``, or that of the first
``run_file``), read-only, and has no file system of its own; a ``board``, ``vfs``,
``compiler`` or ``clock`` object, and the ``runtime`` and ``context`` properties, exist only
in this process: ``emulator_process=False`` runs the guest here, for code you trust.
"""

from __future__ import annotations

from typing import Callable

import os

from mpt.errors import UsageError
from mpt.runtime.board.api_process import ChildInterpreter, status_of
from mpt.runtime.board.repl import Outcome
from mpt.runtime.board.session import GuestSession, read_host_file

# whether Interpreter() runs its guest in a confined child process when not told
INTERPRETER_PROCESS_BY_DEFAULT = os.name == "posix"


class Interpreter:
    def __init__(self, *, stdout: Callable[[str], object] | None = None,
                 stderr: Callable[[str], object] | None = None,
                 stdin: Callable[[], str | None] | None = None,
                 vfs=None, script_dir: str | None = None, compiler=None, board=None,
                 clock=None, emulator_process: bool | None = None):
        in_child = INTERPRETER_PROCESS_BY_DEFAULT if emulator_process is None \
            else emulator_process
        self._child: ChildInterpreter | None = None
        if in_child:
            given = [name for name, value in (("board", board), ("vfs", vfs),
                                              ("compiler", compiler), ("clock", clock))
                     if value is not None]
            if given:
                raise UsageError(f"Interpreter({', '.join(given)}=...) runs the guest in this "
                                 "process: pass emulator_process=False (for code you trust)")
            self._child = ChildInterpreter(stdout=stdout, stderr=stderr, stdin=stdin,
                                           script_dir=script_dir)
            return
        self.session = GuestSession(board, stdout=stdout, stderr=stderr, stdin=stdin,
                                    vfs=vfs, clock=clock, script_dir=script_dir,
                                    compiler=compiler)

    @property
    def process_id(self) -> int | None:
        """The guest's process (None: this one, or the child has not started yet)."""
        return self._child.pid if self._child is not None else None

    def _in_process(self, what: str) -> GuestSession:
        if self._child is not None:
            raise UsageError(f"Interpreter.{what} exists only for a guest in this process "
                             "(emulator_process=False)")
        return self.session

    @property
    def runtime(self):
        return self._in_process("runtime").interpreter.runtime

    @property
    def context(self):
        return self._in_process("context").context

    @property
    def argv(self) -> list[str]:
        return self._child.argv if self._child is not None else self.session.argv

    @argv.setter
    def argv(self, value: list[str]) -> None:
        if self._child is not None:
            self._child.set_argv(value)
        else:
            self.session.set_argv(value)

    def interrupt(self) -> None:
        if self._child is not None:
            self._child.interrupt()
        else:
            self.session.interrupt()

    def close(self) -> None:
        """End the guest's process (a confined child only; a new run starts another)."""
        if self._child is not None:
            self._child.close()

    def run_file(self, path: str, argv: list[str] | None = None) -> int:
        """Run a host .py or .mpy file (argv: sys.argv, default [path])."""
        if self._child is not None:
            data = read_host_file(path)  # read here: the guest's process may not
            if self._child.script_dir is None:
                self._child.script_dir = os.path.dirname(os.path.abspath(path))
            return self._child.run("program", data, os.path.basename(path),
                                   argv if argv is not None else [path])
        return self._status(self.session.run_host_file(path, argv))

    def run_module_bytes(self, data: bytes, argv: list[str] | None = None) -> int:
        if self._child is not None:
            return self._child.run("mpy", bytes(data), "<mpy>", argv)
        if argv is not None:
            self.session.set_argv(argv)
        return self._status(self.session.run_mpy(data))

    def exec_source(self, source: str, filename: str = "<stdin>") -> int:
        """Compile and run ``source`` as ``__main__``; returns the exit status."""
        if self._child is not None:
            return self._child.run("source", source.encode("utf-8", "surrogatepass"),
                                   filename)
        return self._status(self.session.run_source(source, filename))

    def _status(self, outcome: Outcome) -> int:
        return status_of(self.session, outcome)
