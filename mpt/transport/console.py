"""An interactive terminal to the board's friendly REPL: keys go to the board, output comes back.

The caller owns the terminal (raw mode) and the output; this module only moves bytes.
"""

from __future__ import annotations

import os
import select
import threading
import time
from dataclasses import dataclass
from typing import Callable

from mpt.errors import ConnectionFailed
from mpt.transport.base import Transport

EXIT_KEY = b"\x1d"  # Ctrl-]


# after the input of a piped session ends: how long the board may take to answer it, and
# how long it must stay quiet at a prompt to count as done
EOF_ANSWER_LIMIT = 30.0
EOF_QUIET = 0.5
PROMPTS = (b">>> ", b"... ")


@dataclass
class _Shown:
    tail: bytes  # the last bytes of output shown
    at: float  # when they came (time.monotonic())


def run_console(transport: Transport, input_fd: int, write: Callable[[bytes], None], *,
                exit_key: bytes = EXIT_KEY, translate_newline: bool = False,
                after_output: Callable[[bytes], None] | None = None) -> str:
    """Relay until the exit key, end of input, or a lost connection; return which one.

    `translate_newline` sends Enter as CR (what a board expects) when input comes from a
    pipe or file rather than a terminal in raw mode. `after_output` sees each piece of
    output after it is shown, on the thread that reads the board (it may run code there).
    """
    stop = threading.Event()
    lost: list[Exception] = []
    shown = _Shown(b"", time.monotonic())

    def board_to_user() -> None:
        while not stop.is_set():
            try:
                data = transport.read_some(0.1)
            except ConnectionFailed as exc:
                lost.append(exc)
                stop.set()
                return
            if data:
                shown.tail = (shown.tail + data)[-16:]
                shown.at = time.monotonic()
                write(data)
                if after_output is not None:
                    try:
                        after_output(data)
                    except ConnectionFailed as exc:
                        lost.append(exc)
                        stop.set()
                        return

    reader = threading.Thread(target=board_to_user, daemon=True, name="mpt-console")
    reader.start()
    reason = "eof"
    sent_at = 0.0  # when the last input went to the board
    try:
        while not stop.is_set():
            ready, _, _ = select.select([input_fd], [], [], 0.1)
            if not ready:
                continue
            data = os.read(input_fd, 1024)
            if not data:
                break
            if exit_key in data:
                data = data[:data.index(exit_key)]
                reason = "exit"
            if translate_newline:
                data = data.replace(b"\r\n", b"\r").replace(b"\n", b"\r")
            if data:
                transport.write(data)
                sent_at = time.monotonic()
            if reason == "exit":
                break
        if reason == "eof":
            # input ended (a pipe): the board answers what it was sent (it echoes every
            # line, so output follows the last input), then waits at its prompt; leave once
            # it does, or after a bound for a program that never ends
            deadline = time.monotonic() + EOF_ANSWER_LIMIT
            while not stop.is_set() and time.monotonic() < deadline:
                quiet = time.monotonic() - shown.at
                if (shown.at > sent_at and quiet >= EOF_QUIET
                        and shown.tail.endswith(PROMPTS)):
                    break
                stop.wait(0.05)
    finally:
        stop.set()
        reader.join(timeout=1)
    if lost:
        return "lost"
    return reason
