"""Runs REPL input and boot files on mpt's VM: the executor behind a board session.

A soft reset starts a fresh interpreter (new globals, new modules) on the same board; the
board's flash, pins and the outside world (board file schedules) carry on, as on hardware.
"""

from __future__ import annotations


from mpt.errors import CompileError, MptError
from mpt.runtime.board.board import Board, BoardResetRequest
from mpt.runtime.library.heap_model import release_heap_lock
from mpt.runtime.board.repl import Outcome
from mpt.runtime.vm.exceptions import FIXED_ATTR, fix_exception
from mpt.runtime.vm.stack import guest_recursion
from mpt.runtime.vm.interpreter import Interpreter
from mpt.runtime.vm.objects import Module
from mpt.runtime.vm.native import registered_names


class VMExecutor:
    def __init__(self, board: Board):
        self.board = board
        self.session = None
        self.interpreter = None
        self._new_interpreter()

    @property
    def soft_reboot_text(self) -> bytes:
        return self.board.profile.soft_reboot_text

    def attach(self, session) -> None:
        self.session = session

    # --- the interpreter's I/O ---------------------------------------------------------
    def _write(self, text: str) -> None:
        if self.session is not None and self.board.pending_reset is None:
            self.session.write_text(text)

    def _write_raw(self, data: bytes) -> None:
        if self.session is not None and self.board.pending_reset is None:
            self.session.write(data)

    def _read_line(self) -> str | None:
        """input(): the board's line editor (echo, editing keys, history) up to Enter.

        Ctrl-C raises KeyboardInterrupt; Ctrl-D on an empty line is the end of input.
        """
        if self.session is None:
            return None
        editor = self.session.editor
        line = bytearray()
        editor.start(line, b"")
        while True:
            result = editor.process(self.session.rx_chr())
            if result == 0:
                return line.decode("utf-8", "replace") + "\n"
            if result == 3:
                raise KeyboardInterrupt()
            if result == 4:
                return None
            if result > 0:  # Ctrl-A/B/E on an empty line end it, as in the firmware
                return line.decode("utf-8", "replace") + "\n"

    def _new_interpreter(self) -> None:
        self.interpreter = Interpreter(stdout=self._write, stderr=self._write,
                                       stdin=self._read_line, vfs=self.board.flash,
                                       board=self.board, clock=self.board.clock)
        # sys.stdin reads the console's bytes unechoed (input() uses the line editor)
        self.interpreter.context.extra["console_rx"] = lambda: self.session.rx_chr()
        # sys.stdout.buffer sends bytes unchanged; select.poll() sees waiting console input
        self.interpreter.context.extra["console_tx"] = self._write_raw
        self.interpreter.context.extra["stdin_ready"] = lambda: self.session.has_input()
        # os.dupterm_notify() puts the bytes it takes from the streams into the console input
        self.interpreter.context.extra["console_feed"] = lambda data: self.session.feed(data)

    def dupterm(self):
        """The current interpreter's os.dupterm() streams (None before the guest attaches one)."""
        return self.interpreter.context.extra.get("dupterm")

    # --- Executor ------------------------------------------------------------------------
    def soft_reset(self) -> None:
        board = self.board
        board.soft_reset_since_boot = not board.restart_is_hard
        board.restart_is_hard = False
        hardware = self.interpreter.context.extra.get("board_hardware")
        if hardware is not None:
            hardware.shutdown()
        release_heap_lock(self.interpreter.context)
        self.board.soft_reset()
        self.board.flash.cwd = "/"
        self._new_interpreter()

    def interrupt(self) -> None:
        self.interpreter.interrupt()

    def take_pending_interrupt(self) -> bool:
        runtime = self.interpreter.runtime
        cell = runtime.interrupt_cell
        if hasattr(runtime, "interrupt_pending"):
            pending = bool(runtime.interrupt_pending)
            runtime.interrupt_pending = False
            if not getattr(runtime, "scheduled", None):
                cell.cell_contents = None
            return pending
        pending = cell.cell_contents is not None
        cell.cell_contents = None
        return pending

    def idle_timeout(self) -> float | None:
        """Seconds until the next timed event while waiting for input (real time only)."""
        clock = self.board.clock
        if clock.virtual:
            return None
        due = clock.peek_next_due_ns()
        if due is None:
            return 0.5  # look again later: a board-file schedule or a new timer may appear
        return max(0.0, (due - clock.peek_ns()) / 1e9)

    def poll_running(self) -> None:
        """Guest code is blocked on input: deliver a pending Ctrl-C or reset, run due timers."""
        cell = self.interpreter.runtime.interrupt_cell
        pending = cell.cell_contents
        if pending is not None:
            pending()
        if not self.board.clock.virtual:
            self.board.clock.run_due()

    def poll_idle(self) -> None:
        """Run due events and their guest callbacks while the board waits for input."""
        try:
            self.board.clock.run_due()
        except Exception as exc:  # a guest callback failed: shown like any IRQ error
            self._write(self.interpreter.format_exception(exc))
        except BaseException:  # a Ctrl-C meant for code that has finished
            pass

    def has_file(self, path: str) -> bool:
        try:
            return not self.board.flash.stat(path)[0] & 0x4000
        except OSError:
            return False

    def run_file(self, path: str) -> Outcome | None:
        flash = self.board.flash
        try:
            if flash.stat(path)[0] & 0x4000:
                return None
            handle = flash.open(path, "rb")
        except OSError:
            return None
        try:
            data = handle.read()
        finally:
            handle.close()
        return self._run_source(data.decode("utf-8", "replace"), path)

    def execute(self, source: bytes, mode: str) -> Outcome:
        # "single": compiled as MicroPython compiles REPL input (one statement; expression
        # statements print their value through the __repl_print__ builtin)
        text = source.decode("utf-8", "replace")
        return self._run_source(text, "<stdin>", "single" if mode == "single" else "file")

    def complete(self, text: str) -> tuple[str, list[str]]:
        """Tab completion of the `a.b.c` chain ending ``text``: (partial word, candidates).

        Like mp_repl_autocomplete: the first word is looked up in __main__'s globals (not
        the builtins), later words as attributes; after "import " built-in module names.
        """
        start = len(text)
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
            start -= 1
        *path, partial = text[start:].split(".")
        if text.startswith("import "):
            names = set(registered_names())
            # u-prefixed names reach extensible modules by a fallback, not as entries
            names = {n for n in names if not (n.startswith("u") and n[1:] in names)}
        elif not path:
            # as in MicroPython, a bare word completes from __main__'s globals only
            names = set(self._main_namespace())
        else:
            scope = {**self.interpreter.runtime.builtins, **self._main_namespace()}
            if path[0] not in scope:
                return partial, []
            obj = scope[path[0]]
            for name in path[1:]:
                if name.startswith("_"):
                    return partial, []
                try:
                    obj = getattr(obj, name)
                except Exception:
                    return partial, []
            names = set(obj.keys()) if isinstance(obj, dict) else set(dir(obj))
            names = {n for n in names if not n.startswith("_")}
        matches = sorted(n for n in names if n.startswith(partial)
                         and (partial or not n.startswith("_")) and not n.startswith("__"))
        return partial, matches

    # --- running -------------------------------------------------------------------------
    def _main_namespace(self) -> dict:
        rt = self.interpreter.runtime
        module = rt.native_modules.get("__main__")
        if module is None:
            namespace = rt.new_module_namespace("__main__")
            rt.native_modules["__main__"] = Module("__main__", namespace)
            return namespace
        return module.__dict__

    def _run_source(self, text: str, filename: str, input_kind: str = "file") -> Outcome:
        rt = self.interpreter.runtime
        try:
            compiled = rt.compile_source(text, filename, input_kind=input_kind)
        except CompileError as exc:
            return Outcome("exception", exc.traceback_text)
        return run_guarded(self.interpreter, self.board, compiled, self._main_namespace())


