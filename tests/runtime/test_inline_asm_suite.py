"""MicroPython's own inline-assembler tests (tests/inlineasm/thumb, from MPT_MICROPYTHON_SRC)
on the emulated ARM boards, against the .exp files recorded on real hardware.

MicroPython's test runner gives a board the tests its inline assembler can take (its
feature check): every test on the pyboard (armv7emsp: Thumb-2 and the FPU), on the rp2
(armv6m) all but ``asm_thumb2_*`` and ``asm_vfp_*``. Those the rp2's firmware refuses at
compile time, with the SyntaxError its assembler gives for an instruction the core lacks:
that is checked too. Every test in the folder can pass; none is left out.
"""

from __future__ import annotations

import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from reference_tools import MISSING_SOURCE, micropython_source, source_path

FOLDER = ("tests", "inlineasm", "thumb")
NAMES = (sorted(p.name for p in source_path(*FOLDER).glob("*.py"))
         if micropython_source() is not None else [])
needs_source = pytest.mark.skipif(not NAMES, reason=MISSING_SOURCE)


def _needs_armv7m(name: str) -> bool:
    return name.startswith(("asm_thumb2_", "asm_vfp_"))


def run(board: str, name: str, tmp_path) -> str:
    out: list[str] = []
    run_on_board(str(source_path(*FOLDER, name)), [name],
                 BoardOptions(board=board, flash=str(tmp_path / "flash")),
                 stdout=out.append, stderr=out.append)
    return "".join(out)


@needs_source
@pytest.mark.parametrize("name", NAMES or ["(no source)"])
def test_pyboard_passes_micropython_inlineasm_test(name, tmp_path):
    expected = source_path(*FOLDER, name + ".exp").read_text()
    assert run("pyboard", name, tmp_path) == expected


@needs_source
@pytest.mark.parametrize("name", NAMES or ["(no source)"])
def test_rp2_passes_micropython_inlineasm_test(name, tmp_path):
    out = run("rp2", name, tmp_path)
    if _needs_armv7m(name):
        # the Cortex-M0+ firmware's assembler refuses the Thumb-2 and VFP instructions
        assert out.splitlines()[-1].startswith("SyntaxError: unsupported Thumb instruction")
    else:
        assert out == source_path(*FOLDER, name + ".exp").read_text()


@needs_source
def test_the_suite_is_all_there():
    """The tests the boards take: the whole thumb folder (a new test would be run too)."""
    assert len(NAMES) >= 19
    assert sum(not _needs_armv7m(n) for n in NAMES) >= 8
