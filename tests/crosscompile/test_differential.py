"""THE differential suite: mpt's whole compile pipeline against the real mpy-cross 1.29.

Every program in corpus/ is compiled by both under each option set and must give identical
bytes. Every program in corpus_errors/ must give the identical error text (and exit code, when
run through the CLI). mpy-cross runs from the corpus directory with the file's relative name,
exactly as a user would run it.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from mpt.crosscompile.api import compile_source
from mpt.errors import CompileError
from mpt.mpy.disasm import disassemble_mpy
from mpycross_ref import MICROPYTHON_SRC, needs_micropython_src, needs_mpy_cross, run_mpy_cross

pytestmark = needs_mpy_cross

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
CORPUS_ERRORS = HERE / "corpus_errors"
PROGRAMS = sorted(p.name for p in CORPUS.glob("*.py"))
ERROR_PROGRAMS = sorted(p.name for p in CORPUS_ERRORS.glob("*.py"))

# name -> (mpy-cross arguments, compile_source keyword arguments)
OPTION_SETS = {
    "default": ([], {}),
    "O1": (["-O1"], {"opt_level": 1}),
    "O2": (["-O2"], {"opt_level": 2}),
    "O3": (["-O3"], {"opt_level": 3}),
    "no-source-lines": (["-X", "no-source-lines"], {"emit_source_lines": False}),
    "small-int-8": (["-msmall-int-bits=8"], {"small_int_bits": 8}),
    "small-int-15": (["-msmall-int-bits=15"], {"small_int_bits": 15}),
    "small-int-31": (["-msmall-int-bits=31"], {"small_int_bits": 31}),
    "small-int-63": (["-msmall-int-bits=63"], {"small_int_bits": 63}),
    "source-name": (["-s", "lib/renamed.py"], {"source_name": "lib/renamed.py"}),
    "march-x64": (["-march=x64"], {"march": "x64"}),
}


def _explain(ours: bytes, theirs: bytes) -> str:
    """The first differing line of the two disassemblies, to make a failure readable."""
    try:
        a, b = disassemble_mpy(ours).splitlines(), disassemble_mpy(theirs).splitlines()
    except Exception as exc:  # a malformed file is itself the explanation
        return f"cannot disassemble: {exc}"
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"first difference at dump line {i}:\n  mpt:       {x}\n  mpy-cross: {y}"
    return f"dumps differ in length ({len(a)} vs {len(b)} lines)"


@pytest.mark.parametrize("option_set", list(OPTION_SETS))
@pytest.mark.parametrize("program", PROGRAMS)
def test_identical_bytes(program, option_set):
    args, options = OPTION_SETS[option_set]
    proc = run_mpy_cross([*args, "-o", "-", program], cwd=CORPUS)
    assert proc.returncode == 0, proc.stderr.decode()
    ours = compile_source((CORPUS / program).read_bytes(), program, **options)
    assert ours == proc.stdout, _explain(ours, proc.stdout)


@pytest.mark.parametrize("program", ERROR_PROGRAMS)
def test_identical_error_text(program):
    proc = run_mpy_cross(["-o", "-", program], cwd=CORPUS_ERRORS)
    assert proc.returncode == 1 and proc.stdout == b""
    with pytest.raises(CompileError) as info:
        compile_source((CORPUS_ERRORS / program).read_bytes(), program)
    assert info.value.traceback_text == proc.stderr.decode()


@pytest.mark.parametrize("program", ERROR_PROGRAMS[:5])
def test_identical_error_through_the_cli(program, tmp_path):
    ref = run_mpy_cross(["-o", str(tmp_path / "ref.mpy"), program], cwd=CORPUS_ERRORS)
    ours = subprocess.run(
        [sys.executable, "-m", "mpt", "compile", "-o", str(tmp_path / "ours.mpy"), program],
        cwd=CORPUS_ERRORS, capture_output=True)
    assert (ours.returncode, ours.stdout, ours.stderr) == (ref.returncode, b"", ref.stderr)
    assert not (tmp_path / "ours.mpy").exists()


def test_corpus_is_not_trivial():
    assert len(PROGRAMS) >= 8
    assert len(ERROR_PROGRAMS) >= 20


@pytest.mark.slow
@needs_micropython_src
def test_micropython_own_test_suite_is_identical():
    """~1000 programs from MicroPython's tests/ (read from the local checkout, not committed):
    identical bytes when mpy-cross compiles them, identical traceback when it refuses."""
    tests = MICROPYTHON_SRC / "tests"
    files = sorted(str(p.relative_to(tests)) for sub in
                   ("basics", "float", "micropython", "misc", "stress", "extmod")
                   for p in (tests / sub).glob("*.py"))
    assert len(files) > 500
    mismatches = []
    for rel in files:
        proc = run_mpy_cross(["-o", "-", rel], cwd=tests)
        source = (tests / rel).read_bytes()
        try:
            ours, error = compile_source(source, rel), None
        except CompileError as exc:
            ours, error = None, exc.traceback_text
        if proc.returncode == 0 and ours != proc.stdout:
            mismatches.append(f"{rel}: bytes differ ({error or _explain(ours, proc.stdout)})")
        elif proc.returncode != 0 and error != proc.stderr.decode():
            mismatches.append(f"{rel}: error differs: {error!r} vs {proc.stderr.decode()!r}")
    assert mismatches == []
