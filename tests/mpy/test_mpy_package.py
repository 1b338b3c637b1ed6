"""The .mpy layer type-checks strictly (its layering is checked in tests/test_layering.py)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mpy_package_passes_mypy(tmp_path):
    # the settings ([tool.mypy] in pyproject.toml) select mpt/mpy and strict mode
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
