"""Whole-file comparison with the real mpy-cross 1.29 over MicroPython's own test programs
(read from the reference source checkout on this machine, never copied into the repo).

Every file must give the same .mpy bytes, or the same error traceback, through mpt's parser,
compiler and writer as through mpy-cross.
"""

from __future__ import annotations


import pytest

from reference_tools import needs_micropython_source, source_path

from tests.crosscompile.frontend_ref import mpt_result, reference

TESTS_DIR = source_path("tests")
DIRECTORIES = ["basics", "micropython", "float", "misc", "import", "extmod", "stress",
               "cmdline", "io", "unicode", "cpydiff", "inlineasm", "thread", "perf_bench"]


@pytest.mark.slow
@needs_micropython_source
@pytest.mark.parametrize("directory", DIRECTORIES)
def test_micropython_test_programs_compile_like_mpy_cross(tmp_path, directory):
    files = sorted((TESTS_DIR / directory).rglob("*.py"))
    mismatches = []
    for path in files:
        source = path.read_bytes()
        if mpt_result(source) != reference(tmp_path, source):
            mismatches.append(path.name)
    assert not mismatches, mismatches
