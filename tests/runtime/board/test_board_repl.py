"""The device side of the REPL protocols, driven with the bytes mpremote sends."""

import threading
import pytest

from mpt.runtime.board.profiles import get_profile
from mpt.runtime.board.repl import BoardSession, continue_with_input

from fake_executor import HostExecutor
from waiting import guest_code_running, wait_until

BANNER = get_profile("rp2").banner.encode()


class Wire:
    def __init__(self, files=None, boot=True, executor=None):
        self.executor = executor if executor is not None else HostExecutor(files)
        self.out = bytearray()
        self.lock = threading.Lock()
        self.session = BoardSession(self.executor, self._collect,
                                    banner=get_profile("rp2").banner)
        self.executor.session = self.session
        self.session.start(boot=boot)
        assert self.session.wait_idle()

    def _collect(self, data):
        with self.lock:
            self.out += data

    def take(self):
        with self.lock:
            data = bytes(self.out)
            self.out.clear()
        return data

    def send(self, data, settle=True):
        self.session.feed(data)
        if settle:
            assert self.session.wait_idle()
        return self.take()


@pytest.fixture
def wire():
    w = Wire()
    yield w
    w.session.close()


def test_power_on_shows_banner_and_prompt(wire):
    assert wire.take() == BANNER + b">>> "


def test_friendly_repl_echo_and_run(wire):
    wire.take()
    assert wire.send(b"print(1+1)\r") == b"print(1+1)\r\n2\r\n>>> "
    assert wire.send(b"x = 5\r") == b"x = 5\r\n>>> "


def test_compound_statement_continuation_and_auto_indent(wire):
    wire.take()
    out = wire.send(b"for i in range(2):\r")
    assert out == b"for i in range(2):\r\n...     "
    out = wire.send(b"print(i)\r")
    assert out == b"print(i)\r\n...     "
    # as on a real board, Enter on an auto-indented line indents once more, then stops
    # indenting, and an empty line ends the block
    assert wire.send(b"\r") == b"\r\n...     "
    assert wire.send(b"\r") == b"\r\n... "
    assert wire.send(b"\r") == b"\r\n0\r\n1\r\n>>> "


def test_backspace_and_ctrl_c_cancel(wire):
    wire.take()
    assert wire.send(b"ab\x08") == b"ab\b\x1b[K"
    assert wire.send(b"\x03") == b"\r\n>>> "


def test_ctrl_b_banner_and_ctrl_d_soft_reset():
    w = Wire(files={"boot.py": "print('booting')", "main.py": "print('main')"})
    try:
        assert w.take() == b"booting\r\nmain\r\n" + BANNER + b">>> "
        assert w.send(b"\x02") == b"\r\n" + BANNER + b">>> "
        assert w.send(b"\x04") == (b"\r\nMPY: soft reboot\r\nbooting\r\nmain\r\n"
                                   + BANNER + b">>> ")
        assert w.executor.resets == 2
    finally:
        w.session.close()


def test_main_py_is_skipped_when_boot_py_fails():
    w = Wire(files={"boot.py": "1/0", "main.py": "print('main')"})
    try:
        out = w.take()
        assert b"ZeroDivisionError" in out and b"main" not in out
    finally:
        w.session.close()


def test_paste_mode(wire):
    wire.take()
    out = wire.send(b"\x05")
    assert out == b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== "
    out = wire.send(b"if 1:\r  print('p')\r\x04")
    assert out == b"if 1:\r\n===   print('p')\r\n=== \r\np\r\n>>> "


def test_raw_repl_exec_as_mpremote_does(wire):
    wire.take()
    wire.send(b"\r\x03", settle=True)
    wire.take()
    assert wire.send(b"\r\x01").endswith(b"raw REPL; CTRL-B to exit\r\n>")
    out = wire.send(b"print('hi')\x04")
    assert out == b"OKhi\r\n\x04\x04>"
    out = wire.send(b"1/0\x04")
    assert out == (b"OK\x04Traceback (most recent call last):\r\n"
                   b'  File "<stdin>", line 1, in <module>\r\nZeroDivisionError: '
                   b"division by zero\r\n\x04>")
    assert wire.send(b"\x03") == b""  # clears the line
    assert wire.send(b"\r\x02") == b"\r\n" + BANNER + b">>> "


def test_raw_repl_soft_reset_runs_boot_but_not_main():
    w = Wire(files={"boot.py": "print('boot')", "main.py": "print('main')"})
    try:
        w.take()
        w.send(b"\r\x03")
        w.take()
        w.send(b"\r\x01")
        out = w.send(b"\x04")
        assert out == b"OK\r\nMPY: soft reboot\r\nboot\r\nraw REPL; CTRL-B to exit\r\n>"
        assert w.executor.ran_files == ["boot.py", "main.py", "boot.py"]
    finally:
        w.session.close()


def test_sys_exit_in_raw_repl_soft_resets(wire):
    wire.take()
    wire.send(b"\x01")
    wire.take()
    out = wire.send(b"import sys; sys.exit()\x04")
    assert out == b"OK\x04\x04MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>"


