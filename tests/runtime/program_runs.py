"""Running a test program the two ways the recorded-output tests compare: on an emulated
board in this process, and under the mpt-micropython drop-in in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions


def on_board(board: str | None, script: str, flash: str, **options) -> str:
    """What `script` prints (stdout and stderr) on a fresh `board` with this flash folder."""
    out: list[str] = []
    run_on_board(script, [os.path.basename(script)],
                 BoardOptions(board=board, flash=flash, **options),
                 stdout=out.append, stderr=out.append)
    return "".join(out)


def drop_in(args: list[str], cwd: str, flash: str) -> str:
    """What `mpt-micropython ARGS` prints in `cwd`, its flash in `flash`, no MICROPYPATH."""
    env = dict(os.environ, MPT_FLASH=flash)
    env.pop("MICROPYPATH", None)
    p = subprocess.run([sys.executable, "-m", "mpt.unix_cmdline", *args], cwd=cwd,
                       capture_output=True, env=env, timeout=300, stdin=subprocess.DEVNULL)
    return (p.stdout + p.stderr).decode()
