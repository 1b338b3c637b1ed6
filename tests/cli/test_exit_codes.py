"""One exit-code rule for every board command (README, "Exit codes"), the same over a port as on
the emulator: a guest exception gives 1, sys.exit(n) gives n, a missing board path gives 4 from
every command, a bad port gives 2; `ls -l` shows the board's dates whatever its epoch."""

import json
import subprocess
import sys

import pytest


@pytest.fixture
def board(tmp_path):
    flash = tmp_path / "flash"
    flash.mkdir()
    (tmp_path / "exit3.py").write_text("import sys\nprint('bye')\nsys.exit(3)\n")
    (tmp_path / "exit_none.py").write_text("import sys\nprint('done')\nsys.exit()\n")
    (tmp_path / "exit_text.py").write_text("import sys\nsys.exit('giving up')\n")
    (tmp_path / "raises.py").write_text("x = 1\n\ndef f():\n    return 1 / 0\n\nf()\n")
    return {"url": f"emu://rp2?flash={flash}", "flash": flash, "tmp": tmp_path}


def mpt(board, *args, port=True):
    prefix = ["-p", board["url"]] if port else []
    result = subprocess.run([sys.executable, "-m", "mpt", *prefix, *args],
                            capture_output=True, text=True, timeout=120, cwd=board["tmp"])
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("command", [["eval", "1/0"], ["eval", "--json", "1/0"],
                                     ["exec", "1/0"]])
def test_a_guest_exception_exits_1_with_the_boards_traceback(board, command):
    code, out, err = mpt(board, *command)
    assert (code, out) == (1, "")
    assert err == ('Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\n'
                   "ZeroDivisionError: divide by zero\n")


@pytest.mark.parametrize("port", [True, False], ids=["port", "emulator"])
@pytest.mark.parametrize("script, expected", [
    ("exit3.py", (3, "bye\n")), ("exit_none.py", (0, "done\n")),
    ("raises.py", (1, "")), ("exit_text.py", (1, None))])
def test_run_exits_with_the_programs_status_on_a_port_as_on_the_emulator(board, port, script,
                                                                         expected):
    code, out, err = mpt(board, "run", script, port=port)
    assert code == expected[0], err
    if expected[1] is not None:
        assert out == expected[1]
    if script == "exit_text.py":
        assert "giving up" in out + err
    if script == "raises.py":
        # the program's own frames and line numbers, as the board prints them
        name = "<stdin>" if port else "raises.py"
        assert err == (f'Traceback (most recent call last):\n'
                       f'  File "{name}", line 6, in <module>\n'
                       f'  File "{name}", line 4, in f\n'
                       f"ZeroDivisionError: divide by zero\n")


def test_exec_passes_sys_exit_on(board):
    assert mpt(board, "exec", "import sys\nsys.exit(5)")[0] == 5
    assert mpt(board, "exec", "x = 2", "+", "exec", "print(x)") == (0, "2\n", "")


@pytest.mark.parametrize("command", [["cat", ":nope.txt"], ["ls", ":nope.txt"],
                                     ["ls", "-l", "-r", ":nope.txt"], ["cp", ":nope.txt", "."],
                                     ["rm", ":nope.txt"], ["sha256sum", ":nope.txt"],
                                     ["tree", ":nope.txt"], ["mv", ":nope.txt", ":b.txt"]])
def test_a_missing_board_path_gives_4_from_every_command(board, command):
    code, out, err = mpt(board, *command)
    assert code == 4
    assert err.startswith("mpt: error: :") and err.endswith(
        "nope.txt: no such file or directory\n")


@pytest.mark.parametrize("url", ["foo://bar", "socket://127.0.0.1:notaport", "socket://:5",
                                 "rfc2217://host:1?bogus=1", "emu://nosuchboard"])
def test_a_bad_port_url_is_a_usage_error(board, url):
    code, _out, err = mpt({"url": url, "tmp": board["tmp"]}, "ls")
    assert code == 2
    assert err.startswith(f"mpt: error: cannot open {url}")


def test_a_port_nobody_answers_on_is_a_connection_error(board):
    code, _out, err = mpt({"url": "socket://127.0.0.1:9", "tmp": board["tmp"]}, "ls")
    assert code == 3 and "connection refused" in err


@pytest.mark.parametrize("option", [["--board", "esp32"], ["--virtual-time"], ["--trace"],
                                    ["--flash", "somewhere"]])
def test_emulator_options_with_a_port_are_refused(board, option):
    code, _out, err = mpt(board, "run", *option, "exit3.py")
    assert code == 2
    assert f"{option[0]} applies only to the emulated board, not with -p PORT" in err


@pytest.mark.parametrize("profile", ["rp2", "esp32", "pyboard"])  # epochs 1970, 2000, 2000
def test_ls_shows_the_boards_dates_whatever_its_epoch(board, profile):
    url = f"emu://{profile}?flash={board['flash']}"
    stamp = subprocess.run(
        [sys.executable, "-m", "mpt", "-p", url, "exec",
         "import time\nf = open('a.txt', 'w')\nf.close()\n"
         "print('%04d-%02d-%02d %02d:%02d' % time.localtime()[:5])"],
        capture_output=True, text=True, timeout=120).stdout.strip()
    assert stamp[:2] == "20"
    code, out, err = mpt({"url": url, "tmp": board["tmp"]}, "ls", "-l", ":a.txt",
                         "+", "ls", "--json", ":a.txt")
    assert code == 0, err
    long_line, listing = out.split("\n", 1)
    assert long_line.split()[:2] == ["0", stamp[:10]]  # the date (the minute may turn)
    entry = json.loads(listing)[0]
    assert entry["mtime"].startswith(stamp[:10] + "T")


def test_run_of_an_mpy_on_a_port_passes_sys_exit_on(board):
    compiled = subprocess.run([sys.executable, "-m", "mpt", "compile", "exit3.py"],
                              capture_output=True, text=True, timeout=120, cwd=board["tmp"])
    assert compiled.returncode == 0, compiled.stderr
    assert mpt(board, "run", "exit3.mpy")[:2] == (3, "bye\n")


def test_emulate_refuses_a_port(board):
    code, _out, err = mpt({"url": "/dev/ttyACM0", "tmp": board["tmp"]}, "emulate", "--board",
                          "esp32")
    assert code == 2 and "-p PORT does not apply" in err
