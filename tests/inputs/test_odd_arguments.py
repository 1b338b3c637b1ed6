"""Odd arguments to the file commands and to `mpt run` (issue 15): one error line and a
documented exit code, or what the user asked for; never a traceback or a walk of the whole disk."""

from __future__ import annotations

import os

import pytest

from mpt.fs import sync
from tests.inputs.inproc import run_mpt


def one_error(outcome, code: int) -> str:
    assert not outcome.traceback and not outcome.hang, outcome.traceback
    assert outcome.code == code, outcome
    assert len(outcome.error_lines) == 1 and outcome.stderr.endswith("\n"), outcome.stderr
    return outcome.error_lines[0]


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MPT_PORT", raising=False)
    return tmp_path


@pytest.mark.parametrize("argv", [["sync", "/"], ["sync", "/", ":"], ["cp", "-r", "/", ":x"]])
def test_the_root_folder_is_refused_as_too_much_for_a_board(work, argv):
    line = one_error(run_mpt(["-p", "emu", *argv], timeout=60), 2)
    assert line == ("mpt: error: /: too much for a board (over 10000 files or 16 MiB); "
                    "is it the folder you meant?")


def test_the_bound_counts_files(work, monkeypatch):
    monkeypatch.setattr(sync, "TREE_FILES", 3)
    (work / "src").mkdir()
    for name in "abcd":
        (work / "src" / f"{name}.py").write_text("x = 1\n")
    line = one_error(run_mpt(["-p", "emu", "sync", "src", ":"]), 2)
    assert line.startswith("mpt: error: src: too much for a board (over 3 files")
    (work / "src" / "d.py").unlink()
    assert run_mpt(["-p", "emu", "sync", "src", ":"]).code == 0


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_loop_in_a_copied_folder_is_not_followed(work):
    (work / "tree" / "sub").mkdir(parents=True)
    (work / "tree" / "sub" / "a.py").write_text("a = 1\n")
    os.symlink("..", work / "tree" / "sub" / "loop")
    os.mkfifo(work / "tree" / "pipe") if hasattr(os, "mkfifo") else None
    for argv in (["cp", "-r", "tree", ":t"], ["sync", "tree", ":s"]):
        outcome = run_mpt(["-p", "emu", *argv], timeout=60)
        assert outcome.code == 0 and not outcome.traceback, outcome
    listing = run_mpt(["-p", "emu", "ls", "-r", ":t"]).stdout + \
        run_mpt(["-p", "emu", "ls", "-r", ":s"]).stdout
    assert "loop/sub" not in listing and "pipe" not in listing
    assert listing.count("a.py") == 2


def test_run_after_double_dash_takes_a_file_named_like_an_option(work):
    (work / "-x").write_text("print('ran -x')\n")
    outcome = run_mpt(["run", "--", "-x"])
    assert outcome.code == 0 and outcome.stdout == "ran -x\n", outcome
    line = one_error(run_mpt(["run", "--", "--bord"]), 2)
    assert line == "mpt: error: cannot read --bord: No such file or directory"
    # without `--` a mistyped option is still reported as one
    line = one_error(run_mpt(["run", "--bord", "-x"]), 2)
    assert line.startswith("mpt: error: No such option '--bord'")
