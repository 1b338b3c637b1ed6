"""The board session running real guest code on mpt's VM, driven with protocol bytes."""

import re
import threading
import time

import pytest

from mpt.runtime.board.board import Board
from mpt.runtime.board.vm_executor import VMExecutor
from mpt.runtime.board.repl import BoardSession
from mpt.runtime.vm.features import WEBASSEMBLY_PYSCRIPT
from waiting import guest_code_running, wait_until


class VmWire:
    def __init__(self, tmp_path, files=None, board="rp2", features=None):
        self.board = Board(board, flash_dir=tmp_path / "flash", virtual_time=True,
                           features=features)
        for name, text in (files or {}).items():
            (tmp_path / "flash" / name).write_text(text)
        self.executor = VMExecutor(self.board)
        self.out = bytearray()
        self.lock = threading.Lock()
        self.session = BoardSession(self.executor, self._collect,
                                    banner=self.board.profile.banner)
        self.executor.attach(self.session)
        self.session.start()
        assert self.session.wait_idle(20)

    def _collect(self, data):
        with self.lock:
            self.out += data

    def take(self):
        with self.lock:
            data = bytes(self.out)
            self.out.clear()
        return data

    def send(self, data):
        self.session.feed(data)
        assert self.session.wait_idle(20)
        return self.take()

    def raw_exec(self, code):
        out = self.send(code + b"\x04")
        assert out.startswith(b"OK") and out.endswith(b"\x04>")
        stdout, stderr, _ = out[2:].split(b"\x04")
        return stdout, stderr


@pytest.fixture
def wire(tmp_path):
    w = VmWire(tmp_path)
    yield w
    w.session.close()


def test_friendly_repl_shows_expression_values(wire):
    assert wire.take().endswith(b'Type "help()" for more information.\r\n>>> ')
    assert wire.send(b"1 + 2\r") == b"1 + 2\r\n3\r\n>>> "
    assert wire.send(b"x = 'a'\r") == b"x = 'a'\r\n>>> "
    assert wire.send(b"x\r") == b"x\r\n'a'\r\n>>> "
    assert wire.send(b"None\r") == b"None\r\n>>> "


def test_friendly_repl_traceback(wire):
    wire.take()
    out = wire.send(b"1/0\r")
    assert out == (b"1/0\r\nTraceback (most recent call last):\r\n"
                   b'  File "<stdin>", line 1, in <module>\r\n'
                   b"ZeroDivisionError: divide by zero\r\n>>> ")


def test_raw_repl_runs_board_code(wire):
    wire.take()
    wire.send(b"\r\x01")
    stdout, stderr = wire.raw_exec(
        b"import sys, os, machine\nprint(sys.platform, os.uname().machine)\n"
        b"p = machine.Pin('LED', machine.Pin.OUT)\np.on()\nprint(p.value())")
    assert stdout == b"rp2 Raspberry Pi Pico with RP2040\r\n1\r\n" and stderr == b""
    stdout, stderr = wire.raw_exec(b"open('/nope')")
    assert stderr.endswith(b"OSError: [Errno 2] ENOENT\r\n")
    stdout, stderr = wire.raw_exec(b"def f(:\n")
    assert stderr.endswith(b"SyntaxError: invalid syntax\r\n")


def test_files_written_over_raw_repl_land_in_the_flash_folder(wire, tmp_path):
    wire.take()
    wire.send(b"\x01")
    wire.raw_exec(b"f = open('hello.txt', 'w')\nf.write('hi there')\nf.close()")
    assert (tmp_path / "flash" / "hello.txt").read_text() == "hi there"
    stdout, _ = wire.raw_exec(b"import os\nprint(os.listdir('/'))")
    assert stdout == b"['hello.txt']\r\n"


def test_soft_reset_runs_boot_and_main_and_forgets_globals(tmp_path):
    w = VmWire(tmp_path, files={"boot.py": "print('boot ran')\n",
                                "main.py": "import machine\nprint('main ran')\n"})
    try:
        assert w.take().startswith(b"boot ran\r\nmain ran\r\nMicroPython v1.29.0")
        w.send(b"y = 5\r")
        out = w.send(b"\x04")
        assert out.startswith(b"\r\nMPY: soft reboot\r\nboot ran\r\nmain ran\r\n")
        out = w.send(b"y\r")
        assert b"NameError: name 'y' isn't defined" in out
    finally:
        w.session.close()


