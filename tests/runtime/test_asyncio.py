"""asyncio on the emulated board, compared with real MicroPython 1.29.

Each tests/runtime/data/asyncio_programs/*.py runs with `mpt run --virtual-time` semantics and must
print what real MicroPython printed running the stock asyncio package frozen as firmware
freezes it (recorded in the .exp files by record_asyncio_expected.py). Other tests check
virtual time and the UART stream path, which the reference build cannot run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from record_asyncio_expected import normalise
from waiting import wait_until_blocked

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "data", "asyncio_programs")
NAMES = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))


def run_program(path: str, tmp_path, *, virtual_time: bool = True,
                board_file: str | None = None) -> tuple[int, str]:
    """Run a program on a fresh board; (status, stdout and stderr as they were written)."""
    out: list[str] = []
    options = BoardOptions(flash=str(tmp_path / "flash"), virtual_time=virtual_time,
                           board_file=board_file)
    status = run_on_board(path, [path], options, stdout=out.append, stderr=out.append)
    return status, "".join(out)


def write_program(tmp_path, source: str, name: str = "prog.py") -> str:
    path = tmp_path / name
    path.write_text(source)
    return str(path)


@pytest.mark.parametrize("name", NAMES)
def test_program_matches_micropython(name, tmp_path):
    with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
        expected = f.read()
    _, got = run_program(os.path.join(PROGRAMS, name), tmp_path)
    assert normalise(got) == expected


def test_uncaught_exception_in_main_task_is_exit_status_1(tmp_path):
    path = write_program(tmp_path, "import asyncio\n"
                                   "async def main():\n"
                                   "    raise ValueError('x')\n"
                                   "asyncio.run(main())\n")
    status, out = run_program(path, tmp_path)
    assert status == 1
    assert out.endswith('  File "asyncio/core.py", line 1, in run_until_complete\n'
                        '  File "prog.py", line 3, in main\nValueError: x\n')


def test_ten_minutes_of_sleeping_takes_no_real_time_in_virtual_time(tmp_path):
    path = write_program(tmp_path, """
import asyncio, time

async def sleeper(n, secs):
    for i in range(n):
        await asyncio.sleep(secs)
    return n * secs

async def main():
    t0 = time.ticks_ms()
    r = await asyncio.gather(sleeper(10, 60), sleeper(600, 1), sleeper(2, 300))
    print(r, time.ticks_diff(time.ticks_ms(), t0))

asyncio.run(main())
""")
    start = time.monotonic()
    status, out = run_program(path, tmp_path)
    elapsed = time.monotonic() - start
    assert status == 0
    # 600 s of board time; a few microseconds per clock read on top
    results, ms = out.split("]")
    assert results == "[600, 600, 600"
    assert 600_000 <= int(ms) < 600_100
    assert elapsed < 1.0


def test_virtual_time_runs_are_deterministic(tmp_path):
    path = write_program(tmp_path, """
import asyncio, time

async def tick(name, ms):
    for i in range(5):
        await asyncio.sleep_ms(ms)
        print(name, i, time.ticks_ms())

async def main():
    await asyncio.gather(tick("a", 7), tick("b", 11))

asyncio.run(main())
""")
    first = run_program(path, tmp_path)
    assert first == run_program(path, tmp_path)
    lines = first[1].splitlines()
    assert lines[0] == "a 0 7" and lines[1] == "b 0 11"
    assert lines[-1] == "b 4 55"


def test_real_time_sleep_waits_on_the_host_clock(tmp_path):
    path = write_program(tmp_path, "import asyncio\n"
                                   "async def main():\n"
                                   "    await asyncio.sleep_ms(150)\n"
                                   "    print('woke')\n"
                                   "asyncio.run(main())\n")
    start = time.monotonic()
    status, out = run_program(path, tmp_path, virtual_time=False)
    assert (status, out) == (0, "woke\n")
    assert 0.15 <= time.monotonic() - start < 2.0


UART_PROGRAM = """
import asyncio
from machine import UART

async def receiver(reader):
    print("line:", await reader.readline())
    print("exactly:", await reader.readexactly(5))
    print("read:", await reader.read(100))

async def sender(writer):
    writer.write(b"ping\\n")
    await writer.drain()
    print("sent")

async def clock():
    for i in range(4):
        await asyncio.sleep(1)
        print("tick", i)

async def main():
    uart = UART(1, 9600)
    reader = asyncio.StreamReader(uart)
    writer = asyncio.StreamWriter(uart)
    await asyncio.gather(receiver(reader), sender(writer), clock())

