"""The device REPL's executor on mpt's VM: a board session's console around a guest session.

The REPL (mpt.runtime.board.repl.BoardSession) drives this executor; the guest code itself
runs in a :class:`~mpt.runtime.board.session.GuestSession`, which this class feeds with the
console's I/O. A soft reset starts a fresh interpreter (new globals, new modules) on the same
board; the board's flash, pins and the outside world (board file schedules) carry on, as on
hardware.
"""

from __future__ import annotations

from mpt.runtime.board.board import Board
from mpt.runtime.board.repl import BoardSession, Outcome
from mpt.runtime.board.session import GuestSession
from mpt.runtime.vm.native import registered_names


class VMExecutor:
    def __init__(self, board: Board):
        self.board = board
        self.session: BoardSession | None = None  # the console this executor serves
        # sys.stdin reads the console's bytes unechoed (input() uses the line editor);
        # sys.stdout.buffer sends bytes unchanged; select.poll() sees waiting console input;
        # os.dupterm_notify() puts the bytes it takes from the streams into the console input
        console = {"console_rx": lambda: self._console().rx_chr(),
                   "console_read": lambda size: self._console().rx_bytes(size),
                   "console_tx": self._write_raw,
                   "stdin_ready": lambda: self._console().has_input(),
                   "console_feed": lambda data: self._console().feed(data)}
        self.guest = GuestSession(board, stdout=self._write, stderr=self._write,
                                  stdin=self._read_line, console=console)

    @property
    def interpreter(self):
        """The current interpreter (the REPL reads sys.ps1/ps2 and the interrupt char)."""
        return self.guest.interpreter

    @property
    def soft_reboot_text(self) -> bytes:
        return self.board.profile.soft_reboot_text

    def attach(self, session: BoardSession) -> None:
        self.session = session

    def _console(self) -> BoardSession:
        """The attached session (guest code runs only once one is attached)."""
        if self.session is None:
            raise RuntimeError("the executor has no board session attached")
        return self.session

    # --- the interpreter's I/O ---------------------------------------------------------
    def _write(self, text: str) -> None:
        if self.session is not None:
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

    def dupterm(self):
        """The current interpreter's os.dupterm() streams (None before the guest attaches one)."""
        return self.guest.dupterm()

    # --- Executor ------------------------------------------------------------------------
    def soft_reset(self) -> None:
        self.guest.soft_reset()

    def interrupt(self) -> None:
        self.guest.interrupt()

    def power_off(self) -> None:
        self.guest.power_off()

    def unlock_heap(self) -> None:
        self.guest.unlock_heap()

    def close(self) -> None:
        """The board's session ended: its guest threads and timers stop."""
        self.guest.close()

    def take_pending_interrupt(self) -> bool:
        return self.guest.take_pending_interrupt()

    def interrupt_pending(self) -> bool:
        return self.guest.interpreter.runtime.interrupt_pending

    def idle_timeout(self) -> float | None:
        """Seconds until the next timed event while waiting for input (real time only)."""
        clock = self.board.clock
        if clock.virtual:
            return None
        due = clock.peek_next_due_ns()
        if due is None:
            return 0.5  # look again later: a board-file schedule or a new timer may appear
        return max(0.0, (due - clock.peek_ns()) / 1e9)

    def waiting(self):
        """Waiting for console input: the guest's other threads run meanwhile."""
        return self.guest.waiting()

    def poll_running(self) -> None:
        """Guest code is blocked on input: deliver a pending Ctrl-C or reset, run due timers."""
        self.guest.deliver_pending()
        if not self.board.clock.virtual:
            self.board.clock.run_due()

    def poll_idle(self) -> None:
        """Run due events and their guest callbacks while the board waits for input."""
        try:
            self.board.clock.run_due()
        except Exception as exc:  # a guest callback failed: shown like any IRQ error
            self.guest.report_callback_error(exc)
        except BaseException:  # a Ctrl-C meant for code that has finished
            pass

    def has_file(self, path: str) -> bool:
        return self.guest.has_flash_file(path)

    def run_file(self, path: str) -> Outcome | None:
        return self.guest.run_flash_file(path)

    @property
    def features(self):
        """The firmware's language and library switches (its REPL's keys among them)."""
        return self.board.features

    def load_compiler(self) -> None:
        """Load the compiler now rather than with the first line typed (its modules take a
        few hundred milliseconds to import), so the REPL answers its first line as quickly
        as the next ones, as firmware with the compiler in ROM does."""
        self.guest.interpreter.runtime.compile_source("", "<stdin>", input_kind="file")

    def execute(self, source: bytes, mode: str) -> Outcome:
        # "single": compiled as MicroPython compiles REPL input (one statement; expression
        # statements print their value through the __repl_print__ builtin)
        text = source.decode("utf-8", "replace")
        return self.guest.run_source(text, "<stdin>", "single" if mode == "single" else "file")

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
            names = set(self.guest.main_namespace())
        else:
            namespace, builtins = self.guest.globals_and_builtins()
            scope = {**builtins, **namespace}
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
