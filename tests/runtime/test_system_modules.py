"""sys, micropython, gc and weakref as a real board has them (weakref, which the boards leave out,
with the webassembly build's features), where the webassembly build of
MicroPython (which the differential suite records from) cannot show a board's behaviour.
The expected values come from MicroPython 1.29's source, cited per test."""

from __future__ import annotations

import contextlib
import textwrap
import threading

import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions


def run_source(tmp_path, source: str, board: str = "rp2",
               features: str | None = None) -> tuple[int, str]:
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent(source))
    out: list[str] = []
    status = run_on_board(str(script), [str(script)], BoardOptions(board=board,
                          flash=str(tmp_path / "flash"), virtual_time=True, features=features),
                          stdout=out.append, stderr=out.append)
    return status, "".join(out)


# py/modsys.c builds sys.implementation from MICROPY_BANNER_MACHINE, MPY_FILE_HEADER_INT
# (py/persistentcode.h: version 6, sub-version 3, the native arch << 2 in the second byte),
# MICROPY_BOARD_BUILD_NAME (py/mkrules.cmake/.mk) and the thread flavour (GIL or "unsafe").
@pytest.mark.parametrize("board, expected", [
    ("rp2", "(name='micropython', version=(1, 29, 0, ''), _machine='Raspberry Pi Pico with "
            "RP2040', _mpy=4870, _build='RPI_PICO', _thread='unsafe')"),
    ("esp32", "(name='micropython', version=(1, 29, 0, ''), _machine='Generic ESP32 module "
              "with ESP32', _mpy=11014, _build='ESP32_GENERIC', _thread='GIL')"),
    ("pyboard", "(name='micropython', version=(1, 29, 0, ''), _machine='PYBv1.1 with "
                "STM32F405RG', _mpy=7942, _build='PYBV11')"),
])
def test_sys_implementation_per_board(tmp_path, board, expected):
    status, out = run_source(tmp_path, """
        import sys
        print(sys.implementation)
        print(sys.implementation._build if len(sys.implementation) > 4 else None)
        print(sys.platform, sys.version)
    """, board)
    lines = out.splitlines()
    assert status == 0 and lines[0] == expected
    platform = {"rp2": "rp2", "esp32": "esp32", "pyboard": "pyboard"}[board]
    assert lines[2].startswith(f"{platform} 3.4.0; MicroPython v1.29.0 on ")


def test_console_streams_are_numbered_like_the_ports(tmp_path):
    # shared/runtime/sys_stdio_mphal.c prints "<io.%s %d>" with the stream's fd
    _, out = run_source(tmp_path, """
        import sys
        print(sys.stdin, sys.stdout, sys.stderr, sys.stdout.buffer)
        import usys, utime, time
        print(usys is sys, utime is time)
    """)
    assert out.splitlines() == [
        "<io.TextIOWrapper 0> <io.TextIOWrapper 1> <io.TextIOWrapper 2> <io.FileIO 1>",
        "True True"]


# py/modweakref.c: an object's finalizers come first in its list (newest first), its refs
# after them (newest first); gc_weakref_sweep runs them in that order when the collector
# frees the object, and unlinks a ref that is itself garbage without calling it. The wasm
# build defers collection to the JavaScript event loop, so it cannot show this.
def test_weakref_callbacks_run_at_collect_in_micropython_order(tmp_path):
    _, out = run_source(tmp_path, """
        import gc, weakref
        class A:
            pass
        def test():
            global r1, r2
            a = A()
            r1 = weakref.ref(a, lambda r: print("ref1", r()))
            weakref.finalize(a, lambda: print("fin1"))
            r2 = weakref.ref(a, lambda r: print("ref2", r()))
            weakref.finalize(a, print, "fin2", 7)
            lost = weakref.ref(a, lambda r: print("never"))
            lost = None
            print("alive", r1() is a)
            a = None
            print("before collect", r1() is not None)
            gc.collect()
            print("after", r1(), r2())
        test()
        keep = [1, 2]
        rl = weakref.ref(keep, lambda r: print("list gone"))
        gc.collect()
        print("list kept", rl())
        keep = None
        gc.collect()
        print(rl())
    """, features="webassembly")
    assert out.splitlines() == [
        "alive True", "before collect True", "fin2 7", "fin1", "ref2 None", "ref1 None",
        "after None None", "list kept [1, 2]", "list gone", "None"]


