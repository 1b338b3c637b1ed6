"""The device side of the REPL: the firmware's main loop as one board session.

Bytes from the host go in through :meth:`BoardSession.feed`; everything the board prints goes
out through the ``output`` callable. The session runs the firmware loop in its own thread,
blocking for input exactly where the firmware blocks (``mp_hal_stdin_rx_chr``), so the byte
stream matches a real board: friendly REPL with line editing and paste mode, raw REPL,
raw-paste with flow control, Ctrl-C interrupting running code, Ctrl-D soft reset running
boot.py (and main.py in friendly mode).

Guest code runs through an *executor* (see :class:`Executor`): the protocol is tested here
with a stand-in, and the real VM is plugged in by :mod:`mpt.runtime.board.vm_executor`.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from dataclasses import dataclass
from typing import Callable, Protocol

from mpt.runtime.library.dupterm import INTERRUPT, cooked
from mpt.runtime.board.readline import CTRL_A, CTRL_B, CTRL_C, CTRL_D, CTRL_E, LineEditor
from mpt.runtime.vm.stack import THREAD_STACK_BYTES

STDIN_BUFFER_MAX = 256  # MICROPY_REPL_STDIN_BUFFER_MAX: raw-paste window is half of it
PS1 = b">>> "
PS2 = b"... "


@dataclass
class Outcome:
    """How running some code ended."""

    status: str = "ok"          # "ok" | "exception" | "exit" (SystemExit) | "reset"
    error_text: str = ""        # the traceback, as MicroPython prints it, for "exception"
    exit_value: object = None   # the argument of SystemExit, for "exit"
    reset_cause: str = ""       # e.g. "WDT_RESET", for "reset"
    interrupted: bool = False   # the exception was a KeyboardInterrupt
    internal: bool = False      # the "exception" was a failure of the VM, not of the guest


class Executor(Protocol):
    """What the REPL needs from the VM."""

    def execute(self, source: bytes, mode: str) -> Outcome:
        """Compile and run ``source`` ("single": a REPL line, "file": a whole program)."""

    def run_file(self, path: str) -> Outcome | None:
        """Run a file from the flash (boot.py, main.py); None if it does not exist."""

    def has_file(self, path: str) -> bool:
        """Optional: whether ``path`` is a regular file on the flash (looked up before
        run_file, with Ctrl-C still an ordinary input character)."""

    def soft_reset(self) -> None:
        """Start over with a fresh interpreter state."""

    def interrupt(self) -> None:
        """Ask running guest code to raise KeyboardInterrupt (called from another thread)."""

    def take_pending_interrupt(self) -> bool:
        """Optional: clear an interrupt the code did not see; True if there was one."""

    def interrupt_pending(self) -> bool:
        """Optional: whether an interrupt asked for is still waiting for the code to take it."""

    def complete(self, text: str) -> tuple[str, list[str]]:
        """Tab completion: the partial word ending ``text`` and the words it may become."""

    def close(self) -> None:
        """Optional: the session ended (called on the session's thread, last)."""


class SessionStopped(Exception):
    """The session was closed while the firmware loop waited for input."""


DUPTERM_POLL_S = 0.01  # how often waiting for input looks at os.dupterm() streams


class BoardSession:
    def __init__(self, executor: Executor, output: Callable[[bytes], None], *,
                 banner: str, soft_reboot_text: bytes = b"MPY: soft reboot\r\n",
                 on_soft_reset: Callable[[], None] | None = None):
        self.executor = executor
        self._output = output
        self.banner = banner
        # an executor that knows its board's wording (pyboard: "MPY: sync filesystems") wins
        self.soft_reboot_text = getattr(executor, "soft_reboot_text", soft_reboot_text)
        self.on_soft_reset = on_soft_reset
        self.raw_mode = False
        self._input: deque[int] = deque()
        self._cond = threading.Condition()
        self._waiting = False
        self._stopped = False
        self._executing = False
        self._interrupt_enabled = False
        self._thread: threading.Thread | None = None
        self._hard_reset = False  # machine.reset()/watchdog: restart without "soft reboot"
        features = getattr(executor, "features", None)  # the firmware's line-editing keys
        self.editor = LineEditor(
            self.write, getattr(executor, "complete", None),
            words_move=bool(features and features.repl_words_move),
            extra_words_move=bool(features and features.repl_extra_words_move))

    # --- the host side -------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        """Bytes arriving on the board's serial input."""
        with self._cond:
            char = self._interrupt_char() if self._interrupt_enabled else -1
            if char < 0 or char not in data:
                self._input.extend(data)  # (no interrupt char: the bytes as they are)
            else:
                for byte in data:
                    if byte == char:
                        # the UART interrupt handler swallows the char and raises in the VM
                        self._input.clear()
                        self.executor.interrupt()
                    else:
                        self._input.append(byte)
            self._cond.notify_all()

    def start(self, *, boot: bool = True) -> None:
        old_size = threading.stack_size(THREAD_STACK_BYTES)  # room for deep guest recursion
        try:
            self._thread = threading.Thread(target=self._main, args=(boot,), daemon=True,
                                            name="mpt-board")
            self._thread.start()
        finally:
            threading.stack_size(old_size)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until the firmware waits for input and all fed bytes are consumed."""
        with self._cond:
            return self._cond.wait_for(
                lambda: (self._waiting and not self._input) or self._stopped, timeout)

    def close(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._executing:
            # a board switched off: the program stops even if it catches KeyboardInterrupt
            power_off = getattr(self.executor, "power_off", None)
            if power_off is not None:
                power_off()
            else:
                self.executor.interrupt()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)

    @property
    def closed(self) -> bool:
        return self._stopped

    def interrupt_unanswered(self) -> bool:
        """Whether a Ctrl-C asked running guest code to stop and the code has not taken it
        yet (callable from any thread)."""
        pending = getattr(self.executor, "interrupt_pending", None)
        return self._executing and pending is not None and bool(pending())

    # --- the device side -----------------------------------------------------------------
    def write(self, data: bytes) -> None:
        self._output(bytes(data))
        self._dupterm_tx(bytes(data))

    def write_text(self, text: str | bytes) -> None:
        """Guest stdout (print, tracebacks): cooked like a real port's stdout."""
        data = cooked(text)
        self._output(data)
        self._dupterm_tx(data)

    def _dupterm(self):
        """The guest's os.dupterm() streams, when the executor has any attached."""
        slots = getattr(self.executor, "dupterm", None)
        return slots() if slots is not None else None

    def _dupterm_tx(self, data: bytes) -> None:
        slots = self._dupterm()
        if slots is not None and slots.active:
            slots.tx(data)

    def rx_chr(self) -> int:
        """mp_hal_stdin_rx_chr: block until a byte arrives, running due timers meanwhile.

        While guest code waits here (input()), a Ctrl-C raises KeyboardInterrupt in it, as
        the firmware's event poll hook does.
        """
        idle_timeout = getattr(self.executor, "idle_timeout", None)
        poll_idle = getattr(self.executor, "poll_idle", None)
        poll_running = getattr(self.executor, "poll_running", None)
        waiting = getattr(self.executor, "waiting", None)  # the guest's threads run meanwhile
        while True:
            with self._cond:
                if self._input:
                    return self._input.popleft()
                if self._stopped:
                    raise SessionStopped()
                timeout = idle_timeout() if idle_timeout is not None else None
            dupterm = self._dupterm()
            if dupterm is not None and dupterm.active:
                # the firmware polls the dupterm streams each time round its input loop
                c = dupterm.rx()
                if c == INTERRUPT and self._executing:
                    self.executor.interrupt()
                    if poll_running is not None:
                        poll_running()
                    continue
                if c >= 0 or c == INTERRUPT:
                    return 3 if c == INTERRUPT else c
                idle_timeout_s = timeout
                timeout = DUPTERM_POLL_S if timeout is None else min(timeout, DUPTERM_POLL_S)
            else:
                idle_timeout_s = timeout
            with waiting() if waiting is not None else contextlib.nullcontext(), self._cond:
                if self._input:
                    continue
                self._waiting = True
                self._cond.notify_all()
                self._cond.wait(timeout)
                self._waiting = False
                if self._input:
                    continue
                executing = self._executing
            # the lock is released: callbacks may print
            if executing and poll_running is not None:
                poll_running()
            elif idle_timeout_s is not None and poll_idle is not None:
                poll_idle()

    def has_input(self) -> bool:
        """Whether a byte waits on the console input (what select.poll() on stdin sees)."""
        with self._cond:
            return bool(self._input)

    def read_stdin(self, size: int = 1) -> bytes:
        """Guest reads of sys.stdin while code runs."""
        return bytes(self.rx_chr() for _ in range(max(1, size)))

    def rx_bytes(self, size: int) -> bytes:
        """`size` bytes of console input (sys.stdin.buffer.read): what has arrived is taken
        at once, and each wait for more is rx_chr's (timers, dupterm, Ctrl-C)."""
        out = bytearray()
        while len(out) < size:
            with self._cond:
                take = min(size - len(out), len(self._input))
                if take:
                    popleft = self._input.popleft
                    out += bytes(popleft() for _ in range(take))
            if not take:
                out.append(self.rx_chr())
        return bytes(out)

    def _main(self, boot: bool) -> None:
        try:
            first = True
            while True:
                if self._stopped:  # closed while a program ran: no reboot into boot.py
                    raise SessionStopped()
                if not first:
                    if not self._hard_reset:
                        self.write(self.soft_reboot_text)
                    self._hard_reset = False
                    self.executor.soft_reset()
                    if self.on_soft_reset is not None:
                        self.on_soft_reset()
                first = False
                if boot and not self._boot():
                    continue
                boot = True
                while True:
                    if self.raw_mode:
                        result = self.raw_repl()
                    else:
                        result = self.friendly_repl()
                    if result:
                        break
        except SessionStopped:
            pass
        finally:
            with self._cond:
                self._stopped = True
                self._cond.notify_all()
            close = getattr(self.executor, "close", None)
            if close is not None:  # switched off: the board's timers and threads stop
                close()

    def _boot(self) -> bool:
        """Run boot.py then (friendly mode, boot.py ran cleanly) main.py; False to soft-reset."""
        outcome = self._run_file("boot.py")
        if outcome is not None and outcome.status in ("exit", "reset"):
            return False
        if not self.raw_mode and (outcome is None or outcome.status == "ok"):
            outcome = self._run_file("main.py")
            if outcome is not None and outcome.status in ("exit", "reset"):
                return False
        return True

    def _run_file(self, name: str) -> Outcome | None:
        # the firmware stats the file first and enables Ctrl-C only once it runs: a Ctrl-C
        # that arrives while a missing boot.py/main.py is looked for reaches the REPL
        has_file = getattr(self.executor, "has_file", None)
        if has_file is not None and not has_file(name):
            return None
        outcome = self._execute(lambda: self.executor.run_file(name))
        if outcome is not None and outcome.status == "exception":
            self.write_text(outcome.error_text)
        return outcome

    def _prompt(self, name: str, default: bytes) -> bytes:
        """The REPL's prompts come from sys.ps1/sys.ps2, which guest code may change."""
        runtime = getattr(getattr(self.executor, "interpreter", None), "runtime", None)
        sys_module = getattr(runtime, "native_modules", {}).get("sys")
        value = getattr(sys_module, "__dict__", {}).get(name) if sys_module else None
        return value.encode("utf-8") if isinstance(value, str) else default

    def _interrupt_char(self) -> int:
        """The character that interrupts running code: Ctrl-C unless the guest chose another
        with micropython.kbd_intr() (-1: none)."""
        runtime = getattr(getattr(self.executor, "interpreter", None), "runtime", None)
        return getattr(runtime, "interrupt_char", CTRL_C)

    def _execute(self, run: Callable[[], Outcome | None]) -> Outcome | None:
        runtime = getattr(getattr(self.executor, "interpreter", None), "runtime", None)
        if runtime is not None:
            runtime.interrupt_char = CTRL_C  # pyexec sets it before running each input
        with self._cond:
            self._executing = True
            self._interrupt_enabled = True
        outcome = None
        try:
            outcome = run()
        finally:
            with self._cond:
                self._executing = False
                self._interrupt_enabled = False
                # a Ctrl-C the code did not get to see is raised at its end (as the
                # firmware's final pending check does) and never leaks into the next run
                take = getattr(self.executor, "take_pending_interrupt", None)
                if take is not None and take() and outcome is not None \
                        and outcome.status == "ok":
                    outcome = Outcome("exception", "KeyboardInterrupt: \n")
        if outcome is not None and outcome.status == "reset":
            self._hard_reset = True
        return outcome

    def _run_source(self, source: bytes, mode: str, print_eof: bool) -> Outcome:
        outcome = self._execute(lambda: self.executor.execute(source, mode))
        assert outcome is not None  # (execute() always reports how the code ended)
        if print_eof:
            self.write(b"\x04")
        if outcome.status == "exception":
            self.write_text(outcome.error_text)
        if print_eof:
            self.write(b"\x04")
        return outcome

    # --- raw REPL ------------------------------------------------------------------------
    def raw_repl(self) -> bool:
        """pyexec_raw_repl: returns True for a soft reset, False when switching to friendly."""
        self.write(b"raw REPL; CTRL-B to exit\r\n")
        line = bytearray()
        while True:
            line.clear()
            self.write(b">")
            while True:
                c = self.rx_chr()
                if c == CTRL_A:
                    if len(line) == 2 and line[0] == CTRL_E:
                        outcome = self._raw_paste(line[1])
                        if outcome is not None and outcome.status in ("exit", "reset"):
                            return True
                        line.clear()
                        self.write(b">")
                        continue
                    self.write(b"raw REPL; CTRL-B to exit\r\n")
                    line.clear()
                    self.write(b">")
                    continue
                if c == CTRL_B:
                    self.write(b"\r\n")
                    self.raw_mode = False
                    return False
                if c == CTRL_C:
                    line.clear()
                elif c == CTRL_D:
                    break
                else:
                    line.append(c)
            self.write(b"OK")
            if not line:
                self.write(b"\r\n")
                return True
            outcome = self._run_source(bytes(line), "file", print_eof=True)
            if outcome.status in ("exit", "reset"):
                return True

    def _raw_paste(self, command: int) -> Outcome | None:
        if command != ord("A"):
            self.write(b"R\x00")
            return None
        self.write(b"R\x01")
        window = STDIN_BUFFER_MAX // 2
        self.write(bytes([window & 0xFF, window >> 8, 0x01]))
        remain = window
        source = bytearray()
        while True:
            c = self.rx_chr()
            if c in (CTRL_C, CTRL_D):
                self.write(b"\x04")
                if c == CTRL_C:
                    # the reader raises KeyboardInterrupt before anything runs
                    self.write(b"\x04")
                    self.write_text("KeyboardInterrupt: \n")
                    self.write(b"\x04")
                    return Outcome("exception")
                break
            remain -= 1
            if remain == 0:
                self.write(b"\x01")
                remain = window
            source.append(c)
        return self._run_source(bytes(source), "file", print_eof=True)

    # --- friendly REPL -------------------------------------------------------------------
    def friendly_repl(self) -> bool:
        """pyexec_friendly_repl: True for a soft reset, False when switching to raw."""
        self.write(self.banner.encode())
        editor = self.editor
        unlock_heap = getattr(self.executor, "unlock_heap", None)
        while True:
            if unlock_heap is not None:  # input_restart: gc_lock_depth = 0
                unlock_heap()
            line = bytearray()
            editor.start(line, self._prompt("ps1", PS1))
            ret = self._readline()
            mode = "single"
            if ret == CTRL_A:
                self.write(b"\r\n")
                self.raw_mode = True
                return False
            if ret == CTRL_B:
                self.write(b"\r\n")
                self.write(self.banner.encode())
                continue
            if ret == CTRL_C:
                self.write(b"\r\n")
                continue
            if ret == CTRL_D:
                self.write(b"\r\n")
                return True
            if ret == CTRL_E:
                self.write(b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ")
                line = bytearray()
                cancelled = False
                while True:
                    c = self.rx_chr()
                    if c == CTRL_C:
                        self.write(b"\r\n")
                        cancelled = True
                        break
                    if c == CTRL_D:
                        self.write(b"\r\n")
                        break
                    line.append(c)
                    self.write(b"\r\n=== " if c == 0x0D else bytes([c]))
                if cancelled:
                    continue
                mode = "file"
            elif not line:
                continue
            else:
                cancelled = False
                while continue_with_input(bytes(line)):
                    line.append(0x0A)
                    editor.note_newline(self._prompt("ps2", PS2))
                    ret = self._readline()
                    if ret == CTRL_C:
                        self.write(b"\r\n")
                        cancelled = True
                        break
                    if ret == CTRL_D:
                        break
                if cancelled:
                    continue
            outcome = self._run_source(bytes(line), mode, print_eof=False)
            if outcome.status in ("exit", "reset"):
                return True

    def _readline(self) -> int:
        while True:
            ret = self.editor.process(self.rx_chr())
            if ret >= 0:
                return ret


def _starts_with_word(text: bytes, word: bytes) -> bool:
    if not text.startswith(word):
        return False
    rest = text[len(word):len(word) + 1]
    return not rest or not (rest.isalnum() or rest == b"_")


_COMPOUND = (b"if", b"while", b"for", b"try", b"with", b"def", b"class", b"async")


def continue_with_input(text: bytes) -> bool:
    """mp_repl_continue_with_input: does the REPL need another line before running this?"""
    if not text:
        return False
    compound = text[:1] == b"@" or any(_starts_with_word(text, w) for w in _COMPOUND)
    parens = brackets = braces = 0
    quote = None  # b"'", b'"', b"'''", b'"""'
    i = 0
    n = len(text)
    while i < n:
        c = text[i:i + 1]
        if c in (b"'", b'"'):
            triple = c * 3
            if (quote is None or quote == triple) and text[i:i + 3] == triple:
                i += 2
                quote = None if quote == triple else triple
            elif quote is None or quote == c:
                quote = None if quote == c else c
        elif c == b"\\" and text[i + 1:i + 2] in (b"'", b'"', b"\\"):
            if quote is not None:
                i += 1
        elif quote is None:
            if c == b"(":
                parens += 1
            elif c == b")":
                parens -= 1
            elif c == b"[":
                brackets += 1
            elif c == b"]":
                brackets -= 1
            elif c == b"{":
                braces += 1
            elif c == b"}":
                braces -= 1
        i += 1
    if quote in (b"'''", b'"""'):
        return True
    if (parens > 0 or brackets > 0 or braces > 0) and quote is None:
        return True
    if text.endswith(b"\\"):
        return True
    if compound and not text.endswith(b"\n"):
        return True
    return False
