"""select / uselect on the emulated board.

The programs in tests/runtime/data/select_programs must print what real MicroPython 1.29
printed (recorded by record_asyncio_expected.py); the other tests cover what the reference
build has no counterpart for: the board clock (virtual time), UARTs, timer interrupts and
the host's standard input.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from record_asyncio_expected import normalise
from test_asyncio import run_program, write_program

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "data", "select_programs")
NAMES = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))


@pytest.mark.parametrize("name", NAMES)
def test_program_matches_micropython(name, tmp_path):
    with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
        expected = f.read()
    _, got = run_program(os.path.join(PROGRAMS, name), tmp_path)
    assert normalise(got) == expected


def test_uselect_is_select(tmp_path):
    path = write_program(tmp_path, "import select, uselect\n"
                                   "print(uselect.poll is select.poll, uselect.POLLIN)\n")
    assert run_program(path, tmp_path) == (0, "True 1\n")


def test_poll_timeout_advances_the_virtual_clock_exactly(tmp_path):
    path = write_program(tmp_path, """
import io, select, time
class Never(io.IOBase):
    def ioctl(self, req, arg):
        return 0
p = select.poll()
p.register(Never(), select.POLLIN)
t0 = time.ticks_ms()
print(p.poll(600000), time.ticks_diff(time.ticks_ms(), t0))
t0 = time.ticks_ms()
print(select.select([], [], [], 2.5), time.ticks_diff(time.ticks_ms(), t0))
""")
    start = time.monotonic()
    status, out = run_program(path, tmp_path)
    assert (status, out) == (0, "[] 600000\n([], [], []) 2500\n")
    assert time.monotonic() - start < 1.0


UART_BOARD = """
[[uart]]
id = 1
rx_events = [[1.5, "abc"]]
"""


def test_uart_becomes_readable_when_its_scheduled_bytes_arrive(tmp_path):
    path = write_program(tmp_path, """
import select, time
from machine import UART
u = UART(1, 115200)
p = select.poll()
p.register(u, select.POLLIN)
print(p.poll(0))
print(p.poll(1000))
t0 = time.ticks_ms()
for obj, ev in p.ipoll(5000):
    print(obj is u, ev, time.ticks_diff(time.ticks_ms(), t0), u.read())
p.modify(u, select.POLLIN | select.POLLOUT)
print([ev for obj, ev in p.poll(0)])
""")
    board_file = tmp_path / "board.toml"
    board_file.write_text(UART_BOARD)
    status, out = run_program(path, tmp_path, board_file=str(board_file))
    assert status == 0, out
    assert out.splitlines() == ["[]", "[]", "True 1 500 b'abc'", "[4]"]


def test_timer_interrupt_sets_a_thread_safe_flag_awaited_by_a_task(tmp_path):
    path = write_program(tmp_path, """
import asyncio, time
from machine import Timer

flag = asyncio.ThreadSafeFlag()
t0 = time.ticks_ms()

async def waiter():
    for i in range(3):
        await flag.wait()
        print("flag", i, time.ticks_diff(time.ticks_ms(), t0) // 10 * 10)

async def main():
    tim = Timer(-1)
    tim.init(period=250, mode=Timer.PERIODIC, callback=lambda t: flag.set())
    await asyncio.wait_for(waiter(), 5)
    tim.deinit()

asyncio.run(main())
""")
    start = time.monotonic()
    status, out = run_program(path, tmp_path)
    assert status == 0, out
    assert out.splitlines() == ["flag 0 250", "flag 1 500", "flag 2 750"]
    assert time.monotonic() - start < 2.0


def test_stdin_is_readable_when_the_host_sends_input(tmp_path):
    path = write_program(tmp_path, """
import select, sys
p = select.poll()
p.register(sys.stdin, select.POLLIN)
ready = p.poll(2000)
print(len(ready), ready and ready[0][0] is sys.stdin, ready and ready[0][1])
print(repr(sys.stdin.readline()))
""")
    p = subprocess.run([sys.executable, "-m", "mpt", "run", "--flash", str(tmp_path / "f"),
                        path], input=b"typed\n", capture_output=True, timeout=60)
    assert (p.returncode, p.stderr) == (0, b"")
    assert p.stdout.decode().splitlines() == ["1 True 1", "'typed\\n'"]


def test_embedder_tells_whether_guest_input_waits():
    from mpt.runtime.library.clock import Clock
    from mpt.runtime import Interpreter

    out: list[str] = []
    waiting = []
    interp = Interpreter(stdout=out.append, stderr=out.append, clock=Clock(virtual=True),
                         stdin=lambda: waiting.pop(0) if waiting else None)
    interp.context.extra["stdin_ready"] = lambda: bool(waiting)
    status = interp.exec_source("import select, sys, time\n"
                                "p = select.poll()\n"
                                "p.register(sys.stdin, select.POLLIN)\n"
                                "t0 = time.ticks_ms()\n"
                                "print(p.poll(250), time.ticks_diff(time.ticks_ms(), t0))\n",
                                "x.py")
    assert (status, out) == (0, ["[] 250\n"])
    waiting.append("line\n")
    out.clear()
    status = interp.exec_source("print(p.poll(250)[0][1], repr(sys.stdin.readline()))\n",
                                "y.py")
    assert (status, out) == (0, ["1 'line\\n'\n"])


def test_what_a_board_cannot_poll(tmp_path):
    # file descriptors are a unix-port feature; pins are not streams
    path = write_program(tmp_path, """
import select
from machine import Pin, UART
for obj in (0, Pin(2), "text"):
    try:
        select.poll().register(obj)
    except OSError as e:
        print("OSError", e)
class Port(UART):
    pass
p = select.poll()
p.register(Port(1), select.POLLIN | select.POLLOUT)
print(p.poll(0)[0][1])
""")
    status, out = run_program(path, tmp_path)
    assert (status, out.splitlines()) == (0, ["OSError stream operation not supported"] * 3
                                          + ["4"])