def test_weakref_callback_exception_is_printed_and_swallowed(tmp_path):
    status, out = run_source(tmp_path, """
        import gc, weakref
        class A:
            pass
        def cb(*args):
            raise ValueError("bad", args)
        a = A()
        weakref.finalize(a, cb, 1)
        a = None
        gc.collect()
        print("done")
    """, features="webassembly")
    assert status == 0
    assert out == ("Unhandled exception in weakref callback:\n"
                   "Traceback (most recent call last):\n"
                   '  File "prog.py", line 6, in cb\n'
                   "ValueError: ('bad', (1,))\n"
                   "done\n")


# gc.mem_free()/mem_alloc() (py/modgc.c) report the board's heap: their sum is the heap the
# port gives MicroPython, and they move with what the program allocates and frees.
@pytest.mark.parametrize("board, heap", [("rp2", 192064), ("esp32", 111168),
                                         ("pyboard", 102464)])
def test_gc_numbers_follow_the_board_heap(tmp_path, board, heap):
    _, out = run_source(tmp_path, """
        import gc
        gc.collect()
        a0 = gc.mem_alloc()
        total = gc.mem_free() + a0
        buf = bytearray(20000)
        a1 = gc.mem_alloc()
        del buf
        gc.collect()
        a2 = gc.mem_alloc()
        print(total - total % 1000, a1 - a0 >= 20000, a1 - a2 >= 19000, a2 % 16)
    """, board)
    heap_rounded = heap - heap % 16
    assert out.split() == [str(heap_rounded - heap_rounded % 1000), "True", "True", "0"]


def test_mem_info_has_the_firmware_layout(tmp_path):
    # py/modmicropython.c + gc_dump_info(): "stack: N out of LIMIT", "GC: total: ..." and the
    # block counts; qstr_info prints the pool summary line
    _, out = run_source(tmp_path, """
        import micropython
        micropython.mem_info()
        micropython.qstr_info()
        print(micropython.heap_unlock())
        micropython.heap_lock()
        micropython.heap_lock()
        print(micropython.heap_unlock(), micropython.heap_unlock())
        print(hasattr(micropython, "heap_locked"))
    """)
    lines = out.splitlines()
    import re
    assert re.fullmatch(r"stack: \d+ out of 7936", lines[0])
    assert re.fullmatch(r"GC: total: 192064, used: \d+, free: \d+", lines[1])
    used, free = map(int, re.findall(r"\d+", lines[1])[1:])
    assert used + free == 192064
    assert re.fullmatch(r" No\. of 1-blocks: \d+, 2-blocks: \d+, max blk sz: \d+, "
                        r"max free sz: \d+", lines[2])
    assert re.fullmatch(r"qstr pool: n_pool=\d+, n_qstr=\d+, n_str_data_bytes=\d+, "
                        r"n_total_bytes=\d+", lines[3])
    assert lines[4:] == ["0", "1 0", "False"]


# help() prints the port's MICROPY_PY_BUILTINS_HELP_TEXT (ports/*/help.c)
@pytest.mark.parametrize("board, first, marker", [
    ("rp2", "Welcome to MicroPython!", "Pins are numbered 0-29, and 26-29 have ADC capabilities"),
    ("esp32", "Welcome to MicroPython on the ESP32!", "Basic WiFi configuration:"),
    ("pyboard", "Welcome to MicroPython!", "  pyb.LED(n)    -- create an LED object for LED n "
                                           "(n=1,2,3,4)"),
])
def test_help_prints_the_ports_text(tmp_path, board, first, marker):
    _, out = run_source(tmp_path, "help()\n", board)
    lines = out.splitlines()
    assert lines[0] == first and marker in lines
    assert lines[-2:] == ["For further help on a specific object, type help(obj)",
                          "For a list of available modules, type help('modules')"]