def test_machine_reset_restarts_without_soft_reboot_line(wire):
    wire.take()
    out = wire.send(b"import machine; machine.reset()\r")
    assert b"soft reboot" not in out
    assert out.endswith(b">>> ")
    out = wire.send(b"import machine; machine.reset_cause() == machine.WDT_RESET\r")
    assert b"\r\nTrue\r\n" in out  # the rp2 port resets through its watchdog


def test_ctrl_c_interrupts_a_busy_loop(wire):
    wire.take()
    wire.send(b"\x01")
    wire.session.feed(b"while True:\n    pass\n\x04")
    wait_until(lambda: guest_code_running(wire.session), what="the loop to run")
    out = wire.send(b"\x03")
    assert out.startswith(b"OK\x04Traceback (most recent call last):\r\n")
    assert b'  File "<stdin>", line 2, in <module>\r\n' in out
    # real firmware prints "KeyboardInterrupt: " (the VM's exception printer owns the text)
    assert re.search(rb"\r\nKeyboardInterrupt(: )?\r\n\x04>$", out)


def test_input_reads_from_the_serial_line(wire):
    wire.take()
    wire.session.feed(b"name = input('who? ')\r")
    assert wire.session.wait_idle(20)  # input() waits for the line
    wire.take()
    out = wire.send(b"bob\r")
    assert out == b"bob\r\n>>> "
    assert wire.send(b"name\r") == b"name\r\n'bob'\r\n>>> "


def test_repl_prints_top_level_expressions_only_and_keeps_the_last_in_underscore(wire):
    wire.take()
    assert wire.send(b"1; x = 2; x\r") == b"1; x = 2; x\r\n1\r\n2\r\n>>> "
    assert wire.send(b"_\r") == b"_\r\n2\r\n>>> "
    assert wire.send(b"def f(): return 5\r") == b"def f(): return 5\r\n... "
    assert wire.send(b"\r") == b"\r\n>>> "
    assert wire.send(b"f()\r") == b"f()\r\n5\r\n>>> "


def test_repl_shows_template_strings(tmp_path):
    # the host's own parser cannot read t-strings; the REPL compiles them like MicroPython,
    # on a build that has them (the webassembly port's features)
    wire = VmWire(tmp_path, features=WEBASSEMBLY_PYSCRIPT)
    try:
        wire.take()
        assert wire.send(b't"a{1}"\r') == (
            b't"a{1}"\r\nTemplate(strings=(\'a\', \'\'), '
            b"interpolations=(Interpolation(1, '1', None, ''),))\r\n>>> ")
    finally:
        wire.session.close()


def test_repl_refuses_template_strings_on_a_board_without_them(wire):
    # the rp2 firmware is built without t-strings: its REPL says what the unix port's says
    wire.take()
    assert wire.send(b't"a{1}"\r') == (b't"a{1}"\r\nTraceback (most recent call last):\r\n'
                                         b'  File "<stdin>", line 1\r\n'
                                         b"SyntaxError: invalid syntax\r\n>>> ")


def test_ctrl_c_interrupts_a_long_sleep_in_real_time(tmp_path):
    w = VmWire(tmp_path)
    w.board.clock.virtual = False  # this session's board runs in real time
    try:
        w.take()
        w.send(b"\x01")
        w.session.feed(b"import time\ntime.sleep(30)\n\x04")
        wait_until(lambda: guest_code_running(w.session), what="the sleep to start")
        started = time.perf_counter()
        out = w.send(b"\x03")
        assert time.perf_counter() - started < 2
        assert b"KeyboardInterrupt" in out and out.endswith(b"\x04>")
    finally:
        w.session.close()


def test_pyboard_soft_reset_syncs_filesystems_first(tmp_path):
    w = VmWire(tmp_path, board="pyboard")
    try:
        assert w.take().startswith(b"MicroPython v1.29.0 on 2026-08-29; PYBv1.1 with STM32F405RG")
        out = w.send(b"\x04")
        assert out.startswith(b"\r\nMPY: sync filesystems\r\nMPY: soft reboot\r\nMicroPython")
    finally:
        w.session.close()


