"""`mpt run` on the emulated board: boot it, run boot.py from its flash, then the program.

As on a real board, boot.py runs first (in the same globals as the program) and the program
is skipped when boot.py fails. A reset requested by the program (machine.reset(),
machine.deepsleep(), a watchdog that was not fed) ends the run with a note on stderr:
status 0 when the program asked for it, 1 for a watchdog reset. A Ctrl-C shows the guest's
KeyboardInterrupt traceback and exits with 130. The running and the exit statuses are the
guest session's (mpt.runtime.board.session); this module builds the board around it.
"""

from __future__ import annotations

import os
from functools import partial
from typing import Callable, TextIO

from mpt.runtime.board.session import GuestSession, read_host_file
from mpt.runtime.board.setup import BoardOptions, create_board, finish_board
from mpt.runtime.board.sigint import sigint_to_guest


def _write_text(write: Callable[[str], object], data: bytes) -> None:
    """A UART's output as text on the terminal (`write` is stdout's or stderr's)."""
    write(data.decode("utf-8", "replace"))


def run_on_board(script: str, argv: list[str], options: BoardOptions, *,
                 stdout: Callable[[str], object], stderr: Callable[[str], object],
                 trace_stream: TextIO | None = None,
                 before_guest: Callable[[object], object] | None = None,
                 program: bytes | None = None, name: str | None = None,
                 prepare: Callable[[object, dict], object] | None = None,
                 interrupted_status: int | None = None) -> int:
    """Run ``script`` (a host .py or .mpy file) on a fresh board; returns the exit status.

    ``before_guest(board)`` runs once the board is built, before the guest's first
    instruction: the CLI confines its process there (mpt.runtime.board.confine).
    ``program`` gives the code itself (``script`` then only places it: imports from "" look
    in its folder); ``name`` is the file name tracebacks show (default: the script's base
    name). ``prepare(interpreter, main_globals)`` runs before boot.py, to set up the guest
    (sys.path, __file__...) as a front end such as mpt-micropython needs it.
    A SIGINT (Ctrl-C) raises KeyboardInterrupt in the guest at its next check point
    (mpt.runtime.board.sigint); the run then ends with ``interrupted_status`` (default
    130) unless the guest handles it.
    """
    if program is None:
        program = read_host_file(script)  # before the board exists: a typo creates no flash
    board = create_board(options, trace_stream=trace_stream)
    if before_guest is not None:
        before_guest(board)
    for port in board.uarts():  # UARTs wired to the terminal by the board file
        if port.host_output is not None:
            write = stdout if port.host_output == "stdout" else stderr
            port.tx_listeners.append(partial(_write_text, write))
    session = GuestSession(board, stdout=stdout, stderr=stderr, limit_memory=True,
                           script_dir=os.path.dirname(os.path.abspath(script)))
    session.set_argv(argv)
    if interrupted_status is not None:
        session.interrupted_status = interrupted_status
    try:
        if prepare is not None:
            prepare(session.interpreter, session.main_namespace())
        with sigint_to_guest(lambda: session.interpreter.runtime):
            outcome = session.boot_and_run(program, name or os.path.basename(script))
            status = session.exit_status(outcome)
            session.run_exit_function()
        return status
    finally:
        session.close()
        finish_board(board, options)
