"""An interactive terminal to the board's friendly REPL: keys go to the board, output comes back.

The caller owns the terminal (raw mode) and the output; this module only moves bytes.
"""

from __future__ import annotations

import os
import select
import threading
from typing import Callable

from mpt.errors import ConnectionFailed
from mpt.transport.base import Transport

EXIT_KEY = b"\x1d"  # Ctrl-]


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

    def board_to_user() -> None:
        while not stop.is_set():
            try:
                data = transport.read_some(0.1)
            except ConnectionFailed as exc:
                lost.append(exc)
                stop.set()
                return
            if data:
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
            if reason == "exit":
                break
        if reason == "eof":
            # input ended (a pipe): give the board a moment to answer what it was sent
            stop.wait(1.0)
    finally:
        stop.set()
        reader.join(timeout=1)
    if lost:
        return "lost"
    return reason
