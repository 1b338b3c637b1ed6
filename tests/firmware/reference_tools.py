"""Reference tools from a MicroPython checkout, used as oracles when present on the machine."""

import subprocess
import sys
from pathlib import Path

import pytest

from reference_tools import MISSING_SOURCE, micropython_source, source_path

MICROPYTHON_TOOLS = source_path("tools")


def tool(name: str) -> Path:
    if micropython_source() is None:
        pytest.skip(f"{MISSING_SOURCE} (for tools/{name})")
    path = MICROPYTHON_TOOLS / name
    assert path.is_file(), f"MicroPython's source tree has no tools/{name}"
    return path


def run_tool(name: str, *args, cwd=None) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(tool(name)), *map(str, args)], capture_output=True,
                            text=True, cwd=cwd)
    assert result.returncode == 0, result.stderr + result.stdout
    return result
