"""os.dupterm() on the emulated board's REPL and in `mpt run` (extmod/os_dupterm.c: output is
copied to the stream, console input is also read from it, a failing stream is detached)."""

from __future__ import annotations

import textwrap

import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from tests.runtime.board.test_board_vm_session import VmWire

TERM = textwrap.dedent("""
    import io

    class Term(io.IOBase):
        def __init__(self, fail_writes=False):
            self.sent = bytearray()
            self.inbox = bytearray()
            self.fail_writes = fail_writes
            self.closed_with = None

        def write(self, buf):
            if self.fail_writes:
                raise OSError(5)
            self.sent.extend(buf)
            return len(buf)

        def readinto(self, buf):
            if not self.inbox:
                return None
            buf[0] = self.inbox.pop(0)
            return 1

        def ioctl(self, request, arg):
            if request == 4:
                self.closed_with = request
            return 0
""")


@pytest.fixture
def wire(tmp_path):
    w = VmWire(tmp_path, files={"term.py": TERM})
    w.take()
    yield w
    w.session.close()


def test_repl_output_is_copied_to_the_stream(wire):
    assert wire.send(b"import os, term\r") == b"import os, term\r\n>>> "
    assert wire.send(b"t = term.Term()\r") == b"t = term.Term()\r\n>>> "
    assert wire.send(b"os.dupterm(t)\r") == b"os.dupterm(t)\r\n>>> "
    assert wire.send(b"print('hello')\r") == b"print('hello')\r\nhello\r\n>>> "
    out = wire.send(b"os.dupterm(None) is t\r")
    assert out == b"os.dupterm(None) is t\r\nTrue\r\n>>> "
    # the echo of what was typed, the output and the prompts, as the board's UART sends them
    out = wire.send(b"bytes(t.sent)\r")
    assert out == (b"bytes(t.sent)\r\n"
                   b"b\">>> print('hello')\\r\\nhello\\r\\n>>> os.dupterm(None) is t\\r\\n\"\r\n>>> ")


def test_repl_input_is_read_from_the_stream(wire):
    wire.send(b"import os, term\r")
    wire.send(b"t = term.Term()\r")
    wire.send(b"os.dupterm(t)\r")
    out = wire.send(b"t.inbox.extend(b'x = 40 + 2\\r')\r")
    # the line typed on the stream is echoed on the board's own console too
    assert out == b"t.inbox.extend(b'x = 40 + 2\\r')\r\n>>> x = 40 + 2\r\n>>> "
    assert wire.send(b"x\r") == b"x\r\n42\r\n>>> "
    wire.send(b"t.inbox.extend(b'input()\\rtyped\\r')\r")
    assert wire.send(b"") == b""
    assert b"'typed'" in bytes(wire.executor.interpreter.runtime.native_modules["__main__"]
                                .__dict__["t"].sent)


def test_a_stream_that_fails_is_detached_with_the_firmware_message(wire):
    wire.send(b"import os, term\r")
    wire.send(b"t = term.Term(fail_writes=True)\r")
    out = wire.send(b"os.dupterm(t)\r")
    # the prompt reaches the console first; writing it to the stream fails
    assert out == (b"os.dupterm(t)\r\n>>> dupterm: Exception in write() method, deactivating: "
                   b"Traceback (most recent call last):\r\n"
                   b'  File "term.py", line 13, in write\r\n'
                   b"OSError: [Errno 5] EIO\r\n")
    assert wire.send(b"t.closed_with, os.dupterm(None)\r").endswith(b"(4, None)\r\n>>> ")


def test_dupterm_arguments(wire):
    wire.send(b"import os, io\r")
    out = wire.send(b"os.dupterm(None, 1)\r")
    assert out.endswith(b"ValueError: invalid dupterm index\r\n>>> ")
    out = wire.send(b"os.dupterm(42)\r")
    assert out.endswith(b"OSError: stream operation not supported\r\n>>> ")
    assert wire.send(b"os.dupterm(None)\r") == b"os.dupterm(None)\r\n>>> "


def test_mpt_run_copies_output_and_reads_input(tmp_path):
    (tmp_path / "term.py").write_text(TERM)
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent("""
        import os, term
        t = term.Term()
        t.inbox.extend(b'from the stream\\r')
        print(os.dupterm(t))
        print('copied')
        line = input()
        prev = os.dupterm(None)
        print(prev is t, repr(line), bytes(t.sent))
    """))
    out: list[str] = []
    run_on_board(str(script), ["prog.py"], BoardOptions(flash=str(tmp_path / "flash")),
                 stdout=out.append, stderr=out.append)
    assert "".join(out) == ("None\ncopied\nTrue 'from the stream' b'None\\r\\ncopied\\r\\n'\n")


def test_dupterm_notify_moves_stream_bytes_into_the_console_input(wire):
    wire.send(b"import os, term\r")
    wire.send(b"t = term.Term()\r")
    out = wire.send(b"os.dupterm(t); t.inbox.extend(b'y = 5\\r'); os.dupterm_notify(None); "
                    b"os.dupterm(None) is t\r")
    # the bytes stay in the console input after the stream is detached
    assert out.endswith(b"True\r\n>>> y = 5\r\n>>> ")
    assert wire.send(b"y\r") == b"y\r\n5\r\n>>> "


def test_dupterm_notify_is_only_on_ports_that_have_it(tmp_path):
    w = VmWire(tmp_path, board="pyboard")
    try:
        w.take()
        out = w.send(b"import os; hasattr(os, 'dupterm_notify'), os.dupterm(None, 2)\r")
        assert out.endswith(b"(False, None)\r\n>>> ")
    finally:
        w.session.close()
