"""Differential suite: each tests/runtime/programs/*.py run with `mpt run` must print what
real MicroPython 1.29 printed (recorded in the .exp file by record_expected.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from reference_tools import mpy_cross_binary

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
NAMES = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))


def run_mpt(script: str, cwd: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as flash:
        return subprocess.run([sys.executable, "-m", "mpt", "run", "--flash", flash, script],
                              capture_output=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize("name", NAMES)
def test_program_matches_micropython(name):
    with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
        expected = f.read()
    p = run_mpt(name, PROGRAMS)
    got = (p.stdout + p.stderr).decode("utf-8")
    assert got.rstrip("\n") == expected.rstrip("\n")


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


MPY_CROSS = str(mpy_cross_binary())


@pytest.mark.skipif(mpy_cross_binary() is None, reason="mpy-cross 1.29 binary not available")
@pytest.mark.parametrize("name", NAMES)
def test_mpy_cross_output_runs_the_same(name, tmp_path):
    """`mpt run file.mpy` on the real mpy-cross's output prints the same as MicroPython."""
    with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
        expected = f.read()
    mpy = tmp_path / (name[:-3] + ".mpy")
    subprocess.run([MPY_CROSS, "-s", name, "-o", str(mpy), os.path.join(PROGRAMS, name)],
                   check=True)
    p = run_mpt(str(mpy), str(tmp_path))
    got = (p.stdout + p.stderr).decode("utf-8")
    assert got.rstrip("\n") == expected.rstrip("\n")
