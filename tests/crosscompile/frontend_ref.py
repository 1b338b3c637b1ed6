"""Shared helpers for the front-end tests: run the real mpy-cross 1.29 and mpt's pipeline on
the same source and compare what a user sees (the .mpy bytes, or the error traceback)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reference_tools import mpy_cross_binary

from mpt.crosscompile.parser import parse
from mpt.errors import CompileError

MPY_CROSS = str(mpy_cross_binary())


def reference(tmp_path: Path, source: bytes, name: str = "prog.py", args=()):
    """(mpy bytes, None) or (None, stderr text) from the real mpy-cross, run in ``tmp_path``
    on the relative file name ``name``."""
    (tmp_path / name).write_bytes(source)
    out = tmp_path / "out.mpy"
    if out.exists():
        out.unlink()
    proc = subprocess.run([MPY_CROSS, *args, "-o", str(out), name], capture_output=True,
                          cwd=tmp_path)
    if proc.returncode != 0:
        return None, proc.stderr.decode("utf-8", "replace")
    return out.read_bytes(), None


def reference_error(tmp_path: Path, source: bytes, name: str = "prog.py", args=()):
    """The traceback text mpy-cross prints for ``source``, or None if it compiles."""
    return reference(tmp_path, source, name, args)[1]


def mpt_error(source: bytes, name: str = "prog.py", **options):
    """The traceback text of mpt's parser for ``source``, or None if it parses."""
    try:
        parse(source, name, **options)
    except CompileError as exc:
        return exc.traceback_text
    return None


def mpt_mpy(source: bytes, name: str = "prog.py", opt_level: int = 0,
            small_int_bits: int = 31) -> bytes:
    """mpt's whole pipeline: parse, compile (back end), write the .mpy."""
    from mpt.crosscompile.compiler import compile_module
    from mpt.mpy.mpyfile import write_mpy

    tree = parse(source, name, opt_level=opt_level, small_int_bits=small_int_bits)
    return write_mpy(compile_module(tree, name, opt_level=opt_level,
                                    small_int_bits=small_int_bits))


def mpt_result(source: bytes, name: str = "prog.py", **options):
    """(mpy bytes, None) or (None, traceback text) from mpt's whole pipeline."""
    try:
        return mpt_mpy(source, name, **options), None
    except CompileError as exc:
        return None, exc.traceback_text
