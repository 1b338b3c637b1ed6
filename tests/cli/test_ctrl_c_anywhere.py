"""Ctrl-C at any moment of a board command: exit 130, at most one line on stderr, no traceback,
and the board usable by the next command.

The command runs in this process (tests/inputs/inproc.py) against a board served by
`mpt emulate --tcp`; a real SIGINT is raised (signal.raise_signal) at the N-th line of mpt's
code the command executes, for N spread over the whole command: parsing the command line,
connecting, entering the raw REPL, sending the code, reading the answers, closing.
"""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import mpt
from mpt.cli import board_session
from mpt.cli.main import main
from tests.inputs.inproc import run_mpt

MPT_CODE = os.path.dirname(mpt.__file__) + os.sep
POINTS = 10  # interrupts per command

pytestmark = pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                                reason="SIGINT reaches the main thread only")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    flash = tmp_path_factory.mktemp("flash")
    (flash / "data.txt").write_text("some data\n" * 200)
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--tcp", "0", "--flash", str(flash)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    yield process.stdout.readline().strip(), flash
    process.stdin.close()
    process.wait(timeout=30)


def run_interrupted(argv: list[str], at_line: int | None) -> tuple[object, int, bool]:
    """Run `mpt ARGV`, raising SIGINT at the `at_line`-th line of mpt code (None: never);
    close the connections as mpt's exit does. Returns the outcome, the lines counted and
    whether the run got that far (so was interrupted)."""
    state = {"count": 0, "armed": False, "raised": False}

    def local(_frame, event, _arg):
        if event == "line" and state["armed"]:
            state["count"] += 1
            if state["count"] == at_line:
                state["raised"] = True
                signal.raise_signal(signal.SIGINT)
        return local

    def calls(frame, _event, _arg):
        if frame.f_code is main.__code__:  # from the command's first line on
            state["armed"] = True
        return local if frame.f_code.co_filename.startswith(MPT_CODE) else None

    sys.settrace(calls)
    try:
        outcome = run_mpt(argv, timeout=60)
    finally:
        sys.settrace(None)
        board_session.close_all()
    return outcome, state["count"], state["raised"]


@pytest.mark.parametrize("command", [
    ["ls", "-l"],
    ["cat", ":data.txt"],
    ["cp", "-q", "{tmp}/big.bin", ":big.bin"],
    ["exec", "for i in range(20):\n    print(i)"],
    ["sync", "{tmp}/project", ":project"],
], ids=["ls", "cat", "cp", "exec", "sync"])
def test_ctrl_c_anywhere_in_a_board_command(served, tmp_path, command):
    url, flash = served
    (tmp_path / "big.bin").write_bytes(os.urandom(30000))
    (tmp_path / "project" / "lib").mkdir(parents=True)
    for name in ("main.py", "lib/a.py", "lib/b.py"):
        (tmp_path / "project" / name).write_text(f"NAME = {name!r}\n" * 100)
    argv = ["-p", url] + [part.replace("{tmp}", str(tmp_path)) for part in command]
    # The first run may do more than the rest (sync uploads what the later runs find in
    # place), so the lines are counted on a second, like the interrupted runs.
    for _ in range(2):
        whole, total, _ = run_interrupted(argv, None)
        assert whole.code == 0, whole.stderr
    interrupted = 0
    for point in range(POINTS):
        at_line = 2 + (total - 2) * point // POINTS  # line 1 is main()'s `try:` itself
        outcome, _, raised = run_interrupted(argv, at_line)
        assert not outcome.traceback and not outcome.hang, (at_line, outcome.traceback)
        assert "Traceback" not in outcome.stderr, (at_line, outcome.stderr)
        # (a run can end before that line: how many lines waiting for the board take
        # varies from run to run)
        if raised:
            interrupted += 1
            assert outcome.code == 130, (at_line, outcome.stderr)
            assert len([line for line in outcome.stderr.splitlines() if line.strip()]) <= 1, \
                (at_line, outcome.stderr)
        usable = run_mpt(["-p", url, "exec", "print(6 * 7)"], timeout=60)
        board_session.close_all()
        assert (usable.code, usable.stdout) == (0, "42\n"), (at_line, usable.stderr)
        assert not any(path.name.endswith(".mpt-tmp") for path in flash.iterdir()), at_line
    assert interrupted >= POINTS // 2
    if command[0] == "cp":
        big = Path(flash / "big.bin").read_bytes()
        assert big == (tmp_path / "big.bin").read_bytes()  # whole, never half-written