def test_help_modules_lists_four_columns(tmp_path):
    # py/builtinhelp.c: sorted, column-first, 18 characters a column, then the filesystem note
    _, out = run_source(tmp_path, "help('modules')\n")
    lines = out.splitlines()
    assert lines[-1] == "Plus any modules on the filesystem"
    assert lines[0].startswith("__main__          ")
    names = " ".join(lines[:-1]).split()
    assert {"asyncio/__init__", "asyncio/core", "machine", "micropython", "sys"} <= set(names)
    assert "utime" not in names and "uos" not in names


def test_a_runaway_allocation_is_the_guests_memory_error(tmp_path):
    # a board raises MemoryError when the heap cannot satisfy an allocation; the emulator
    # caps the host process so a huge one fails the same way instead of exhausting the host
    status, out = run_source(tmp_path, """
        try:
            b = bytearray(3 << 30)
        except MemoryError:
            print("MemoryError")
        print(len(bytearray(1000)))
    """)
    assert status == 0 and out.splitlines() == ["MemoryError", "1000"]


def test_heap_lock_makes_allocating_calls_fail(tmp_path):
    # py/gc.c + py/runtime.c: while gc_lock_depth > 0 an allocation raises
    # MemoryError("memory allocation failed, heap is locked"); heap_unlock() returns the depth
    # left. The emulator catches the allocating built-in calls and the displays, f-strings and
    # function objects the guest's own code builds (mpt.runtime.library.heap_lock).
    _, out = run_source(tmp_path, """
        import micropython
        l = [1, 2]
        d = {"a": 1}
        def attempt(label, fn):
            try:
                fn()
                print(label, "ok")
            except MemoryError as e:
                print(label, e)
        # creating a function allocates too: the lambdas exist before the lock
        calls = {"extend": lambda: l.extend([3]), "append": lambda: l.append(3),
                 "join": lambda: ",".join(["a", "b"]), "sorted": lambda: sorted(l),
                 "len": lambda: len(l), "pop": lambda: d.get("a"),
                 "replace-none": lambda: "abc".replace("x", "y"),
                 "still locked": lambda: l.append(5), "unlocked": lambda: l.append(6),
                 "display": lambda: [len(l)], "format": lambda: "{}!".format(1)}
        micropython.heap_lock()
        micropython.heap_lock()
        for label in ("extend", "append", "join", "sorted", "len", "pop", "replace-none",
                      "display", "format"):
            attempt(label, calls[label])
        try:
            l.append(4)
        except MemoryError:
            print("caught in try")
        print(micropython.heap_unlock())
        attempt("still locked", calls["still locked"])
        print(micropython.heap_unlock())
        attempt("unlocked", calls["unlocked"])
        print(l)
        micropython.heap_lock()
    """)
    locked = "memory allocation failed, heap is locked"
    assert out.splitlines() == [
        f"extend {locked}", f"append {locked}", f"join {locked}", f"sorted {locked}",
        "len ok", "pop ok", "replace-none ok", f"display {locked}", f"format {locked}",
        "caught in try", "1",
        f"still locked {locked}", "0", "unlocked ok", "[1, 2, 6]"]
    import sys
    assert sys.getprofile() is None and sys.gettrace() is None  # released when the run ends


