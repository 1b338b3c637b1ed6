"""Ctrl-C held back while bytes are half-way on or off the line.

A KeyboardInterrupt raised at an arbitrary bytecode can cut a protocol exchange in half:
bytes already read from the port but not yet buffered are lost, a `mpt mount` request taken
out of the stream is never answered (the board waits for it with its own Ctrl-C off), an
answer is half written. Nothing after that can resynchronise the line reliably.

`held()` makes such a section indivisible for SIGINT: a SIGINT arriving inside it only marks
itself, and KeyboardInterrupt is raised as the outermost section ends, where every byte
received is buffered and every request received is answered. The delay is bounded by the
section (a read waits at most Link's WAKE_INTERVAL).

Only the main thread receives KeyboardInterrupt, so elsewhere `held()` does nothing; it also
leaves alone a SIGINT handler someone else installed (a console that forwards Ctrl-C to the
board, `mpt emulate` stopping its loop): only Python's default handler is stood in for.
"""

from __future__ import annotations

import signal
import sys
import threading

# the C module: the `signal` wrappers turn every handler into an enum first (~20x slower)
_handlers = sys.modules.get("_signal", signal)

_depth = 0
_pending = False


def _note_sigint(_signum, _frame) -> None:
    global _pending
    _pending = True


class _Held:
    __slots__ = ("_previous", "_active")

    def __enter__(self) -> None:
        global _depth
        self._active = False
        if threading.current_thread() is not threading.main_thread():
            return
        if _depth:
            _depth += 1
            self._active = True
            return
        previous = _handlers.getsignal(signal.SIGINT)
        if previous is not signal.default_int_handler:
            return
        self._previous = previous
        _handlers.signal(signal.SIGINT, _note_sigint)
        _depth = 1
        self._active = True

    def __exit__(self, *exc_info) -> None:
        global _depth, _pending
        if not self._active:
            return
        _depth -= 1
        if _depth:
            return
        _handlers.signal(signal.SIGINT, self._previous)
        if _pending:
            _pending = False
            raise KeyboardInterrupt


def held() -> _Held:
    """A context in which SIGINT is deferred to the end of the outermost such context."""
    return _Held()
