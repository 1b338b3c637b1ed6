"""One guest on one board: the single run path behind `mpt run`, `mpt emulate`, the device
REPL and the Python API (``mpt.runtime.Interpreter``).

A :class:`GuestSession` creates the VM's interpreter for a board (or for no board, the bare
interpreter of the Python API), runs code on it -- a host script (.py or .mpy), .mpy bytes,
source text, a REPL line, a file from the board's flash -- and reports how each run ended as
an :class:`~mpt.runtime.board.repl.Outcome`. :meth:`GuestSession.exit_status` turns an
outcome into the exit status `mpt run` gives:

    the code ended                    -> 0
    a guest exception                 -> 1, MicroPython's traceback on stderr
    KeyboardInterrupt (Ctrl-C)        -> 130, the traceback on stderr
    sys.exit(n)                       -> n & 0xFF (None: 0; a non-int: its str on stderr, 1)
    a reset the program asked for     -> 0 (a watchdog reset: 1), a note on stderr

Everything that touches the interpreter goes through this class: callers hand it code and
I/O callables and get outcomes back. That makes it the boundary where the guest can move into
a confined child process (issue 9) without its callers changing.
"""

from __future__ import annotations

import contextlib
import os
from typing import Callable

from mpt import logs
from mpt.errors import EXIT_INTERRUPTED, CompileError, MptError
from mpt.hostfiles import MPY, SOURCE, read_input
from mpt.runtime.board.board import WDT_RESET, Board, BoardResetRequest
from mpt.runtime.board.repl import Outcome
from mpt.runtime.library.vfs_rom import mount_romfs_at_boot
from mpt.runtime.library.heap_model import host_memory_limit, release_heap_lock
from mpt.runtime.vm.exceptions import FIXED_ATTR, fix_exception
from mpt.runtime.vm.interpreter import Interpreter
from mpt.runtime.vm.objects import Module, mp_str
from mpt.runtime.vm.stack import guest_recursion

Write = Callable[[str], object]


def read_host_file(path: str) -> bytes:
    """The bytes of a program (.py or .mpy) on the host (typed error when it cannot be read)."""
    return read_input(path, MPY if str(path).endswith(".mpy") else SOURCE)


