"""`mpt compile` against the real mpy-cross 1.29: same bytes, same errors, same exit codes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "crosscompile"))
from mpycross_ref import MPY_CROSS, needs_mpy_cross  # noqa: E402

pytestmark = needs_mpy_cross

PROGRAM = (
    "import micropython\n"
    "X = 100000\n"
    "def f(a, b=2):\n"
    "    assert a, 'no a'\n"
    "    return [i * b for i in range(a)] if __debug__ else None\n"
    "class C:\n"
    "    def m(self):\n"
    "        return 'text that is long enough to be a constant object ' + str(1.5)\n"
)
NATIVE = "import micropython\n@micropython.native\ndef f(x):\n    return x\n"
COMPILE_ERROR = "def f():\n    x = 1\n    return\nreturn 5\n"
PARSE_ERROR = "x = (\n"


def mpt(*args, cwd=None, input=None, env=None):
    return subprocess.run([sys.executable, "-m", "mpt", "compile", *args], cwd=cwd,
                          capture_output=True, input=input, env=env)


@pytest.fixture
def mpt_inproc(monkeypatch, capfdbinary):
    """`mpt compile ARGS` run in this process (fast); returns (exit code, stdout, stderr)."""
    from mpt.cli.main import main

    def run(*args, cwd):
        monkeypatch.chdir(cwd)
        capfdbinary.readouterr()
        with pytest.raises(SystemExit) as info:
            main(["compile", *args])
        captured = capfdbinary.readouterr()
        return info.value.code, captured.out, captured.err

    return run


def mpy_cross(*args, cwd=None, input=None):
    return subprocess.run([str(MPY_CROSS), *args], cwd=cwd, capture_output=True, input=input)


@pytest.fixture
def work(tmp_path):
    (tmp_path / "prog.py").write_text(PROGRAM)
    (tmp_path / "native.py").write_text(NATIVE)
    (tmp_path / "cerr.py").write_text(COMPILE_ERROR)
    (tmp_path / "perr.py").write_text(PARSE_ERROR)
    return tmp_path


def test_default_output_is_input_with_mpy_suffix(work):
    ref = mpy_cross("prog.py", cwd=work)
    assert ref.returncode == 0
    expected = (work / "prog.mpy").read_bytes()
    (work / "prog.mpy").unlink()
    proc = mpt("prog.py", cwd=work)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")
    assert (work / "prog.mpy").read_bytes() == expected


@pytest.mark.parametrize("options", [
    [], ["-O"], ["-OO"], ["-OOO"], ["-O2"], ["-O3"], ["-O0"], ["-Ox"],
    ["-X", "no-source-lines"], ["-X", "source-lines"], ["-X", "emit=bytecode"],
    ["-X", "heapsize=1M"], ["-msmall-int-bits=8"], ["-msmall-int-bits=0x10"],
    ["-msmall-int-bits=63"], ["-s", "lib/renamed.py"], ["-s", "lib\\win.py"], ["-v"],
    ["-march=x64"], ["-march=armv7em"], ["-march=host"], ["-march=rv32imc", "-march-flags=zba"],
    ["-march=rv32imc", "-march-flags=0b11"], ["-march-flags=7"],
], ids=lambda o: " ".join(o) or "default")
def test_same_bytes_as_mpy_cross(work, options, mpt_inproc):
    ref = mpy_cross(*options, "-o", "-", "prog.py", cwd=work)
    assert ref.returncode == 0, ref.stderr
    assert mpt_inproc(*options, "-o", "-", "prog.py", cwd=work) == (0, ref.stdout, b"")


def test_options_after_double_dash_are_files(work):
    (work / "-weird.py").write_text("x = 1\n")
    ref = mpy_cross("-o", "-", "--", "-weird.py", cwd=work)
    proc = mpt("-o", "-", "--", "-weird.py", cwd=work)
    assert proc.returncode == ref.returncode == 0
    assert proc.stdout == ref.stdout


def test_stdin_to_stdout(work):
    ref = mpy_cross("-", input=PROGRAM.encode(), cwd=work)
    proc = mpt("-", input=PROGRAM.encode(), cwd=work)
    assert proc.returncode == ref.returncode == 0
    assert proc.stdout == ref.stdout


@pytest.mark.parametrize("name, options", [
    ("cerr.py", []), ("perr.py", []), ("cerr.py", ["-s", "other/name.py"]),
    ("perr.py", ["-s", "other/name.py"]),
])
def test_compile_errors_match_mpy_cross_and_leave_output_untouched(work, name, options,
                                                                  mpt_inproc):
    out = work / "existing.mpy"
    out.write_bytes(b"old contents")
    ref = mpy_cross(*options, "-o", "existing.mpy", name, cwd=work)
    assert ref.returncode == 1
    assert mpt_inproc(*options, "-o", "existing.mpy", name, cwd=work) == (1, b"", ref.stderr)
    assert out.read_bytes() == b"old contents"
    assert not (work / (name[:-3] + ".mpy")).exists()


def test_compile_error_writes_no_default_output(work):
    proc = mpt("cerr.py", cwd=work)
    assert proc.returncode == 1
    assert not (work / "cerr.mpy").exists()


def test_native_code_needs_march_like_mpy_cross(work):
    ref = mpy_cross("native.py", cwd=work)
    proc = mpt("native.py", cwd=work)
    assert ref.returncode == proc.returncode == 1
    assert proc.stderr == ref.stderr  # SyntaxError: invalid arch


def test_march_debug_prints_mpy_cross_s_listing(work):
    ref = mpy_cross("-march=debug", "-o", "-", "native.py", cwd=work)
    proc = mpt("-march=debug", "-o", "-", "native.py", cwd=work)
    assert ref.returncode == proc.returncode == 0
    assert proc.stdout == ref.stdout and proc.stdout.startswith(b"ENTRY(f, num_locals=")


def test_native_code_for_x64_is_mpy_cross_s_bytes(work):
    ref = mpy_cross("-march=x64", "-o", "ref.mpy", "native.py", cwd=work)
    proc = mpt("-march=x64", "native.py", cwd=work)
    assert ref.returncode == proc.returncode == 0
    assert (work / "native.mpy").read_bytes() == (work / "ref.mpy").read_bytes()


@pytest.mark.parametrize("args, message", [
    (["missing.py"], "mpt: error: cannot read missing.py: No such file or directory"),
    (["-q", "prog.py"], "mpt: error: unknown option '-q'"),
    (["-march=z80", "prog.py"], "mpt: error: unknown architecture"),
    (["-msmall-int-bits=8x", "prog.py"], "mpt: error: invalid value"),
    (["-X", "bogus", "prog.py"], "mpt: error: unknown -X option 'bogus'"),
    (["-o"], "mpt: error: option -o needs a value"),
    ([], "mpt: error: no input file"),
    (["prog.py", "native.py"], "mpt: error: multiple input files"),
    (["-X", "emit=native", "prog.py"], "mpt: error: arch not specified"),
    (["-march=x64", "-march-flags=3", "prog.py"], "mpt: error: unrecognised arch flags"),
])
def test_usage_errors_are_one_line_exit_2(work, args, message, mpt_inproc):
    # mpy-cross exits 1 for these too (printing its usage text for bad flags); mpt says why.
    assert mpy_cross(*args, cwd=work).returncode == 1
    code, out, err = mpt_inproc(*args, cwd=work)
    assert code == 2
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message)
    assert out == b""


def test_directory_input_without_out_dir(work):
    proc = mpt(str(work))
    assert proc.returncode == 2
    assert b"is a directory" in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(work):
    path = work / "secret.py"
    path.write_text("x = 1\n")
    path.chmod(0)
    proc = mpt("secret.py", cwd=work)
    assert proc.returncode == 2
    assert b"Permission denied" in proc.stderr


# ---- tree mode -------------------------------------------------------------------------------

def _tree(root: Path):
    files = {
        "main.py": PROGRAM,
        "lib/util.py": "def helper(x):\n    return x * 2\n",
        "lib/deep/more.py": "VALUE = 'a string that is not short at all, really'\n",
        "lib/broken.py": COMPILE_ERROR,
        ".git/ignored.py": "x = 1\n",
        "notes.txt": "not python",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


@pytest.fixture
def tree_env(tmp_path):
    env = dict(os.environ, MPT_CACHE_DIR=str(tmp_path / "cache"))
    src = tmp_path / "src"
    _tree(src)
    return src, tmp_path / "out", env


def test_tree_mode_compiles_everything_like_mpy_cross_from_the_root(tree_env):
    src, out, env = tree_env
    proc = mpt(str(src), "--out-dir", str(out), env=env)
    assert proc.returncode == 1  # broken.py
    assert proc.stdout == b"compiled 3, cached 0, failed 1\n"
    ref = mpy_cross("lib/broken.py", cwd=src)
    assert ref.stderr.decode() in proc.stderr.decode()
    produced = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert produced == ["lib/deep/more.mpy", "lib/util.mpy", "main.mpy"]
    for rel in ("main.py", "lib/util.py", "lib/deep/more.py"):
        expected = mpy_cross("-o", "-", rel, cwd=src).stdout
        assert (out / rel).with_suffix(".mpy").read_bytes() == expected, rel


def test_tree_mode_cache(tree_env):
    src, out, env = tree_env
    (src / "lib" / "broken.py").unlink()
    first = mpt(str(src), "--out-dir", str(out), env=env)
    assert (first.returncode, first.stdout) == (0, b"compiled 3, cached 0, failed 0\n")
    second = mpt(str(src), "--out-dir", str(out), env=env)
    assert second.stdout == b"compiled 0, cached 3, failed 0\n"
    (src / "lib" / "util.py").write_text("def helper(x):\n    return x * 3\n")
    third = mpt(str(src), "--out-dir", str(out), env=env)
    assert third.stdout == b"compiled 1, cached 2, failed 0\n"
    assert (out / "lib" / "util.mpy").read_bytes() == mpy_cross(
        "-o", "-", "lib/util.py", cwd=src).stdout
    # Different options are a different cache entry, and the output follows them.
    fourth = mpt(str(src), "--out-dir", str(out), "-O2", env=env)
    assert fourth.stdout == b"compiled 3, cached 0, failed 0\n"
    assert (out / "main.mpy").read_bytes() == mpy_cross("-O2", "-o", "-", "main.py",
                                                        cwd=src).stdout
    nocache = mpt(str(src), "--out-dir", str(out), "--no-cache", "-j", "1", env=env)
    assert nocache.stdout == b"compiled 3, cached 0, failed 0\n"


def test_tree_mode_in_parallel_matches_serial(tmp_path):
    env = dict(os.environ, MPT_CACHE_DIR=str(tmp_path / "cache"))
    src = tmp_path / "src"
    for i in range(20):
        (src / f"pkg{i % 3}").mkdir(parents=True, exist_ok=True)
        (src / f"pkg{i % 3}" / f"m{i}.py").write_text(f"def f{i}(x):\n    return x + {i}\n")
    par = mpt(str(src), "--out-dir", str(tmp_path / "par"), "-j", "2", "--no-cache", env=env)
    ser = mpt(str(src), "--out-dir", str(tmp_path / "ser"), "-j", "1", "--no-cache", env=env)
    assert par.stdout == ser.stdout == b"compiled 20, cached 0, failed 0\n"
    for path in (tmp_path / "ser").rglob("*.mpy"):
        assert (tmp_path / "par" / path.relative_to(tmp_path / "ser")).read_bytes() == \
            path.read_bytes()


def test_tree_mode_rejects_single_file_options(tree_env):
    src, out, env = tree_env
    proc = mpt(str(src), "--out-dir", str(out), "-o", "x.mpy", env=env)
    assert proc.returncode == 2
    missing = mpt(str(src / "nope"), "--out-dir", str(out), env=env)
    assert missing.returncode == 2


def test_tree_mode_two_sources_for_one_output_is_a_usage_error(tmp_path):
    for folder, value in (("a", 1), ("b", 2)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.py").write_text(f"x = {value}\n")
    env = dict(os.environ, MPT_CACHE_DIR=str(tmp_path / "cache"))
    proc = mpt("a", "b", "--out-dir", "out", cwd=tmp_path, env=env)
    assert proc.returncode == 2
    assert proc.stderr == b"mpt: error: a/x.py and b/x.py would both be compiled to out/x.mpy\n"
    assert not (tmp_path / "out").exists()


class _Terminal:
    def __init__(self):
        self.text = ""

    def isatty(self):
        return True

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_tree_progress_bar_shows_on_a_terminal_for_long_builds_only():
    from mpt.cli.compile_cmd import _ProgressBar

    now = [100.0]
    term = _Terminal()
    bar = _ProgressBar(term)
    bar.clock = lambda: now[0]
    bar.started = now[0]
    bar(1, 4)
    assert term.text == ""  # a short build draws nothing
    now[0] += 1.0
    bar(2, 4)
    assert term.text == "\rcompiling [" + "#" * 15 + " " * 15 + "] 2/4"
    bar(3, 4)  # too soon to redraw
    assert term.text.count("compiling") == 1
    bar.close()
    assert term.text.endswith("\r\x1b[K")  # the line is erased at the end

    plain = _Terminal()
    plain.isatty = lambda: False
    quiet = _ProgressBar(plain)
    quiet.clock = lambda: now[0] + 10
    quiet(1, 4)
    quiet.close()
    assert plain.text == ""


def test_output_file_gets_normal_permissions(work):
    proc = mpt("prog.py", cwd=work)
    assert proc.returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert (work / "prog.mpy").stat().st_mode & 0o777 == 0o666 & ~umask


def test_default_output_name_follows_mpy_cross_for_other_suffixes(work, mpt_inproc):
    # mpy-cross drops the last two characters and appends "mpy": notes.txt -> notes.tmpy
    (work / "notes.txt").write_text("x = 1\n")
    assert mpy_cross("notes.txt", cwd=work).returncode == 0
    expected = (work / "notes.tmpy").read_bytes()
    (work / "notes.tmpy").unlink()
    assert mpt_inproc("notes.txt", cwd=work) == (0, b"", b"")
    assert (work / "notes.tmpy").read_bytes() == expected


def test_version_reports_the_mpy_version_as_mpy_cross_does(work, mpt_inproc):
    import re

    pattern = re.compile(rb"mpy-cross emitting mpy v([0-9]+)(?:.([0-9]+))?")
    ref = pattern.search(mpy_cross("--version", cwd=work).stdout)
    code, out, err = mpt_inproc("--version", cwd=work)
    assert code == 0 and err == b""
    assert pattern.search(out).groups() == ref.groups() == (b"6", b"3")
