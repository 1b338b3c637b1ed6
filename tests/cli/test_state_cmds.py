"""rtc, soft-reset, resume and edit against the emulated board (emu://)."""

import ast
import datetime
import subprocess
import sys

import pytest


@pytest.fixture
def board(tmp_path):
    flash = tmp_path / "flash"
    flash.mkdir()
    return {"url": f"emu://rp2?flash={flash}", "flash": flash, "tmp": tmp_path}


def mpt(board, *args, env=None):
    return subprocess.run([sys.executable, "-m", "mpt", "-p", board["url"], *args],
                          capture_output=True, timeout=120, cwd=board["tmp"], env=env)


def test_rtc_reads_and_sets_the_board_clock(board):
    result = mpt(board, "exec", "import machine; machine.RTC().datetime((2001, 2, 3, 5, 4, 5, 6, 0))",
                 "+", "rtc", "+", "rtc", "--set", "+", "rtc")
    assert result.returncode == 0, result.stderr
    before, after = [ast.literal_eval(line) for line in result.stdout.decode().splitlines()]
    assert before[:5] == (2001, 2, 3, 5, 4) and len(before) == 8
    now = datetime.datetime.now()
    board_time = datetime.datetime(*after[:3], *after[4:7])
    assert abs((board_time - now).total_seconds()) < 30
    assert after[3] == board_time.weekday()


def test_soft_reset_clears_state_and_resume_keeps_it(board):
    (board["flash"] / "boot.py").write_text("booted = True\n")
    (board["flash"] / "main.py").write_text("ran_main = True\n")
    result = mpt(board, "exec", "x = 5", "+", "resume", "+", "exec", "print(x)", "+",
                 "soft-reset", "+", "exec", "print('booted' in globals(), 'ran_main' in globals())",
                 "+", "exec", "print(x)")
    assert result.returncode == 1
    assert result.stdout.decode() == "5\nTrue False\n"
    assert result.stderr.decode().endswith("NameError: name 'x' isn't defined\n")


@pytest.fixture
def editor(tmp_path):
    """An $EDITOR that appends a line, one that saves nothing new, one that fails."""
    def make(name, body):
        script = tmp_path / f"{name}.py"
        script.write_text("import sys\npath = sys.argv[-1]\n" + body)
        return f"{sys.executable} {script}"
    return {"append": make("append", "open(path, 'a').write('print(2)\\n')\n"),
            "same": make("same", "open(path, 'rb').read()\n"),
            "fail": make("fail", "open(path, 'a').write('lost')\nsys.exit(3)\n")}


def test_edit_writes_back_only_a_changed_file(board, editor):
    import os
    (board["flash"] / "main.py").write_bytes(b"print(1)\n")
    env = dict(os.environ, EDITOR=editor["append"])
    env.pop("VISUAL", None)
    result = mpt(board, "edit", ":main.py", ":new.py", env=env)
    assert result.returncode == 0, result.stderr
    assert (board["flash"] / "main.py").read_bytes() == b"print(1)\nprint(2)\n"
    assert (board["flash"] / "new.py").read_bytes() == b"print(2)\n"
    assert sorted(p.name for p in board["flash"].iterdir()) == ["main.py", "new.py"]

    stamp = (board["flash"] / "main.py").stat().st_mtime_ns
    env["EDITOR"] = editor["same"]
    result = mpt(board, "edit", ":main.py", ":absent.py", env=env)
    assert (result.returncode, result.stderr.decode()) == (0, "unchanged :main.py\n"
                                                              "unchanged :absent.py\n")
    assert (board["flash"] / "main.py").stat().st_mtime_ns == stamp
    assert not (board["flash"] / "absent.py").exists()

    env["EDITOR"] = editor["fail"]
    result = mpt(board, "edit", ":main.py", env=env)
    assert result.returncode == 1
    assert result.stderr.decode() == ("mpt: error: the editor exited with status 3; :main.py "
                                      "left unchanged\n")
    assert (board["flash"] / "main.py").read_bytes() == b"print(1)\nprint(2)\n"

    env.pop("EDITOR")
    result = mpt(board, "edit", ":main.py", env=env)
    assert (result.returncode, result.stderr.decode()) == (
        2, "mpt: error: edit needs an editor: set $EDITOR (or $VISUAL)\n")
