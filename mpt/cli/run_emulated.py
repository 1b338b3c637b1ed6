"""The body of `mpt run` on the emulated board, without click: `mpt run SCRIPT` with no options
is dispatched here directly (see mpt.cli.main), the click command calls it too."""

from __future__ import annotations

import os
import sys


def run_emulated(script: str, args: tuple[str, ...] | list[str], *, board: str | None = None,
                 flash: str | None = None, virtual_time: bool = False, trace: bool = False,
                 vcd: str | None = None, board_file: str | None = None,
                 romfs_size: int | None = None, romfs: str | None = None,
                 net: bool = False, flash_image: str | None = None) -> None:
    """Run SCRIPT on a fresh emulated board and exit (SystemExit) with the program's status."""
    from mpt.runtime.board.run import run_on_board
    from mpt.runtime.board.setup import BoardOptions

    out = sys.stdout
    if hasattr(out, "reconfigure"):
        # MicroPython strs may hold lone surrogates (json "\\ud83d"); a board prints their bytes
        out.reconfigure(errors="surrogatepass")

    def write_lines(text: str) -> None:
        # a board's output arrives as it is printed, even through a pipe
        try:
            out.write(text)
            if "\n" in text:
                out.flush()
        except BrokenPipeError:  # the reader went away (| head): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
            raise SystemExit(0) from None

    if vcd is not None:
        from mpt.cli.output_paths import check_writable

        check_writable(vcd, "--vcd")   # before the program runs, not after
    options = BoardOptions(board=board, flash=flash, virtual_time=virtual_time, trace=trace,
                           vcd=vcd, board_file=board_file, romfs_size=romfs_size,
                           romfs_image=romfs, net=net, flash_image=flash_image)
    try:
        status = run_on_board(script, [script, *args], options, stdout=write_lines,
                              stderr=sys.stderr.write, trace_stream=sys.stderr,
                              before_guest=lambda board: _confine(board, script, vcd))
    finally:
        out.flush()
    sys.exit(status)


def _confine(board, script: str, vcd: str | None) -> None:
    """The OS boundary around the guest (issue 9): see mpt.runtime.board.confine."""
    from mpt.cli.output_paths import created_outputs
    from mpt.runtime.board.confine import confine_board_process

    confine_board_process(board, program_dir=os.path.dirname(os.path.abspath(script)),
                          writable=created_outputs(vcd), supervised=True)
