"""Differential suite: each tests/runtime/programs/*.py run on the emulated board must print
what real MicroPython 1.29 printed (recorded in the .exp file by record_expected.py).

The programs run in this process through the same entry point `mpt run` uses (a fresh board
and interpreter each time), which keeps hundreds of programs fast; the tests at the end run the
real command line for exit statuses and the .mpy path end to end."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from record_expected import cpython_output
from reference_tools import mpy_cross_binary

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
NAMES = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))


def run_mpt(script: str, cwd: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as flash:
        return subprocess.run([sys.executable, "-m", "mpt", "run", "--flash", flash, script],
                              capture_output=True, cwd=cwd, timeout=120)


def run_in_process(script: str) -> str:
    """What `mpt run SCRIPT` prints (stdout then stderr), run in this process, with the
    language features of the build the expected outputs were recorded from (the webassembly
    port's: t-strings and weakref, which the boards' firmware lacks)."""
    out: list[str] = []
    err: list[str] = []
    with tempfile.TemporaryDirectory() as flash:
        run_on_board(script, [os.path.basename(script)], BoardOptions(flash=flash, features="webassembly"),
                     stdout=out.append, stderr=err.append)
    return "".join(out) + "".join(err)


def expected_output(name: str) -> str:
    with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
        return f.read()


@pytest.mark.parametrize("name", NAMES)
def test_program_matches_micropython(name):
    got = run_in_process(os.path.join(PROGRAMS, name))
    assert got.rstrip("\n") == expected_output(name).rstrip("\n")


with open(os.path.join(PROGRAMS, "CPYTHON_SAME"), encoding="utf-8") as _listing:
    CPYTHON_SAME = [line.strip() for line in _listing if line.strip()]


@pytest.mark.parametrize("name", CPYTHON_SAME)
def test_program_matches_cpython_where_micropython_does(name):
    """Where MicroPython behaves like CPython (record_expected.py --cpython-list), `mpt run`
    prints exactly what this CPython prints."""
    got = run_in_process(os.path.join(PROGRAMS, name))
    assert got.rstrip("\n") == cpython_output(name).rstrip("\n")


MPY_CROSS = str(mpy_cross_binary())


@pytest.mark.skipif(mpy_cross_binary() is None, reason="mpy-cross 1.29 binary not available")
@pytest.mark.parametrize("name", NAMES)
def test_mpy_cross_output_runs_the_same(name, tmp_path):
    """Running the real mpy-cross's .mpy of each program prints the same as MicroPython."""
    mpy = tmp_path / (name[:-3] + ".mpy")
    subprocess.run([MPY_CROSS, "-s", name, "-o", str(mpy), os.path.join(PROGRAMS, name)],
                   check=True)
    got = run_in_process(str(mpy))
    assert got.rstrip("\n") == expected_output(name).rstrip("\n")


@pytest.mark.skipif(mpy_cross_binary() is None, reason="mpy-cross 1.29 binary not available")
def test_the_command_line_prints_the_same(tmp_path):
    name = "core_exceptions.py"
    p = run_mpt(name, PROGRAMS)
    assert (p.stdout + p.stderr).decode("utf-8").rstrip("\n") == \
        expected_output(name).rstrip("\n")
    mpy = tmp_path / "prog.mpy"
    subprocess.run([MPY_CROSS, "-s", name, "-o", str(mpy), os.path.join(PROGRAMS, name)],
                   check=True)
    p = run_mpt(str(mpy), str(tmp_path))
    assert (p.stdout + p.stderr).decode("utf-8").rstrip("\n") == \
        expected_output(name).rstrip("\n")


def test_exit_status_of_sys_exit_and_uncaught_exception():
    assert run_mpt("core_exit.py", PROGRAMS).returncode == 3
    p = run_mpt("core_uncaught.py", PROGRAMS)
    assert p.returncode == 1
    assert p.stderr.decode().startswith("Traceback (most recent call last):\n")
    assert p.stdout.decode() == "start\n"


def test_package_imports_from_the_script_folder():
    p = run_mpt("main.py", os.path.join(HERE, "data", "importer"))
    assert p.returncode == 0
    assert p.stdout.decode().splitlines() == [
        "42 8 10 12 yes yes", "NameError name '_hidden' isn't defined", "True __main__"]
