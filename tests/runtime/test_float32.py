"""Single-precision floats on the boards whose firmware is built with them.

The rp2, esp32 and stm32 ports set ``MICROPY_FLOAT_IMPL_FLOAT``: floats are IEEE binary32,
every result is rounded to it, and they are parsed and printed by py/formatfloat.c's "approx"
implementation. The programs in programs_float32/ print what a unix build of MicroPython 1.29
with single-precision floats printed (record_extra_expected.py --folder programs_float32, with
MPT_MICROPYTHON_UNIX_FLOAT): NAME.exp run from source (compiled on the board, constants
folded in single precision), NAME.mpy.exp imported as mpy-cross's .mpy (constants folded in
double precision and stored as text, which the firmware reads back in single precision).
The double-precision side is what tests/runtime/programs and programs_extra check.
"""

from __future__ import annotations

import math
import os
import re
import struct
import sys

import pytest

from mpt import float32
from mpt.crosscompile.api import compile_source
from mpt.runtime.board.profiles import PROFILES
from program_runs import drop_in, on_board

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from reference_tools import needs_micropython_source, source_path  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs_float32")
NAMES = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
# one board of each port with single-precision floats
SINGLE_BOARDS = sorted({p.port.name: key for key, p in PROFILES.items()
                        if p.port.features.float_bits == 32}.values())


def expected(name: str, suffix: str = ".exp") -> str:
    with open(os.path.join(PROGRAMS, name[:-3] + suffix), encoding="utf-8") as f:
        return f.read()


def test_the_single_precision_ports():
    assert {PROFILES[b].port.name for b in SINGLE_BOARDS} == {"rp2", "esp32", "pyboard"}


@pytest.mark.parametrize("board", SINGLE_BOARDS)
@pytest.mark.parametrize("name", NAMES)
def test_source_prints_as_the_single_precision_build(name, board, tmp_path):
    assert on_board(board, os.path.join(PROGRAMS, name), str(tmp_path)) == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_mpy_prints_as_the_single_precision_build(name, tmp_path):
    """A .mpy as mpy-cross writes it (mpt's compiler gives the same bytes): its float
    constants are read back in single precision when the module loads."""
    with open(os.path.join(PROGRAMS, name), "rb") as f:
        data = compile_source(f.read(), name)
    mpy = tmp_path / (name[:-3] + ".mpy")
    mpy.write_bytes(data)
    assert on_board("rp2", str(mpy), str(tmp_path / "flash")) == expected(name, ".mpy.exp")


@pytest.mark.parametrize("name", ["float32_folding.py", "float32_convert.py"])
def test_the_drop_in_as_the_unix_float_build(name, tmp_path, monkeypatch):
    """mpt-micropython with MPT_UNIX_FEATURES=unix-float is the reference build itself."""
    monkeypatch.setenv("MPT_UNIX_FEATURES", "unix-float")
    assert drop_in([name], PROGRAMS, str(tmp_path)) == expected(name)


def test_a_double_precision_build_on_the_same_board(tmp_path):
    """The build's features decide: the webassembly port's (double) on an rp2 board."""
    script = tmp_path / "d.py"
    script.write_text("import math\nprint(0.1 + 0.2, 1 / 3, math.pi, float('0.1') * 3)\n")
    out = on_board("rp2", str(script), str(tmp_path / "flash"), features="webassembly")
    assert out == "0.30000000000000004 0.3333333333333333 3.141592653589793 " \
                  "0.30000000000000004\n"
    assert on_board("rp2", str(script), str(tmp_path / "flash")) == "0.3 0.33333334 3.1415928 0.3\n"


@pytest.mark.parametrize("x", [0.1, 1 / 3, 3.4028234663852886e38, 1e-46, 1e-45, -0.0,
                               16777217.0, 16777219.0])
def test_rounding_to_binary32_is_the_c_cast(x):
    expect = struct.unpack("<f", struct.pack("<f", x))[0]
    assert float32.to_f32(x) == expect and math.copysign(1, float32.to_f32(x)) == \
        math.copysign(1, expect)


def test_rounding_beyond_the_range_is_infinite():
    assert float32.to_f32(1e39) == math.inf and float32.to_f32(-1e39) == -math.inf
    assert float32.to_f32(3.4028235677973366e38) == math.inf  # half-way to the next: even
    assert float32.round_value(3.4e38 * 10) == math.inf and float32.round_value(7) == 7
    assert math.isnan(float32.to_f32(math.nan))


@needs_micropython_source
@pytest.mark.parametrize("port", ["rp2", "esp32", "stm32"])
def test_the_ports_build_with_single_precision(port):
    """The feature table follows each port's mpconfigport.h."""
    with open(source_path("ports", port, "mpconfigport.h"), encoding="utf-8") as f:
        text = f.read()
    assert re.search(r"#define MICROPY_FLOAT_IMPL\s+\(MICROPY_FLOAT_IMPL_FLOAT\)", text)
    boards = [p for p in PROFILES.values() if p.port.features.build == port]
    assert boards and all(p.port.features.float_bits == 32 for p in boards)