asyncio.run(main())
"""

UART_BOARD = """
[[uart]]
id = 1
output = "stdout"
rx_events = [[1.5, "hello\\nwor"], [2.5, "ld!!"], [3.2, "more"]]
"""


def test_uart_stream_reader_wakes_when_scheduled_bytes_arrive(tmp_path):
    path = write_program(tmp_path, UART_PROGRAM)
    board_file = tmp_path / "board.toml"
    board_file.write_text(UART_BOARD)
    status, out = run_program(path, tmp_path, board_file=str(board_file))
    assert status == 0
    assert out.splitlines() == [
        "ping",  # the UART's transmit side, copied to stdout
        "sent",
        "tick 0",
        "line: b'hello\\n'",
        "tick 1",
        "exactly: b'world'",
        "read: b'!!'",
        "tick 2",
        "tick 3",
    ]


def test_mpt_run_cli_with_virtual_time(tmp_path):
    path = write_program(tmp_path, "import uasyncio as asyncio\n"
                                   "async def main():\n"
                                   "    await asyncio.sleep(3600)\n"
                                   "    print('an hour later')\n"
                                   "asyncio.run(main())\n")
    p = subprocess.run([sys.executable, "-m", "mpt", "run", "--virtual-time",
                        "--flash", str(tmp_path / "flash"), path],
                       capture_output=True, timeout=60)
    assert (p.returncode, p.stdout, p.stderr) == (0, b"an hour later\n", b"")


def test_asyncio_demo_from_the_vm_suite(tmp_path):
    # (its expected lines are what real MicroPython prints with the stock asyncio package)
    status, out = run_program(os.path.join(HERE, "data", "asyncio_demo.py"), tmp_path)
    assert status == 0, out
    assert out.splitlines() == [
        "a 0", "b 0", "a 1", "b 1", "a 2", "gathered ['bb', 'aa']", "slow 0", "slow 1",
        "timeout", "event set True", "locked True", "unlocked False", "caught bad", "c 0",
        "c 1", "cancelled", "7"]


def test_the_asyncio_example_runs_its_tasks_together(tmp_path):
    examples = os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples")
    start = time.monotonic()
    status, out = run_program(os.path.join(examples, "asyncio_sensors.py"), tmp_path,
                              board_file=os.path.join(examples, "asyncio_sensors.toml"))
    assert status == 0, out
    assert time.monotonic() - start < 3.0
    assert out.splitlines() == [
        # the ADC's 12-bit samples, scaled to 16 bits as the rp2 port does
        "[ 0.00 s] light 30007", "[ 1.00 s] light 50012", "[ 1.20 s] button pressed",
        "[ 2.00 s] light 29991", "[ 2.50 s] command b'avg'", "avg=36670",
        "[ 3.00 s] light 10002", "[ 3.70 s] button pressed", "[ 4.00 s] light 30007",
        "[ 4.25 s] command b'blink'", "unknown", "[ 5.00 s] done: 5 samples, 2 presses"]


def test_interpreter_without_a_board_uses_its_clock():
    from mpt.runtime.library.clock import Clock
    from mpt.runtime import Interpreter

    out: list[str] = []
    interp = Interpreter(stdout=out.append, stderr=out.append, clock=Clock(virtual=True))
    status = interp.exec_source("import asyncio, time\n"
                                "async def main():\n"
                                "    t0 = time.ticks_ms()\n"
                                "    await asyncio.sleep(100)\n"
                                "    print(time.ticks_diff(time.ticks_ms(), t0))\n"
                                "asyncio.run(main())\n", "x.py")
    assert (status, out) == (0, ["100000\n"])


def test_ctrl_c_interrupts_an_asyncio_sleep(tmp_path):
    import signal

    path = write_program(tmp_path, "import asyncio\n"
                                   "async def main():\n"
                                   "    print('sleeping')\n"
                                   "    await asyncio.sleep(30)\n"
                                   "asyncio.run(main())\n")
    p = subprocess.Popen([sys.executable, "-m", "mpt", "run", "--flash",
                          str(tmp_path / "flash"), path],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert p.stdout.readline() == b"sleeping\n"
        wait_until_blocked(p.pid)  # in the asyncio sleep
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=10)
    finally:
        p.kill()
    assert p.returncode == 130
    assert err.decode().endswith('  File "asyncio/core.py", line 1, in wait_io_event\n'
                                 'KeyboardInterrupt: \n')


@pytest.mark.slow
def test_recorded_outputs_are_what_micropython_prints_now(tmp_path):
    """Re-run the reference (real MicroPython with the stock asyncio) for every program."""
    import record_asyncio_expected as ref

    missing = ref.tools_missing()
    if missing:
        pytest.skip(missing)
    libdir = str(tmp_path / "lib")
    ref.build_frozen_like(libdir)
    for folder in ref.PROGRAM_DIRS:
        for name in sorted(f for f in os.listdir(folder) if f.endswith(".py")):
            path = os.path.join(folder, name)
            with open(path[:-3] + ".exp", encoding="utf-8") as f:
                expected = f.read()
            # the reference's timeouts run on the wall clock, so a loaded machine can make
            # real MicroPython itself print something else once: it gets three tries
            outputs = []
            while len(outputs) < 3 and expected not in outputs:
                outputs.append(ref.reference_output(path, libdir))
            assert outputs[-1] == expected, name
