"""Runs a guest program on a fresh emulated board, as `mpt run --virtual-time` would."""

import textwrap

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions


def run_guest(tmp_path, source, board="rp2", *, board_file=None, virtual_time=True):
    """(exit status, everything the program printed on stdout and stderr)."""
    script = tmp_path / "main_test.py"
    script.write_text(textwrap.dedent(source))
    options = BoardOptions(board=board, flash=tmp_path / ("flash_" + board),
                           virtual_time=virtual_time, board_file=board_file)
    out = []
    status = run_on_board(str(script), [script.name], options, stdout=out.append,
                          stderr=out.append)
    return status, "".join(out)


def guest_output(tmp_path, source, board="rp2", **kwargs):
    """What the program printed; it must have exited normally."""
    status, output = run_guest(tmp_path, source, board, **kwargs)
    assert status == 0, output
    return output
