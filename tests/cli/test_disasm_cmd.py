"""`mpt disasm` output on committed .mpy files made by the real mpy-cross from data/disasm/*.py."""

import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "disasm"
CASES = sorted(p.stem for p in DATA.glob("*.mpy"))


def _mpt(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True, text=True,
                          cwd=cwd)


@pytest.mark.parametrize("case", CASES)
def test_disasm_output_matches_golden(case):
    proc = _mpt("disasm", str(DATA / f"{case}.mpy"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (DATA / f"{case}.txt").read_text()


def test_golden_files_cover_bytecode_and_native():
    assert {"constants", "control_flow", "native"} <= set(CASES)


def test_missing_file_is_a_usage_error(tmp_path):
    proc = _mpt("disasm", str(tmp_path / "nope.mpy"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("mpt: error: cannot read")


def test_non_mpy_input_fails_cleanly(tmp_path):
    path = tmp_path / "x.mpy"
    path.write_text("print(1)\n")
    proc = _mpt("disasm", str(path))
    assert proc.returncode == 1
    assert proc.stderr == "mpt: error: not a .mpy file (bad magic)\n"
    assert proc.stdout == ""


def test_bytes_option_shows_each_instruction_encoding():
    plain = _mpt("disasm", str(DATA / "control_flow.mpy")).stdout.splitlines()
    with_bytes = _mpt("disasm", "--bytes", str(DATA / "control_flow.mpy")).stdout.splitlines()
    assert len(plain) == len(with_bytes)
    # "0006  FOR_ITER -> 0041" is encoded as 4b (opcode) and 0x21 (33 bytes forward from 8).
    assert any(line.split()[:4] == ["0006", "4b:21", "FOR_ITER", "->"] for line in with_bytes)
