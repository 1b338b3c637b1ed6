"""mpremote 1.29's rtc, soft-reset and resume against the emulated board served on TCP."""

import ast
import datetime
import subprocess
import sys
from pathlib import Path

import pytest

MPREMOTE = Path(sys.executable).parent / "mpremote"
pytestmark = pytest.mark.skipif(not MPREMOTE.exists(), reason="mpremote not installed")


@pytest.fixture
def served(tmp_path):
    flash = tmp_path / "flash"
    flash.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--tcp", "0", "--flash", str(flash)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip()
    yield {"url": url, "flash": flash}
    process.terminate()
    process.wait(timeout=10)


def mpremote(served, *args):
    return subprocess.run([str(MPREMOTE), "connect", served["url"], *args], capture_output=True,
                          text=True, timeout=60)


def test_rtc_read_and_set(served):
    result = mpremote(served, "exec", "import machine\n"
                      "machine.RTC().datetime((2001, 2, 3, 5, 4, 5, 6, 0))", "+", "rtc")
    assert result.returncode == 0, result.stderr
    assert ast.literal_eval(result.stdout.strip())[:5] == (2001, 2, 3, 5, 4)
    result = mpremote(served, "rtc", "--set", "+", "rtc")
    assert result.returncode == 0, result.stderr
    now = ast.literal_eval(result.stdout.strip())
    board_time = datetime.datetime(*now[:3], *now[4:7])
    assert abs((board_time - datetime.datetime.now()).total_seconds()) < 30


def test_soft_reset_and_resume(served):
    (served["flash"] / "main.py").write_text("ran_main = True\n")
    result = mpremote(served, "exec", "x = 5", "+", "soft-reset", "+", "eval",
                      "('x' in globals(), 'ran_main' in globals())")
    assert (result.returncode, result.stdout) == (0, "(False, False)\n"), result.stderr
    assert mpremote(served, "exec", "y = 7").returncode == 0
    result = mpremote(served, "resume", "eval", "y")
    assert (result.returncode, result.stdout) == (0, "7\n"), result.stderr
    # without resume mpremote soft-resets first
    result = mpremote(served, "eval", "y")
    assert result.returncode == 1
    assert result.stderr.endswith("NameError: name 'y' isn't defined\n") or \
        result.stdout.endswith("NameError: name 'y' isn't defined\n")
