"""`mpt run` on the emulated board: boot it, run boot.py from its flash, then the program.

As on a real board, boot.py runs first (in the same globals as the program) and the program
is skipped when boot.py fails. A reset requested by the program (machine.reset(),
machine.deepsleep(), a watchdog that was not fed) ends the run with a note on stderr:
status 0 when the program asked for it, 1 for a watchdog reset. A Ctrl-C shows the guest's
KeyboardInterrupt traceback and exits with 130.
"""

from __future__ import annotations

import os
from typing import Callable, TextIO

from mpt.errors import EXIT_INTERRUPTED, CompileError, InputFileError
from mpt.runtime.board.board import WDT_RESET
from mpt.runtime.board.setup import BoardOptions, create_board, finish_board
from mpt.runtime.board.vm_executor import run_guarded
from mpt.runtime.library.heap_model import host_memory_limit, release_heap_lock
from mpt.runtime.board.repl import Outcome


def run_on_board(script: str, argv: list[str], options: BoardOptions, *,
                 stdout: Callable[[str], object], stderr: Callable[[str], object],
                 trace_stream: TextIO | None = None, program: bytes | None = None,
                 name: str | None = None,
                 prepare: Callable[[object, dict], object] | None = None) -> int:
    """Run ``script`` (a host .py or .mpy file) on a fresh board; returns the exit status.

    ``program`` gives the code itself (``script`` then only places it: imports from "" look
    in its folder); ``name`` is the file name tracebacks show (default: the script's base
    name). ``prepare(interpreter, main_globals)`` runs before boot.py, to set up the guest
    (sys.path, __file__...) as a front end such as mpt-micropython needs it.
    """
    from mpt.runtime.vm.interpreter import Interpreter

    if program is None:
        try:
            with open(script, "rb") as handle:
                program = handle.read()
        except OSError as exc:
            raise InputFileError(f"cannot read {script}: {exc.strerror or exc}") from None
    board = create_board(options, trace_stream=trace_stream)

    def until_reset(write):
        """Nothing a program does after asking for a reset reaches the terminal."""
        def guarded(text):
            if board.pending_reset is None:
                write(text)
        return guarded

    for port in board.uarts():
        if port.host_output is not None:
            write = stdout if port.host_output == "stdout" else stderr
            port.tx_listeners.append(lambda data, write=write: write(
                data.decode("utf-8", "replace")))
    interpreter = Interpreter(stdout=until_reset(stdout), stderr=until_reset(stderr),
                              vfs=board.flash, board=board,
                              clock=board.clock,
                              script_dir=os.path.dirname(os.path.abspath(script)))
    interpreter.argv = list(argv)
    namespace = _main_namespace(interpreter)
    if name is None:
        name = os.path.basename(script)
    try:
        if prepare is not None:
            prepare(interpreter, namespace)
        outcome = _run_boot_file(interpreter, board, namespace)
        if outcome is None or outcome.status == "ok":
            if name.endswith(".mpy"):
                from mpt.mpy.mpyfile import read_mpy
                compiled = read_mpy(program)
            else:
                compiled = _compile(interpreter, program.decode("utf-8", "replace"), name)
            if isinstance(compiled, Outcome):
                outcome = compiled
            else:
                with host_memory_limit():  # a runaway allocation is the guest's MemoryError
                    outcome = run_guarded(interpreter, board, compiled, namespace)
        return _status(outcome, stderr)
    finally:
        release_heap_lock(interpreter.context)
        finish_board(board, options)


def _main_namespace(interpreter) -> dict:
    from mpt.runtime.vm.objects import Module

    rt = interpreter.runtime
    namespace = rt.new_module_namespace("__main__")
    rt.native_modules["__main__"] = Module("__main__", namespace)
    return namespace


def _compile(interpreter, text: str, filename: str):
    try:
        return interpreter.runtime.compile_source(text, filename)
    except CompileError as exc:
        return Outcome("exception", exc.traceback_text)


def _run_boot_file(interpreter, board, namespace) -> Outcome | None:
    try:
        handle = board.flash.open("/boot.py", "rb")
    except OSError:
        return None
    try:
        source = handle.read().decode("utf-8", "replace")
    finally:
        handle.close()
    compiled = _compile(interpreter, source, "boot.py")
    if isinstance(compiled, Outcome):
        return compiled
    return run_guarded(interpreter, board, compiled, namespace)


def _status(outcome: Outcome, stderr: Callable[[str], object]) -> int:
    from mpt.runtime.vm.objects import mp_str

    if outcome.status == "ok":
        return 0
    if outcome.status == "exception":
        stderr(outcome.error_text)
        return EXIT_INTERRUPTED if outcome.interrupted else 1
    if outcome.status == "reset":
        stderr(f"MPY: board reset ({outcome.reset_cause}): {outcome.error_text}\n")
        return 1 if outcome.reset_cause == WDT_RESET else 0
    value = outcome.exit_value
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        return value & 0xFF
    stderr(mp_str(value) + "\n")
    return 1
