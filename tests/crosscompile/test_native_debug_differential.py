"""-march=debug against the real mpy-cross 1.29: the same listing on stdout, the same .mpy.

mpy-cross's debug "assembler" prints the native emitter's generic operations instead of encoding
them; the .mpy it writes holds native functions made of their prelude only. With ``-o -`` both go
to stdout, the listing first, so one byte string compares both. The programs are the native
differential test's: its native/viper corpus and error corpus, MicroPython's own
tests/micropython native_*/viper_* programs (with MPT_MICROPYTHON_SRC), and the bytecode corpus
compiled whole as native code (-X emit=native).
"""

import subprocess
import sys
from pathlib import Path

import pytest

from mpt.crosscompile.api import compile_source
from mpt.errors import CompileError, MptError
from mpycross_ref import MICROPYTHON_SRC, needs_micropython_src, needs_mpy_cross, run_mpy_cross

pytestmark = needs_mpy_cross

HERE = Path(__file__).parent
CORPUS = HERE / "native_corpus"
CORPUS_ERRORS = HERE / "native_corpus_errors"
# inline assembler: mpy-cross 1.29 has no debug entry in its inline-assembler table and crashes
PROGRAMS = sorted(p.name for p in CORPUS.glob("*.py") if not p.name.startswith("asm_"))
ERROR_PROGRAMS = sorted(p.name for p in CORPUS_ERRORS.glob("*.py")
                        if not p.name.startswith("asm_"))


def _ours(directory: Path, rel: str, emit: str = "bytecode") -> tuple[int, bytes, bytes]:
    """(exit status, stdout, stderr) as `mpy-cross -march=debug -o - rel` would give them."""
    lines: list[str] = []
    try:
        mpy = compile_source((directory / rel).read_bytes(), rel, march="debug", emit=emit,
                             native_debug_sink=lines.append)
    except CompileError as exc:
        return 1, "".join(lines).encode(), exc.traceback_text.encode()
    return 0, "".join(lines).encode() + mpy, b""


def _compare(directory: Path, rel: str, emit: str = "bytecode") -> str | None:
    proc = run_mpy_cross(["-march=debug", "-X", f"emit={emit}", "-o", "-", rel], cwd=directory)
    if proc.returncode not in (0, 1):
        # mpy-cross aborts (an assertion in its emitter): mpt refuses with a clear error
        try:
            _ours(directory, rel, emit)
        except MptError as exc:
            if "aborts on this code" in str(exc):
                return None
        return f"{rel}: mpy-cross died ({proc.returncode}) but mpt did not refuse"
    if _ours(directory, rel, emit) != (proc.returncode, proc.stdout, proc.stderr):
        return f"{rel} (-X emit={emit}): output differs"
    return None


@pytest.mark.parametrize("program", PROGRAMS)
def test_listing_and_mpy_are_mpy_cross_s(program):
    proc = run_mpy_cross(["-march=debug", "-o", "-", program], cwd=CORPUS)
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"ENTRY(" in proc.stdout  # the corpus really has native functions
    assert _ours(CORPUS, program) == (0, proc.stdout, b"")


@pytest.mark.parametrize("program", ERROR_PROGRAMS)
def test_errors_and_the_listing_before_them_are_mpy_cross_s(program):
    proc = run_mpy_cross(["-march=debug", "-o", "-", program], cwd=CORPUS_ERRORS)
    assert proc.returncode == 1
    assert _ours(CORPUS_ERRORS, program) == (1, proc.stdout, proc.stderr)


def test_listing_goes_to_stdout_and_the_mpy_to_the_file_through_the_cli(tmp_path):
    program = "viper_basics.py"
    ref = run_mpy_cross(["-march=debug", "-o", str(tmp_path / "ref.mpy"), program], cwd=CORPUS)
    ours = subprocess.run([sys.executable, "-m", "mpt", "compile", "-march=debug", "-o",
                           str(tmp_path / "ours.mpy"), program], cwd=CORPUS, capture_output=True)
    assert ref.returncode == ours.returncode == 0
    assert ours.stdout == ref.stdout and ours.stdout.startswith(b"ENTRY(")
    assert (tmp_path / "ours.mpy").read_bytes() == (tmp_path / "ref.mpy").read_bytes()


def test_the_mpy_names_the_debug_architecture_and_holds_no_machine_code():
    from mpt.mpy.mpyfile import read_mpy
    lines: list[str] = []
    module = read_mpy(compile_source((CORPUS / "native_basics.py").read_bytes(), "n.py",
                                     march="debug", native_debug_sink=lines.append))
    assert module.arch == 13
    assert lines.count("EXIT(0)\n") == sum(1 for line in lines if line.startswith("ENTRY("))


def test_inline_assembler_is_refused_where_mpy_cross_crashes():
    proc = run_mpy_cross(["-march=debug", "-o", "-", "asm_thumb_basics.py"], cwd=CORPUS)
    assert proc.returncode not in (0, 1)
    with pytest.raises(MptError, match="crashes on inline assembler"):
        compile_source((CORPUS / "asm_thumb_basics.py").read_bytes(), "a.py", march="debug")


@needs_micropython_src
def test_micropython_native_and_viper_tests():
    tests = MICROPYTHON_SRC / "tests" / "micropython"
    files = sorted(p.name for pattern in ("native_*.py", "viper_*.py")
                   for p in tests.glob(pattern))
    assert len(files) > 40
    assert [m for m in (_compare(tests, rel) for rel in files) if m] == []


@pytest.mark.parametrize("emit", ["native", "viper"])
def test_whole_modules_as_native_and_viper_code(emit):
    corpus = HERE / "corpus"
    files = sorted(p.name for p in corpus.glob("*.py"))
    assert [m for m in (_compare(corpus, rel, emit) for rel in files) if m] == []