def test_virtual_time_polling_loop_sees_a_scheduled_press(tmp_path):
    from mpt.runtime.board.config import apply_board_file
    w = VmWire(tmp_path)
    # each read costs the loop a microsecond of virtual time: 0.2 s is 200,000 reads, which a
    # loaded machine still does well within the session's wait
    apply_board_file(w.board, {"pin": [{"pin": "GP3", "initial": 1, "events": [[0.2, 0]]}]})
    try:
        w.take()
        w.send(b"\x01")
        stdout, stderr = w.raw_exec(
            b"from machine import Pin\nimport time\nb = Pin(3, Pin.IN)\n"
            b"while b.value():\n    pass\nprint(time.ticks_ms() // 100)")
        assert (stdout, stderr) == (b"2\r\n", b"")
    finally:
        w.session.close()


def test_timer_callbacks_run_while_the_repl_waits(tmp_path):
    w = VmWire(tmp_path)
    w.board.clock.virtual = False
    try:
        w.take()
        w.send(b"from machine import Timer\r")
        w.send(b"t = Timer(period=50, mode=Timer.PERIODIC, callback=lambda t: print('tick'))\r")
        started = time.monotonic()
        seen = bytearray()
        wait_until(lambda: seen.extend(w.take()) or seen.count(b"tick\r\n") >= 5,
                   what="5 ticks")
        elapsed = time.monotonic() - started
        # about one per 50 ms while the prompt waited: 5 ticks take at least 200 ms
        assert elapsed >= 0.2, elapsed
        w.send(b"t.deinit()\r")
        w.send(b"import time\r")
        # deinit stopped it: no tick while the guest itself waits 300 ms in real time
        assert w.send(b"time.sleep_ms(300)\r") == b"time.sleep_ms(300)\r\n>>> "
    finally:
        w.session.close()


def test_tab_completion_on_the_vm(wire):
    wire.take()
    assert wire.send(b"import mach\t") == b"import machine"
    wire.send(b"\r")
    assert wire.send(b"machine.Pi\t") == b"machine.Pin"
    assert wire.send(b".OU\t") == b".OUT"
    assert wire.send(b"\r") == b"\r\n1\r\n>>> "


def test_a_caught_reset_still_restarts_the_board(wire):
    wire.take()
    wire.send(b"\x05")
    out = wire.send(b"import machine\rtry:\r    machine.reset()\rexcept:\r    print('caught')\r\x04")
    assert b"\r\ncaught\r\n" not in out
    assert out.endswith(b'Type "help()" for more information.\r\n>>> ')
    assert b"soft reboot" not in out


def test_input_uses_the_line_editor_and_ctrl_c_interrupts_it(wire):
    wire.take()
    wire.session.feed(b"s = input('> ')\r")
    assert wire.session.wait_idle(20)  # input() waits for the line
    assert wire.take() == b"s = input('> ')\r\n> "
    assert wire.send(b"abx\x08c\r") == b"abx\b\x1b[Kc\r\n>>> "
    assert wire.send(b"s\r") == b"s\r\n'abc'\r\n>>> "
    wire.session.feed(b"input()\r")
    assert wire.session.wait_idle(20)
    wire.take()
    wire.session.feed(b"\x03")  # swallowed by the interrupt: wait for the effect
    out = bytearray()
    wait_until(lambda: out.extend(wire.take()) or out.endswith(b">>> "), what="the prompt")
    assert b"KeyboardInterrupt" in out and out.endswith(b">>> ")


def test_scheduled_callbacks_run_while_sleeping(wire):
    wire.take()
    wire.send(b"\x01")
    stdout, stderr = wire.raw_exec(
        b"import micropython, time\nmicropython.schedule(print, 'scheduled')\n"
        b"time.sleep_ms(5)\nprint('after')")
    assert (stdout, stderr) == (b"scheduled\r\nafter\r\n", b"")
    # an interrupt that arrives as code ends never reaches the next run
    wire.executor.interrupt()
    assert wire.executor.take_pending_interrupt() is True
    stdout, stderr = wire.raw_exec(b"print('clean')")
    assert (stdout, stderr) == (b"clean\r\n", b"")
