"""The board's side of a watched Ctrl-C (`mpt emulate --answer-fd`; the watching side is
mpt.transport.emulator_process).

For each Ctrl-C byte that reached the board, one byte goes back on the answer pipe once it
has been dealt with: taken by the guest (its KeyboardInterrupt raised), or plain input (the
REPL waited for a key, or the guest turned Ctrl-C off with micropython.kbd_intr). A guest
stuck in host C code holds the interpreter, so neither the byte nor its answer gets through,
and the watcher ends the process.
"""

from __future__ import annotations

import os
import threading
from typing import Callable

CTRL_C = 0x03
LOOK_AGAIN_S = 0.01  # how often an interrupt still pending is looked at again


class CtrlCAnswers:
    def __init__(self, fd: int, unanswered: Callable[[], bool]):
        """``unanswered()``: whether running guest code has a Ctrl-C it has not taken yet."""
        self._fd = fd
        self._unanswered = unanswered
        self._owed = 0
        self._cond = threading.Condition()
        threading.Thread(target=self._answer, daemon=True, name="mpt-ctrl-c-answers").start()

    def fed(self, data: bytes) -> None:
        """``data`` has just been given to the board (its Ctrl-Cs delivered or queued)."""
        count = data.count(CTRL_C)
        if count:
            with self._cond:
                self._owed += count
                self._cond.notify()

    def _answer(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._owed > 0)
                # the guest takes it at its next check point, a few microseconds away
                while self._unanswered():
                    self._cond.wait(LOOK_AGAIN_S)
                owed, self._owed = self._owed, 0
            try:
                os.write(self._fd, b"!" * owed)
            except OSError:  # the watcher is gone
                return
