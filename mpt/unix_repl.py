"""The board's REPL on this process's terminal, for `mpt-micropython` without a program or -i.

The REPL is the emulated board's own (mpt.runtime.board.repl: friendly and raw REPL, paste
mode, Ctrl-C, Ctrl-D soft reset), fed from stdin byte by byte, the terminal in raw mode while
it runs. Ctrl-X leaves it (Ctrl-D is the board's soft reset), as does the end of stdin.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

QUIT = 0x18  # Ctrl-X


def terminal_repl(options, prepare: Callable[[object], None],
                  first: tuple[bytes, Callable[[str], object]] | None = None,
                  before_guest: Callable[[object], object] | None = None) -> int:
    """Run the board's REPL until Ctrl-X or the end of stdin; the exit status (0).

    ``prepare(interpreter)`` sets up the REPL's interpreter (sys.path...). ``first`` is a
    program run before the first prompt in the REPL's globals (-i), with where its error
    text goes. ``before_guest(board)`` runs once the board is built, before any guest code
    (the OS boundary).
    """
    from mpt.runtime.board.repl import BoardSession
    from mpt.runtime.board.setup import create_board, finish_board
    from mpt.runtime.board.sigint import sigint_to_guest
    from mpt.runtime.board.vm_executor import VMExecutor

    board = create_board(options)
    if before_guest is not None:
        before_guest(board)
    executor = VMExecutor(board)
    fd_out = sys.stdout.fileno()

    def output(data: bytes) -> None:
        os.write(fd_out, data)

    session = BoardSession(executor, output, banner=board.profile.banner)
    executor.attach(session)
    prepare(executor.interpreter)
    executor.load_compiler()  # before the banner: the first line answers at once
    if first is not None:
        program, error = first
        with sigint_to_guest(lambda: executor.interpreter.runtime):
            outcome = executor.execute(program, "file")
        if outcome.status == "exception":
            error(outcome.error_text)
    fd_in = sys.stdin.fileno()
    restore = _raw_terminal(fd_in)
    try:
        session.start(boot=False)
        while not session.closed:
            # the unix port's stdin (ports/unix/unix_mphal.c mp_hal_stdin_rx_chr) reads a
            # newline as a carriage return, the Enter key of a board's terminal
            data = os.read(fd_in, 256).replace(b"\n", b"\r")
            if not data:
                break
            cut = data.find(bytes([QUIT]))
            if cut >= 0:
                session.feed(data[:cut])
                break
            session.feed(data)
        session.wait_idle(timeout=5.0)
    finally:
        session.close()
        if restore is not None:
            restore()
        finish_board(board, options)
    return 0


def _raw_terminal(fd: int):
    """Put a terminal in raw mode; the function restoring it (None when fd is no terminal)."""
    if not os.isatty(fd):
        return None
    import termios
    import tty

    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    return lambda: termios.tcsetattr(fd, termios.TCSADRAIN, saved)
