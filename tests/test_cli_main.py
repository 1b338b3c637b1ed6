import subprocess
import sys

import mpt


def run_mpt(*args):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True, text=True)


def test_version():
    result = run_mpt("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"mpt {mpt.__version__}"


def test_help_lists_usage():
    result = run_mpt("--help")
    assert result.returncode == 0
    assert "Usage: mpt" in result.stdout


def test_unknown_command_is_one_line_usage_error():
    result = run_mpt("no-such-command")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("mpt: error: ")
    assert "Traceback" not in result.stderr
