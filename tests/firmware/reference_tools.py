"""Reference tools from a MicroPython checkout, used as oracles when present on the machine."""

import subprocess
import sys
from pathlib import Path

import pytest

from reference_tools import micropython_source

MICROPYTHON_TOOLS = (micropython_source() or Path("micropython-source-not-found")) / "tools"


def tool(name: str) -> Path:
    path = MICROPYTHON_TOOLS / name
    if not path.exists():
        pytest.skip(f"reference tool {name} not available (set MPT_MICROPYTHON_SRC)")
    return path


def run_tool(name: str, *args, cwd=None) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(tool(name)), *map(str, args)], capture_output=True,
                            text=True, cwd=cwd)
    assert result.returncode == 0, result.stderr + result.stdout
    return result
