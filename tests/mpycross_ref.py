"""Helpers to run the reference tools (the real mpy-cross 1.29, MicroPython's source tree)."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from reference_tools import mpy_cross_binary, needs_micropython_source, source_path

MPY_CROSS = mpy_cross_binary() or Path("mpy-cross-not-installed")
MICROPYTHON_SRC = source_path()

needs_mpy_cross = pytest.mark.skipif(not MPY_CROSS.exists(), reason="mpy-cross 1.29 not found")
needs_micropython_src = needs_micropython_source


def run_mpy_cross(args: list[str], cwd: str | os.PathLike | None = None):
    return subprocess.run([str(MPY_CROSS), *args], cwd=cwd, capture_output=True)


def mpy_cross_compile(source: str | bytes, name: str = "prog.py",
                      args: tuple[str, ...] = ()) -> bytes:
    """Compile ``source`` with the real mpy-cross, run from a temp dir holding ``name``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source.encode() if isinstance(source, str) else source)
        proc = run_mpy_cross([*args, "-o", "out.mpy", name], cwd=tmp)
        if proc.returncode != 0:
            raise AssertionError(f"mpy-cross failed: {proc.stderr.decode()}")
        return Path(tmp, "out.mpy").read_bytes()