def run_guarded(interpreter, board: Board, compiled, namespace: dict) -> Outcome:
    """Run compiled guest code; report how it ended instead of raising.

    SystemExit -> "exit" (``exit_code`` set), a reset request -> "reset" (the board's reset
    cause updated), a guest exception -> "exception" with MicroPython's traceback text.
    """

    rt = interpreter.runtime
    try:
        with guest_recursion():
            rt.exec_compiled(compiled, namespace)
    except BoardResetRequest as request:
        board.pending_reset = board.pending_reset or request
    except SystemExit as exc:
        if board.pending_reset is None:
            return Outcome("exit", exit_value=exc.args[0] if exc.args else None)
    except MptError:
        raise
    except BaseException as exc:
        if board.pending_reset is None:
            exc = fix_exception(exc, rt.guest_oserror)
            if not exc.__dict__.get(FIXED_ATTR) and not isinstance(exc, KeyboardInterrupt):
                return Outcome("exception", f"mpt: internal VM error: {type(exc).__name__}: "
                                            f"{exc}\n")
            return Outcome("exception", interpreter.format_exception(exc),
                           interrupted=isinstance(exc, KeyboardInterrupt))
    request = board.pending_reset
    if request is None:
        return Outcome("ok")
    # the program asked for a reset (even if it caught the request): the run ends as one
    board.pending_reset = None
    board.reset_cause = request.cause
    board.restart_is_hard = True
    cell = getattr(rt, "interrupt_cell", None)
    if cell is not None:
        cell.cell_contents = None
    return Outcome("reset", request.message, reset_cause=request.cause)