class GuestSession:
    """The guest's interpreter on ``board`` (None: no board) and the runs made on it.

    stdout/stderr take the guest's text (None: the process's); stdin gives input() its
    lines (None: the process's stdin). ``console`` holds hooks put in every new
    interpreter's ``context.extra`` (the device REPL's console: console_rx, console_tx, ...).
    ``limit_memory`` caps the process's address space while guest code runs, so that a
    runaway allocation is the guest's MemoryError (process-wide: only for `mpt run`).
    """

    def __init__(self, board: Board | None = None, *, stdout: Write | None = None,
                 stderr: Write | None = None, stdin: Callable[[], str | None] | None = None,
                 vfs=None, clock=None, script_dir: str | None = None, compiler=None,
                 console: dict | None = None, limit_memory: bool = False):
        self.board = board
        self._stderr = stderr
        self._guest_stdout = self._until_reset(stdout)
        self._guest_stderr = self._until_reset(stderr)
        self._stdin = stdin
        self._vfs = board.flash if vfs is None and board is not None else vfs
        self._clock = board.clock if clock is None and board is not None else clock
        self._script_dir = script_dir
        self._compiler = compiler
        self._console = dict(console or {})
        self._limit_memory = limit_memory
        # the status of a run a KeyboardInterrupt ended (mpt-micropython: 1, as the unix port)
        self.interrupted_status = EXIT_INTERRUPTED
        self.argv: list[str] = []
        self.interpreter: Interpreter = self._new_interpreter()

    def _until_reset(self, write: Write | None) -> Write | None:
        """Nothing a program does after asking for a reset reaches the terminal."""
        board = self.board
        if board is None or write is None:
            return write

        def guarded(text: str) -> None:
            if board.pending_reset is None:
                write(text)
        return guarded

    def _new_interpreter(self) -> Interpreter:
        """The one place an interpreter is made for the board."""
        interpreter = Interpreter(stdout=self._guest_stdout, stderr=self._guest_stderr,
                                  stdin=self._stdin, vfs=self._vfs, board=self.board,
                                  clock=self._clock, script_dir=self._script_dir,
                                  compiler=self._compiler)
        interpreter.argv = list(self.argv)
        interpreter.context.extra.update(self._console)
        rom_ioctl = getattr(self.board, "romfs", None)
        if rom_ioctl is not None:  # the firmware's mp_init mounts its ROMFS at /rom
            mount_romfs_at_boot(interpreter.runtime.vfs, interpreter.runtime.path, rom_ioctl)
        return interpreter

    @property
    def context(self):
        return self.interpreter.context

    def set_argv(self, argv: list[str]) -> None:
        self.argv = list(argv)
        self.interpreter.argv = list(argv)

    # --- running code ----------------------------------------------------------------
    def run_host_file(self, path: str, argv: list[str] | None = None) -> Outcome:
        """Run a program from the host: ``path`` ending in .mpy is a compiled module."""
        data = read_host_file(path)
        if self.interpreter.runtime.script_dir is None:
            self.interpreter.runtime.script_dir = os.path.dirname(os.path.abspath(path))
        self.set_argv(argv if argv is not None else [path])
        return self.run_program(data, os.path.basename(path))

    def run_program(self, data: bytes, name: str) -> Outcome:
        """Run ``data`` as ``__main__``: .mpy bytes when ``name`` ends in .mpy, else source."""
        logs.info("mpt.runtime", "running %s (%d bytes) with argv %s", name, len(data),
                  self.argv)
        if name.endswith(".mpy"):
            return self.run_mpy(data)
        return self.run_source(data.decode("utf-8", "replace"), name)

    def run_mpy(self, data: bytes) -> Outcome:
        from mpt.mpy.mpyfile import read_mpy  # lazy: source programs never need it
        return self._run(read_mpy(data))

    def run_source(self, text: str, filename: str = "<stdin>",
                   input_kind: str = "file") -> Outcome:
        """Compile and run ``text``; input_kind "single" compiles a REPL line (expression
        statements print their value)."""
        try:
            compiled = self.interpreter.runtime.compile_source(text, filename,
                                                               input_kind=input_kind,
                                                               cached=True)
        except CompileError as exc:
            return Outcome("exception", exc.traceback_text)
        return self._run(compiled)

    def has_flash_file(self, path: str) -> bool:
        try:
            return not self._vfs.stat(path)[0] & 0x4000
        except OSError:
            return False

    def run_flash_file(self, path: str, filename: str | None = None) -> Outcome | None:
        """Run a file of the board's flash (boot.py, main.py); None when there is none."""
        try:
            if self._vfs.stat(path)[0] & 0x4000:
                return None
            handle = self._vfs.open(path, "rb")
        except OSError:
            return None
        logs.info("mpt.runtime", "running %s from the flash", path)
        try:
            data = handle.read()
        finally:
            handle.close()
        return self.run_source(data.decode("utf-8", "replace"), filename or path)

    def boot_and_run(self, program: bytes, name: str) -> Outcome:
        """`mpt run`: boot.py from the flash first, in the same globals; the program only
        when boot.py ran cleanly, as on a board."""
        outcome = self.run_flash_file("/boot.py", "boot.py")
        if outcome is None or outcome.status == "ok":
            outcome = self.run_program(program, name)
        return outcome

    def main_namespace(self) -> dict:
        rt = self.interpreter.runtime
        module = rt.native_modules.get("__main__")
        if module is None:
            namespace = rt.new_module_namespace("__main__")
            rt.native_modules["__main__"] = Module("__main__", namespace)
            return namespace
        return module.__dict__

    def _run(self, compiled) -> Outcome:
        """Run compiled guest code as ``__main__``; report how it ended instead of raising.

        A failure of mpt itself (an MptError) still raises; a host exception that is no
        guest exception (a VM bug) is an "exception" outcome with ``internal`` set.
        """
        board = self.board
        rt = self.interpreter.runtime
        namespace = self.main_namespace()
        guard = host_memory_limit() if self._limit_memory else contextlib.nullcontext()
        try:
            with guard, guest_recursion():
                rt.exec_compiled(compiled, namespace)
                if rt.take_interrupt():  # the unix port's final mp_handle_pending
                    raise KeyboardInterrupt()
        except BoardResetRequest as asked:
            if board is None:
                raise
            board.pending_reset = board.pending_reset or asked
        except SystemExit as exc:
            if board is None or board.pending_reset is None:
                return Outcome("exit", exit_value=exc.args[0] if exc.args else None)
        except MptError:
            raise
        except BaseException as exc:  # a guest exception (or a VM bug)
            if board is None or board.pending_reset is None:
                exc = fix_exception(exc, rt.guest_oserror)
                if not exc.__dict__.get(FIXED_ATTR) and not isinstance(exc, KeyboardInterrupt):
                    return Outcome("exception", f"mpt: internal VM error: "
                                                f"{type(exc).__name__}: {exc}\n", internal=True)
                return Outcome("exception", self.interpreter.format_exception(exc),
                               interrupted=isinstance(exc, KeyboardInterrupt))
        request = board.pending_reset if board is not None else None
        if board is None or request is None:
            return Outcome("ok")
        # the program asked for a reset (even if it caught the request): the run ends as one
        board.pending_reset = None
        board.reset_cause = request.cause
        board.restart_is_hard = True
        rt.rearm()
        return Outcome("reset", request.message, reset_cause=request.cause)

    def run_exit_function(self) -> None:
        """The unix port's last step (ports/unix/main.c): call what sys.atexit() registered."""
        rt = self.interpreter.runtime
        fn = rt.exit_function
        if fn is None or not callable(fn):
            return
        try:
            with guest_recursion():
                fn()
        except SystemExit:
            pass
        except MptError:
            raise
        except BaseException as exc:
            exc = fix_exception(exc, rt.guest_oserror)
            (self._stderr or self.interpreter.write_stderr)(
                self.interpreter.format_exception(exc))

    # --- outcomes ----------------------------------------------------------------------
    def exit_status(self, outcome: Outcome) -> int:
        """The process exit status for ``outcome``; what it has to say goes to stderr."""
        logs.info("mpt.runtime", "the run ended: %s", outcome.status)
        write = self._stderr or self.interpreter.write_stderr
        if outcome.status == "ok":
            return 0
        if outcome.status == "exception":
            write(outcome.error_text)
            return self.interrupted_status if outcome.interrupted else 1
        if outcome.status == "reset":
            write(f"MPY: board reset ({outcome.reset_cause}): {outcome.error_text}\n")
            return 1 if outcome.reset_cause == WDT_RESET else 0
        value = outcome.exit_value
        if value is None:
            return 0
        if isinstance(value, int) and not isinstance(value, bool):
            return value & 0xFF
        write(mp_str(value) + "\n")
        return 1

    # --- the running guest, from another thread or the REPL loop -------------------------
    def interrupt(self) -> None:
        """Make running guest code raise KeyboardInterrupt at its next loop iteration."""
        self.interpreter.interrupt()

    def power_off(self) -> None:
        """The board is switched off (its session closes): running guest code stops at its
        next check point, and at every one after, however it handles exceptions (the
        mechanism of a reset, which guest code cannot catch for good either)."""
        board = self.board
        if board is None:
            self.interrupt()
            return
        request = board.pending_reset = BoardResetRequest("power off", "switched off")

        def raise_power_off() -> None:
            raise request
        self.interpreter.runtime.interrupt_cell.cell_contents = raise_power_off

    def take_pending_interrupt(self) -> bool:
        """Clear an interrupt the code did not get to see; True if there was one."""
        return self.interpreter.runtime.take_interrupt()

    def deliver_pending(self) -> None:
        """Guest code is blocked on input: deliver a pending Ctrl-C or reset now."""
        runtime = self.interpreter.runtime
        pending = runtime.interrupt_cell.cell_contents
        if pending is not None and pending is not runtime.idle_check:
            pending()

    def waiting(self):
        """A context for host code that waits (the console's input): the guest's other
        threads run meanwhile, as core1 does while the firmware waits for a key."""
        threads = self.interpreter.runtime.threads
        return threads.outside() if threads is not None else contextlib.nullcontext()

    def report_callback_error(self, exc: BaseException) -> None:
        """A guest callback run outside any program (a timer while the REPL waits) failed:
        its traceback goes to the guest's stdout, as an IRQ handler's error does."""
        if self._guest_stdout is not None:
            self._guest_stdout(self.interpreter.format_exception(exc))

    def unlock_heap(self) -> None:
        """The REPL is about to read a line: a heap left locked is unlocked, as
        pyexec_friendly_repl resets gc_lock_depth before each line ("no way out except a
        reset" otherwise)."""
        release_heap_lock(self.interpreter.context)

    def dupterm(self):
        """The guest's os.dupterm() streams (None before it attaches one)."""
        return self.interpreter.context.extra.get("dupterm")

    def globals_and_builtins(self) -> tuple[dict, dict]:
        """``__main__``'s globals and the builtins (REPL tab completion looks there)."""
        return self.main_namespace(), self.interpreter.runtime.builtins

    # --- lifetime ----------------------------------------------------------------------
    def soft_reset(self) -> None:
        """Start over with a fresh interpreter (new globals, new modules) on the same board;
        its flash, pins and the outside world carry on, as on hardware."""
        board = self.board
        if board is not None:
            board.soft_reset_since_boot = not board.restart_is_hard
            board.restart_is_hard = False
        self._stop_threads()
        self._stop_hardware()
        release_heap_lock(self.interpreter.context)
        if board is not None:
            board.soft_reset()
            _close_flash_files(board)
            board.flash.cwd = "/"
        self.interpreter = self._new_interpreter()
        logs.info("mpt.runtime", "soft reset: a fresh interpreter")

    def close(self) -> None:
        """The program ended: the guest threads still running stop (as the firmware
        cancels them), its timers stop and a heap it left locked is unlocked."""
        self._stop_threads()
        self._stop_hardware()
        release_heap_lock(self.interpreter.context)
        if self.board is not None:
            _close_flash_files(self.board)

    def _stop_hardware(self) -> None:
        hardware = self.interpreter.context.extra.get("board_hardware")
        if hardware is not None:
            hardware.shutdown()

    def _stop_threads(self) -> None:
        threads = self.interpreter.runtime.threads
        if threads is not None:
            threads.shutdown()


def _close_flash_files(board) -> None:
    """A flash that is a file-system image (--flash-image): the files the guest left open are
    closed, as the firmware's soft reset closes them, so their data reaches the image."""
    close_files = getattr(board.flash, "close_files", None)
    if close_files is not None:
        close_files()
