"""The lint gate: ruff (the rule set in pyproject.toml) finds nothing in the repository.

The type gate is tests/mpy/test_mpy_package.py (mypy, with the settings of pyproject.toml's
[tool.mypy]).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _ruff() -> list[str] | None:
    try:
        import ruff  # noqa: F401 - only to know it is installed
    except ImportError:
        return [shutil.which("ruff")] if shutil.which("ruff") else None
    return [sys.executable, "-m", "ruff"]


def test_ruff_finds_nothing():
    ruff = _ruff()
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the test extras: pip install -e '.[test]')")
    proc = subprocess.run(ruff + ["check", "--no-cache", "."], cwd=REPO, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
