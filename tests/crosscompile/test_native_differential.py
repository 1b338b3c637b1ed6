"""Native code (``-march=...``) against the real mpy-cross 1.29: identical bytes, identical errors.

The corpus programs in native_corpus/ exercise the native and viper emitters feature by feature;
native_corpus_errors/ holds programs mpy-cross refuses (viper type errors, unsupported
constructs, an inline assembler the architecture does not have). MicroPython's own
tests/micropython/native_*.py and viper_*.py are compiled too when its source is available
(MPT_MICROPYTHON_SRC). Each architecture mpt emits is checked on all of them.
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
PROGRAMS = sorted(p.name for p in CORPUS.glob("*.py"))
ERROR_PROGRAMS = sorted(p.name for p in CORPUS_ERRORS.glob("*.py"))

# the architectures mpt emits machine code for
NATIVE_ARCHS = ["x86", "x64", "armv6", "armv6m", "armv7m", "armv7em", "armv7emsp", "armv7emdp", "xtensa",
                "xtensawin", "rv32imc"]
THUMB_ARCHS = ["armv6m", "armv7m", "armv7em", "armv7emsp", "armv7emdp"]
# architectures whose inline assembler is asm_thumb (armv6 code is ARM, its inline asm Thumb)
INLINE_THUMB_ARCHS = ["armv6", *THUMB_ARCHS]
XTENSA_ARCHS = ["xtensa", "xtensawin"]
# corpus programs with inline assembler compile only for their architectures
PROGRAM_CASES = [(program, march) for program in PROGRAMS for march in NATIVE_ARCHS
                 if not program.startswith("asm_")
                 or (program.startswith("asm_thumb") and march in INLINE_THUMB_ARCHS)
                 or (program.startswith("asm_xtensa") and march in XTENSA_ARCHS)
                 or (program.startswith("asm_rv32") and march == "rv32imc")]
# error programs that are errors on some architectures only
# (asm_* programs go to the architecture's own inline assembler, whatever the decorator says;
# x86/x64 have none)
ARCH_SPECIFIC_ERRORS = {"asm_thumb_on_x86_x64.py": {"x86", "x64"}}
ERROR_CASES = [(program, march) for program in ERROR_PROGRAMS for march in NATIVE_ARCHS
               if march in ARCH_SPECIFIC_ERRORS.get(program, NATIVE_ARCHS)]


def _compare(directory: Path, rel: str, march: str, emit: str = "bytecode",
             flags: str | None = None) -> str | None:
    """None when mpt and mpy-cross agree on ``rel``, else a description of the difference."""
    extra = [f"-march-flags={flags}"] if flags else []
    proc = run_mpy_cross([f"-march={march}", *extra, "-X", f"emit={emit}", "-o", "-", rel],
                         cwd=directory)
    arch_flags = {None: 0, "zba": 1, "zcmp": 2, "zba,zcmp": 3}[flags]
    try:
        ours, error = compile_source((directory / rel).read_bytes(), rel, march=march,
                                     emit=emit, arch_flags=arch_flags), None
    except CompileError as exc:
        ours, error = None, exc.traceback_text
    if proc.returncode == 0:
        if ours != proc.stdout:
            return f"{rel} -march={march}: " + (error or "bytes differ")
    elif error != proc.stderr.decode():
        return f"{rel} -march={march}: error {error!r} vs mpy-cross {proc.stderr.decode()!r}"
    return None


@pytest.mark.parametrize("program, march", PROGRAM_CASES)
def test_identical_native_bytes(program, march):
    proc = run_mpy_cross([f"-march={march}", "-o", "-", program], cwd=CORPUS)
    assert proc.returncode == 0, proc.stderr.decode()
    ours = compile_source((CORPUS / program).read_bytes(), program, march=march)
    assert ours == proc.stdout


@pytest.mark.parametrize("program, march", ERROR_CASES)
def test_identical_native_error_text(program, march):
    proc = run_mpy_cross([f"-march={march}", "-o", "-", program], cwd=CORPUS_ERRORS)
    assert proc.returncode == 1 and proc.stdout == b""
    with pytest.raises(CompileError) as info:
        compile_source((CORPUS_ERRORS / program).read_bytes(), program, march=march)
    assert info.value.traceback_text == proc.stderr.decode()


@pytest.mark.parametrize("program", ERROR_PROGRAMS[:3])
def test_identical_native_error_through_the_cli(program, tmp_path):
    ref = run_mpy_cross(["-march=x64", "-o", str(tmp_path / "ref.mpy"), program],
                        cwd=CORPUS_ERRORS)
    ours = subprocess.run(
        [sys.executable, "-m", "mpt", "compile", "-march=x64", "-o", str(tmp_path / "ours.mpy"),
         program], cwd=CORPUS_ERRORS, capture_output=True)
    assert (ours.returncode, ours.stdout, ours.stderr) == (ref.returncode, b"", ref.stderr)
    assert not (tmp_path / "ours.mpy").exists()


def test_native_output_is_machine_code():
    # the corpus really goes through the native emitter: viper and native kinds in the file
    from mpt.mpy.mpyfile import read_mpy
    module = read_mpy(compile_source((CORPUS / "viper_basics.py").read_bytes(), "v.py",
                                     march="x64"))
    kinds = {child.kind for child in module.root.children}
    assert module.arch == 2 and kinds == {2}


@needs_micropython_src
@pytest.mark.parametrize("march", NATIVE_ARCHS)
def test_micropython_native_and_viper_tests_are_identical(march):
    tests = MICROPYTHON_SRC / "tests" / "micropython"
    files = sorted(p.name for pattern in ("native_*.py", "viper_*.py")
                   for p in tests.glob(pattern))
    assert len(files) > 40
    mismatches = [m for m in (_compare(tests, rel, march) for rel in files) if m]
    assert mismatches == []


@pytest.mark.parametrize("march", NATIVE_ARCHS)
def test_whole_modules_as_native_code(march):
    """-X emit=native: every function of the bytecode corpus compiled as native code."""
    corpus = HERE / "corpus"
    files = sorted(p.name for p in corpus.glob("*.py"))
    mismatches = [m for m in (_compare(corpus, rel, march, "native") for rel in files) if m]
    assert mismatches == []


@pytest.mark.parametrize("march", ["x64", "armv7m", "xtensawin"])
def test_whole_modules_as_viper_code(march):
    """-X emit=viper: identical where mpy-cross succeeds or reports an error; refused with a
    clear error where mpy-cross fails one of its internal assertions and aborts."""
    corpus = HERE / "corpus"
    for rel in sorted(p.name for p in corpus.glob("*.py")):
        proc = run_mpy_cross([f"-march={march}", "-X", "emit=viper", "-o", "-", rel], cwd=corpus)
        if proc.returncode in (0, 1):
            assert _compare(corpus, rel, march, "viper") is None
        else:
            with pytest.raises(MptError, match="mpy-cross 1.29 aborts on this code"):
                compile_source((corpus / rel).read_bytes(), rel, march=march, emit="viper")


def test_code_mpy_cross_aborts_on_is_refused(tmp_path):
    # a viper int has no attributes: mpy-cross's emitter asserts (and the process aborts)
    source = b"@micropython.viper\ndef f(x: int):\n    return x.real\n"
    (tmp_path / "a.py").write_bytes(source)
    proc = run_mpy_cross(["-march=x64", "-o", "-", "a.py"], cwd=tmp_path)
    assert proc.returncode not in (0, 1)
    with pytest.raises(MptError, match="aborts on this code"):
        compile_source(source, "a.py", march="x64")


@pytest.mark.slow
@needs_micropython_src
@pytest.mark.parametrize("march", ["x64", "armv6m"])
def test_micropython_basics_as_native_code(march):
    tests = MICROPYTHON_SRC / "tests" / "basics"
    files = sorted(p.name for p in tests.glob("*.py"))
    assert len(files) > 300
    mismatches = [m for m in (_compare(tests, rel, march, "native") for rel in files) if m]
    assert mismatches == []


@needs_micropython_src
@pytest.mark.parametrize("march", INLINE_THUMB_ARCHS)
def test_micropython_inline_thumb_tests_are_identical(march):
    tests = MICROPYTHON_SRC / "tests" / "inlineasm" / "thumb"
    files = sorted(p.name for p in tests.glob("*.py"))
    assert len(files) > 15
    mismatches = [m for m in (_compare(tests, rel, march) for rel in files) if m]
    assert mismatches == []


@needs_micropython_src
@pytest.mark.parametrize("flags", ["zba", "zcmp", "zba,zcmp"])
def test_rv32imc_extensions_are_identical(flags):
    """-march-flags: Zba address arithmetic and Zcmp push/pop in the rv32imc back end."""
    tests = MICROPYTHON_SRC / "tests" / "micropython"
    files = sorted(p.name for pattern in ("native_*.py", "viper_*.py")
                   for p in tests.glob(pattern))
    mismatches = [m for m in (_compare(tests, rel, "rv32imc", flags=flags) for rel in files) if m]
    mismatches += [m for m in (_compare(CORPUS, rel, "rv32imc", flags=flags)
                               for rel in PROGRAMS if not rel.startswith("asm_")) if m]
    assert mismatches == []


@needs_micropython_src
@pytest.mark.parametrize("march", XTENSA_ARCHS)
def test_micropython_inline_xtensa_tests_are_identical(march):
    tests = MICROPYTHON_SRC / "tests" / "inlineasm" / "xtensa"
    files = sorted(p.name for p in tests.glob("*.py"))
    assert len(files) >= 7
    mismatches = [m for m in (_compare(tests, rel, march) for rel in files) if m]
    assert mismatches == []


@needs_micropython_src
@pytest.mark.parametrize("flags", [None, "zba", "zcmp", "zba,zcmp"])
def test_micropython_inline_rv32_tests_are_identical(flags):
    tests = MICROPYTHON_SRC / "tests" / "inlineasm" / "rv32"
    files = sorted(p.name for p in tests.glob("*.py"))
    assert len(files) >= 15
    mismatches = [m for m in (_compare(tests, rel, "rv32imc", flags=flags) for rel in files) if m]
    assert mismatches == []


def test_rv64imc_has_no_native_emitter_as_in_mpy_cross():
    """Decorators say "invalid arch"; -X emit=native fails at the first native scope."""
    mismatches = [m for m in (_compare(CORPUS_ERRORS, rel, "rv64imc")
                              for rel in ERROR_PROGRAMS[:6]) if m]
    corpus = HERE / "corpus"
    mismatches += [m for m in (_compare(corpus, p.name, "rv64imc", "native")
                               for p in sorted(corpus.glob("*.py"))) if m]
    assert mismatches == []


def test_prelude_offset_of_a_huge_native_function_wraps_as_in_mpy_cross(tmp_path):
    # mpy-cross keeps a native function's prelude offset in 16 bits
    body = "".join(f"    x = x + {i} * y\n" for i in range(2500))
    source = f"@micropython.native\ndef f(x, y):\n{body}    return x\n"
    (tmp_path / "big.py").write_text(source)
    proc = run_mpy_cross(["-march=x64", "-o", "-", "big.py"], cwd=tmp_path)
    assert proc.returncode == 0
    from mpt.mpy.mpyfile import read_mpy
    ours = compile_source(source, "big.py", march="x64")
    assert len(read_mpy(ours).root.children[0].fun_data) > 0x10000
    assert ours == proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize("march", ["x64", "armv6m", "xtensawin", "rv32imc"])
def test_micropython_lib_as_native_code(march):
    """micropython-lib (from $MPT_MICROPYTHON_LIB) with -X emit=native: every module is
    compiled to machine code, a large and varied corpus for the native emitter."""
    import os
    root = Path(os.environ.get("MPT_MICROPYTHON_LIB", "micropython-lib-not-set"))
    if not root.is_dir():
        pytest.skip("set MPT_MICROPYTHON_LIB to a micropython-lib checkout")
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*.py"))
    assert len(files) > 300
    mismatches = [m for m in (_compare(root, rel, march, "native") for rel in files) if m]
    assert mismatches == []
