"""A stand-in for the VM, for protocol-only tests of the emulated board over emu://.

It runs simple snippets with host Python so the byte protocol (raw REPL, raw-paste flow
control, Ctrl-C, soft reset) can be exercised through the real BoardSession before/without
the VM. Code under test here never touches files. Ctrl-C sets a flag that the guest code's
line trace turns into KeyboardInterrupt, as the VM checks its interrupt flag between
bytecodes (only in guest frames, never inside mpt's own code).
"""

import sys
import threading
import time

from mpt.runtime.board.repl import Outcome
from mpt.transport.emulated import register_executor


class StandInExecutor:
    def __init__(self, board):
        self.board = board
        self.session = None
        self.frozen = threading.Event()  # set: the "board" hangs in the next execute
        self._thread_id = None
        self._pending_interrupt = False
        self.soft_reset()

    def soft_reset(self):
        self.globals = {"__name__": "__main__", "print": self._print, "time": time}

    def _print(self, *args, sep=" ", end="\n"):
        self.session.write_text(sep.join(str(a) for a in args) + end)

    def interrupt(self):
        self._pending_interrupt = True

    def _trace(self, frame, event, arg):
        if frame.f_code.co_filename != "<stdin>":
            return None

        def on_line(frame, event, arg):
            if self._pending_interrupt:
                self._pending_interrupt = False
                raise KeyboardInterrupt
            return on_line

        return on_line

    def complete(self, text):
        return []

    def run_file(self, name):
        path = self.board.flash.root / name
        if not path.is_file():
            self._pending_interrupt = False  # nothing ran: a Ctrl-C meanwhile is spent
            return None
        return self.execute(path.read_bytes(), "file")

    def execute(self, source, mode):
        if self.frozen.is_set():
            while not self.session.closed:
                time.sleep(0.05)
            return Outcome("ok")
        self._thread_id = threading.get_ident()
        try:
            if self._pending_interrupt:
                raise KeyboardInterrupt
            code = compile(source.decode(), "<stdin>", "single" if mode == "single" else "exec")
            sys.settrace(self._trace)
            try:
                exec(code, self.globals)
            finally:
                sys.settrace(None)
        except SystemExit:
            return Outcome("exit")
        except KeyboardInterrupt:
            return Outcome("exception", "Traceback (most recent call last):\n"
                           '  File "<stdin>", line 1, in <module>\nKeyboardInterrupt: \n')
        except Exception as exc:
            return Outcome("exception", "Traceback (most recent call last):\n"
                           '  File "<stdin>", line 1, in <module>\n'
                           f"{type(exc).__name__}: {exc}\n")
        finally:
            self._thread_id = None
            self._pending_interrupt = False
        return Outcome("ok")


# every stand-in created, newest last, so tests can reach the board they opened
CREATED = []


def _factory(board, options):
    executor = StandInExecutor(board)
    CREATED.append(executor)
    return executor


register_executor("standin", _factory)