def raw_paste(wire, code, window_bytes=None):
    wire.take()
    out = wire.send(b"\x05A\x01")
    assert out[:2] == b"R\x01"
    window = int.from_bytes(out[2:4], "little")
    assert out[4:] == b"\x01"
    return window


def test_raw_paste_flow_control(wire):
    wire.take()
    wire.send(b"\x01")
    window = raw_paste(wire, b"")
    assert window == 128
    code = b"x = 0\n" + b"x += 1\n" * 60 + b"print(x)\n"  # 433 bytes
    increments = 0
    sent = 0
    credit = window * 2  # the header grants the first window, its 0x01 a second one
    while sent < len(code):
        chunk = code[sent:sent + min(credit, window)]
        out = wire.send(chunk)
        sent += len(chunk)
        credit -= len(chunk)
        increments += out.count(b"\x01")
        credit += out.count(b"\x01") * window
        assert out.replace(b"\x01", b"") == b""
    assert increments == len(code) // window
    out = wire.send(b"\x04")
    assert out == b"\x0460\r\n\x04\x04>"


def test_raw_paste_refused_command(wire):
    wire.take()
    wire.send(b"\x01")
    wire.take()
    assert wire.send(b"\x05B\x01") == b"R\x00>"


def test_ctrl_c_interrupts_running_code(wire):
    wire.take()
    wire.send(b"\x01")
    wire.take()
    wire.session.feed(b"while True:\n    checkpoint()\n\x04")
    wait_until(lambda: guest_code_running(wire.session), what="the loop to run")
    assert not wire.session.wait_idle(timeout=0.1)  # still running
    out = wire.send(b"\x03")
    out = out + wire.take()
    assert out.startswith(b"OK\x04Traceback")
    assert out.endswith(b"KeyboardInterrupt: \r\n\x04>")


def test_guest_reads_stdin(wire):
    wire.take()
    wire.send(b"\x01")
    wire.take()
    wire.session.feed(b"print(read_stdin(3))\x04")
    wait_until(lambda: guest_code_running(wire.session), what="the code to run")
    out = wire.send(b"abc")
    assert (out + wire.take()) == b"OKb'abc'\r\n\x04\x04>"


def test_history_recall(wire):
    wire.take()
    wire.send(b"1\r")
    wire.send(b"22\r")
    assert wire.send(b"\x1b[A") == b"22"
    assert wire.send(b"\x1b[A") == b"\b\b\x1b[K1"
    assert wire.send(b"\r") == b"\r\n1\r\n>>> "


def test_tab_completion(wire):
    wire.take()
    assert wire.send(b"inp\t") == b"input"          # one match: completed
    assert wire.send(b"\x03") == b"\r\n>>> "
    assert wire.send(b"i\t") == (b"i\r\ninput           int             isinstance"
                                  b"      issubclass\r\niter\r\n>>> i")  # choices listed
    assert wire.send(b"ss\t") == b"ssubclass"      # common prefix "issubclass"
    assert wire.send(b"\x03") == b"\r\n>>> "
    assert wire.send(b"imp\t") == b"import "       # the "import" keyword


@pytest.mark.parametrize("text,expected", [
    (b"x = 1", False), (b"if x:", True), (b"def f():\n    pass\n", False),
    (b"print((1,", True), (b"s = '''abc", True), (b"s = 'a(b'", False), (b"x = 1 + \\", True),
    (b"@dec", True), (b"iffy = 3", False), (b"d = {'a': [1,", True),
])
def test_continue_with_input(text, expected):
    assert continue_with_input(text) is expected


class SlowLookupExecutor(HostExecutor):
    """Looking for a missing boot.py/main.py takes until the host's Ctrl-C has arrived."""

    def __init__(self):
        super().__init__()
        self.host_sent = threading.Event()
        self.looked_up = threading.Event()

    def _look_up(self, name):
        if self.resets > 1 and name not in self.files:
            self.looked_up.set()
            self.host_sent.wait(timeout=5)
        return name in self.files

    def has_file(self, name):
        return self._look_up(name)

    def run_file(self, name):
        if not self._look_up(name):
            return None
        return super().run_file(name)


def test_ctrl_c_while_looking_for_missing_boot_files_reaches_the_repl():
    # a host soft-resets and sends Ctrl-C right away; with no boot.py/main.py on the flash
    # nothing runs, so the firmware has Ctrl-C disabled and the friendly REPL reads it
    w = Wire(executor=SlowLookupExecutor())
    try:
        w.take()
        w.session.feed(b"\x04")
        assert w.executor.looked_up.wait(timeout=5)
        w.session.feed(b"\x03")
        w.executor.host_sent.set()
        assert w.session.wait_idle()
        # a Ctrl-C on an empty line gets a fresh prompt
        assert w.take() == b"\r\nMPY: soft reboot\r\n" + BANNER + b">>> \r\n>>> "
    finally:
        w.executor.host_sent.set()
        w.session.close()
