"""@micropython.native and @micropython.viper on the emulated boards and the unix drop-in.

The programs in programs_native/ print what the unix port's standard build (which has the
x64 native emitter) printed (record_extra_expected.py --folder programs_native); each board,
whose firmware has the native emitter of its CPU (rp2 armv6m, esp32 xtensawin, pyboard
armv7emsp: 32-bit words), and the drop-in (the unix build's language on the rp2's hardware)
must print the same. The programs print machine words in forms that do not depend on the
word size (viper_word_size.py relates the word to sys.maxsize).
"""

from __future__ import annotations

import os
import shutil

import pytest

from mpt.crosscompile.api import compile_source
from mpt.crosscompile.native.archs import get_arch
from mpt.runtime.board.profiles import PROFILES
from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from program_runs import drop_in, on_board

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs_native")
NAMES = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
BOARDS = ["rp2", "rp2w", "esp32", "pyboard"]


def expected(name: str) -> str:
    with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
        return f.read()


def _flash_with_modules(flash: str) -> None:
    for f in os.listdir(PROGRAMS):
        if f.endswith(".mpy"):
            shutil.copy(os.path.join(PROGRAMS, f), flash)


@pytest.mark.parametrize("board", BOARDS)
@pytest.mark.parametrize("name", NAMES)
def test_board_runs_native_and_viper_code(name, board, tmp_path):
    flash = str(tmp_path / "flash")
    os.mkdir(flash)
    _flash_with_modules(flash)
    assert on_board(board, os.path.join(PROGRAMS, name), flash) == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_unix_drop_in_runs_native_and_viper_code(name, tmp_path):
    assert drop_in([name], PROGRAMS, str(tmp_path)) == expected(name)


@pytest.mark.parametrize("board", BOARDS)
def test_native_code_is_the_boards_architecture(board, tmp_path):
    """The board takes native code for the architecture sys.implementation._mpy names and
    refuses another's. The ARM boards run it (test_native_mpy.py); the esp32's cannot run on
    the emulation."""
    own = PROFILES[board].native_arch
    flash = tmp_path / "flash"
    flash.mkdir()
    source = "@micropython.native\ndef f():\n    return 1\n"
    for arch in ("armv6m", "xtensawin", "x64"):
        (flash / f"m_{arch}.mpy").write_bytes(compile_source(source, "m.py", march=arch))
    script = flash / "main.py"
    script.write_text(
        "import sys\nprint(sys.implementation._mpy >> 10)\n"
        "for arch in ('armv6m', 'xtensawin', 'x64'):\n"
        "    try:\n        __import__('m_' + arch)\n"
        "    except Exception as e:\n        print(arch, str(e))\n")
    out: list[str] = []
    run_on_board(str(script), ["main.py"], BoardOptions(board=board, flash=str(flash)),
                 stdout=out.append, stderr=out.append)
    lines = "".join(out).splitlines()
    assert lines[0] == str(own)
    for line in lines[1:]:
        arch, message = line.split(" ", 1)
        if get_arch(arch).number == own or (own == 7 and arch == "armv6m"):
            assert board == "esp32"
            assert message == ("native code in .mpy files cannot run on the emulated board's "
                               "xtensawin (only ARM Thumb code can)")
        else:
            assert message == "incompatible .mpy arch"



def test_viper_pointers_and_machine_mem_share_the_boards_memory(tmp_path):
    """An address outside every buffer is the board's memory machine.mem32 reaches: what
    one writes, the other reads."""
    script = tmp_path / "poke.py"
    script.write_text(
        "import machine, micropython\n"
        "@micropython.viper\n"
        "def poke(a: uint, v: uint):\n    p = ptr32(a)\n    p[0] = v\n"
        "@micropython.viper\n"
        "def peek(a: uint) -> uint:\n    return uint(ptr32(a)[1])\n"
        "poke(0x40014000, 0x1234abcd)\n"
        "machine.mem32[0x40014004] = machine.mem32[0x40014000] ^ 0xffff\n"
        "print(hex(machine.mem32[0x40014000]), hex(peek(0x40014000)))\n")
    out: list[str] = []
    run_on_board(str(script), ["poke.py"], BoardOptions(flash=str(tmp_path / "flash")),
                 stdout=out.append, stderr=out.append)
    assert "".join(out) == f"{0x1234abcd:#x} {0x1234abcd ^ 0xffff:#x}\n"
