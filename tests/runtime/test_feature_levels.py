"""Each board has its own firmware's language features, not those of the build the recorded
outputs come from.

The rp2, esp32 and stm32 firmware are built at MicroPython's "extra features" ROM level: no
t-strings (t'...' is a syntax error), no weakref module, DeflateIO without write. The programs in
programs_extra/ print what the unix port's standard build (the same level) printed
(record_extra_expected.py); each board and the mpt-micropython drop-in must print the same. The
other side of each switch, a build at "full features" with weakref (the webassembly port's),
is what tests/runtime/programs checks (tstring_*, gc_weakref_*, mod_deflate_write), run with that
build's features.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from mpt.runtime.board.profiles import PROFILES
from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from program_runs import drop_in, on_board

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs_extra")
NAMES = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))


def expected(name: str) -> str:
    with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
        return f.read()


def _board_programs():
    """(name, board, features): the float_* programs print floats as a double-precision
    build does; on a board whose firmware has single-precision floats they run with the
    unix build's features (its own floats are test_float32.py's)."""
    for name in NAMES:
        for board in ("rp2", "esp32", "pyboard", "rp2w"):
            single = PROFILES[board].port.features.float_bits == 32
            yield name, board, "unix" if single and name.startswith("float_") else None


@pytest.mark.parametrize("name, board, features", list(_board_programs()))
def test_board_has_its_firmwares_features(name, board, features):
    with tempfile.TemporaryDirectory() as flash:
        assert on_board(board, os.path.join(PROGRAMS, name), flash,
                        features=features) == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_unix_drop_in_has_the_unix_builds_features(name, tmp_path):
    assert drop_in([name], PROGRAMS, str(tmp_path)) == expected(name)


def test_the_other_side_of_each_switch(tmp_path):
    """With the webassembly build's features the same board compiles t-strings, imports
    weakref and string.templatelib and compresses (what the recorded programs rely on)."""
    script = tmp_path / "full.py"
    script.write_text("import weakref, deflate, io\nfrom string.templatelib import Template\n"
                      "x = 1\nprint(type(t'{x}') is Template)\n"
                      "print(hasattr(deflate.DeflateIO(io.BytesIO()), 'write'))\n")
    out: list[str] = []
    run_on_board(str(script), ["full.py"],
                 BoardOptions(flash=str(tmp_path / "flash"), features="webassembly"),
                 stdout=out.append, stderr=out.append)
    assert "".join(out) == "True\nTrue\n"


# MICROPY_PY_OS_DUPTERM and _NOTIFY: set by ports/rp2 and ports/esp32 (1 slot, notify),
# ports/stm32 (3 slots); the unix port's standard build has neither (what its binary prints)
@pytest.mark.parametrize("board, expected", [("rp2", "True True 1"), ("esp32", "True True 1"),
                                             ("pyboard", "True False 3")])
def test_os_dupterm_as_the_port_builds_it(tmp_path, board, expected):
    script = tmp_path / "dupterm.py"
    script.write_text("import os\nslots = 0\nwhile True:\n    try:\n        os.dupterm(None, slots)\n"
                      "    except ValueError:\n        break\n    slots += 1\n"
                      "print(hasattr(os, 'dupterm'), hasattr(os, 'dupterm_notify'), slots)\n")
    out: list[str] = []
    run_on_board(str(script), ["dupterm.py"], BoardOptions(board=board,
                 flash=str(tmp_path / "flash")), stdout=out.append, stderr=out.append)
    assert "".join(out) == expected + "\n"


def test_unix_drop_in_has_no_os_dupterm(tmp_path):
    p = subprocess.run([sys.executable, "-m", "mpt.unix_cmdline", "-c",
                        "import os; print(hasattr(os, 'dupterm'), hasattr(os, 'dupterm_notify'))"],
                       cwd=tmp_path, capture_output=True, timeout=120,
                       env=dict(os.environ, MPT_FLASH=str(tmp_path)))
    assert p.stdout == b"False False\n"


PROGRAMS_UNIX = os.path.join(HERE, "programs_unix")


@pytest.mark.parametrize("name", sorted(f for f in os.listdir(PROGRAMS_UNIX) if f.endswith(".py")))
def test_unix_drop_in_prints_what_the_unix_port_alone_prints(name, tmp_path):
    """programs_unix/: what the unix binary printed (record_extra_expected.py --folder programs_unix)."""
    with open(os.path.join(PROGRAMS_UNIX, name[:-3] + ".exp"), encoding="utf-8") as f:
        assert drop_in([name], PROGRAMS_UNIX, str(tmp_path)) == f.read()


# a board's sys.stdin/stdout/stderr are shared/runtime/sys_stdio_mphal.c streams: no fileno;
# MICROPY_PY_SYS_ATEXIT and _EXC_INFO are set by the unix port's variants only
@pytest.mark.parametrize("board", ["rp2", "esp32", "pyboard"])
def test_board_sys_has_none_of_the_unix_ports_extras(tmp_path, board):
    script = tmp_path / "stdio.py"
    script.write_text("import sys\nprint([hasattr(s, 'fileno') or hasattr(s.buffer, 'fileno')"
                      " for s in (sys.stdin, sys.stdout, sys.stderr)],"
                      " hasattr(sys, 'atexit'), hasattr(sys, 'exc_info'))\n")
    out: list[str] = []
    run_on_board(str(script), ["stdio.py"], BoardOptions(board=board,
                 flash=str(tmp_path / "flash")), stdout=out.append, stderr=out.append)
    assert "".join(out) == "[False, False, False] False False\n"


# MICROPY_SCHEDULER_STATIC_NODES (ports/rp2, esp32, stm32 mpconfigport.h): scheduling
# micropython.kbd_intr queues one static node, whatever the number of calls, outside the
# callback queue's depth; it runs at a check point (or when a running callback ends), and the
# KeyboardInterrupt it sets is raised at the check point after
@pytest.mark.parametrize("board", ["rp2", "esp32", "pyboard"])
def test_board_schedules_a_keyboard_interrupt(tmp_path, board):
    script = tmp_path / "kbd.py"
    script.write_text(
        "import micropython, time\n"
        "def two_sleeps():\n"
        "    try:\n"
        "        time.sleep(0)\n"
        "        print('first')\n"
        "        time.sleep(0)\n"
        "        print('second')\n"
        "    except KeyboardInterrupt:\n"
        "        print('KeyboardInterrupt')\n"
        + "micropython.schedule(micropython.kbd_intr, None)\n" * 8 +
        "two_sleeps()\n"
        "two_sleeps()\n"
        "def nested(_):\n"
        "    micropython.schedule(micropython.kbd_intr, None)\n"
        "    print('in callback')\n"
        "    two_sleeps()\n"
        "micropython.schedule(nested, None)\n"
        "time.sleep(0)\n"
        "two_sleeps()\n")
    out: list[str] = []
    run_on_board(str(script), ["kbd.py"], BoardOptions(board=board,
                 flash=str(tmp_path / "flash")), stdout=out.append, stderr=out.append)
    assert "".join(out) == ("first\nKeyboardInterrupt\nfirst\nsecond\n"
                            "in callback\nfirst\nsecond\nfirst\nKeyboardInterrupt\n")