@contextlib.contextmanager
def repl_session(tmp_path):
    """A started REPL on an emulated Pico: (session, output bytes so far, lock on them)."""
    from mpt.runtime.board.board import Board
    from mpt.runtime.board.vm_executor import VMExecutor
    from mpt.runtime.board.repl import BoardSession

    board = Board("rp2", flash_dir=tmp_path / "flash", virtual_time=True)
    executor = VMExecutor(board)
    out = bytearray()
    lock = threading.Lock()

    def collect(data):
        with lock:
            out.extend(data)

    session = BoardSession(executor, collect, banner=board.profile.banner)
    executor.attach(session)
    session.start()
    try:
        yield session, out, lock
    finally:
        session.close()


def test_sys_stdin_on_the_repl_reads_raw_unechoed_bytes(tmp_path):
    # a board's sys.stdin is the console stream (shared/runtime/sys_stdio_mphal.c): bytes as
    # they arrive, without the echo and line editing input() has; Enter sends "\r" only
    with repl_session(tmp_path) as (session, out, lock):
        assert session.wait_idle(20)
        with lock:
            out.clear()
        session.feed(b"import sys; s = sys.stdin.read(3); t = sys.stdin.readline()\r")
        assert session.wait_idle(20)  # the guest waits in sys.stdin.read
        session.feed(b"ab\xc3\xa9\rxyz\n")
        assert session.wait_idle(20)
        session.feed(b"print(repr(s), repr(t))\r")
        assert session.wait_idle(20)
        with lock:
            text = bytes(out)
    echoed = b"import sys; s = sys.stdin.read(3); t = sys.stdin.readline()\r\n"
    assert text.startswith(echoed)
    rest = text[len(echoed):]
    assert rest.startswith(b">>> ")  # nothing of what was read is echoed
    assert b"'ab\xc3\xa9' '\\rxyz\\n'" in rest


def test_an_exception_in_a_scheduled_callback_is_printed_and_the_program_goes_on(tmp_path):
    # py/scheduler.c runs callbacks with mp_call_function_1_protected (py/runtime_utils.c),
    # which prints the traceback and returns
    _, out = run_source(tmp_path, """
        import micropython
        def bad(arg):
            raise ValueError("from scheduled", arg)
        micropython.schedule(bad, 7)
        micropython.schedule(42, 1)
        for _ in range(3):
            pass
        print("loop finished")
    """)
    assert out == ("Traceback (most recent call last):\n"
                   '  File "prog.py", line 4, in bad\n'
                   "ValueError: ('from scheduled', 7)\n"
                   "TypeError: 'int' object isn't callable\n"
                   "loop finished\n")


def test_repl_prompts_follow_sys_ps1_and_ps2(tmp_path):
    # shared/runtime/pyexec.c takes its prompts from mp_repl_get_ps1()/ps2(): sys.ps1/ps2
    with repl_session(tmp_path) as (session, out, lock):
        assert session.wait_idle(20)
        session.feed(b"import sys; sys.ps1 = 'mp> '; sys.ps2 = '..> '\r")
        assert session.wait_idle(20)
        with lock:
            out.clear()
        session.feed(b"if 1:\r")
        assert session.wait_idle(20)
        with lock:
            text = bytes(out)
    assert text == b"if 1:\r\n..>     "  # the continuation prompt, then the auto-indent


def test_kbd_intr_changes_or_disables_the_interrupt_character(tmp_path):
    # micropython.kbd_intr(c) sets mp_interrupt_char: -1 lets Ctrl-C through to sys.stdin
    # as an ordinary byte; pyexec restores Ctrl-C before each new input line
    with repl_session(tmp_path) as (session, out, lock):
        assert session.wait_idle(20)
        session.feed(b"import micropython, sys; micropython.kbd_intr(-1); "
                     b"c = sys.stdin.read(1)\r")
        assert session.wait_idle(20)
        session.feed(b"\x03")
        assert session.wait_idle(20)
        with lock:
            out.clear()
        session.feed(b"print(repr(c))\r")
        assert session.wait_idle(20)
        with lock:
            text = bytes(out)
    assert text == b"print(repr(c))\r\n'\\x03'\r\n>>> "
