"""Port selection, and raw-REPL framing against scripted firmware of other generations."""

import pytest

from mpt.errors import ConnectionFailed, UsageError
from mpt.transport import ports
from mpt.transport.link import Link
from mpt.transport.ports import PortInfo, choose_auto, expand_shortcut, resolve_port
from mpt.transport.rawrepl import RawRepl


def info(device, vid=None, pid=None, serial=None):
    return PortInfo(device, vid=vid, pid=pid, serial_number=serial,
                    board=ports.recognise(vid, pid))


def test_auto_picks_the_single_board():
    found = [info("/dev/ttyS0"), info("/dev/ttyACM0", 0x2E8A, 0x0005, "E66"),
             info("/dev/ttyUSB3", 0x0403, 0x1234)]
    assert choose_auto(found) == "/dev/ttyACM0"


def test_auto_refuses_when_ambiguous_and_lists_candidates():
    found = [info("/dev/ttyACM0", 0x2E8A, 0x0005, "E66"), info("/dev/ttyUSB0", 0x10C4, 0xEA60),
             info("/dev/ttyUSB1", 0x303A, 0x1001)]
    with pytest.raises(UsageError) as error:
        choose_auto(found)
    assert "/dev/ttyACM0 (Raspberry Pi Pico (MicroPython), 2e8a:0005, serial E66)" in error.value.message
    assert "/dev/ttyUSB0 (Silicon Labs CP210x" in error.value.message
    assert "/dev/ttyUSB1 (Espressif (native USB)" in error.value.message


def test_auto_without_boards_is_a_connection_error():
    with pytest.raises(ConnectionFailed, match="no MicroPython board found"):
        choose_auto([info("/dev/ttyS0")])


@pytest.mark.parametrize("given, expected", [
    ("emu", "emu://"), ("a0", "/dev/ttyACM0"), ("u2", "/dev/ttyUSB2"), ("c3", "COM3"),
    ("tcp:localhost:2217", "socket://localhost:2217"), ("/dev/ttyACM7", "/dev/ttyACM7"),
    ("socket://h:1", "socket://h:1")])
def test_shortcuts(given, expected):
    assert expand_shortcut(given) == expected


def test_port_from_environment_then_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    (tmp_path / "pyproject.toml").write_text('[tool.mpt]\nport = "u1"\n')
    monkeypatch.delenv("MPT_PORT", raising=False)
    assert resolve_port(None) == "/dev/ttyUSB1"
    monkeypatch.setenv("MPT_PORT", "a3")
    assert resolve_port(None) == "/dev/ttyACM3"
    assert resolve_port("emu") == "emu://"


class ScriptedBoard:
    """A pyserial-like port whose far end follows a script of (expected input, reply)."""

    def __init__(self, script):
        self.script = list(script)
        self.incoming = bytearray()
        self.outgoing = bytearray()
        self.timeout = 0

    def write(self, data):
        self.incoming += data
        while self.script and self.incoming.startswith(self.script[0][0]):
            expected, reply = self.script.pop(0)
            del self.incoming[:len(expected)]
            self.outgoing += reply
        return len(data)

    @property
    def in_waiting(self):
        return len(self.outgoing)

    def read(self, size=1):
        data = bytes(self.outgoing[:size])
        del self.outgoing[:size]
        return data

    def close(self):
        pass


BANNER = b"raw REPL; CTRL-B to exit\r\n>"


def test_old_firmware_without_raw_paste_falls_back_to_plain_raw_mode():
    board = ScriptedBoard([
        (b"\r\x03\x03", b""), (b"\r\x01", BANNER),
        # firmware before raw-paste: \x05 A are line characters, \x01 restarts the raw REPL
        (b"\x03\x05A\x01", BANNER),
        (b"\x03print(1)\x04", b"OK1\r\n\x04\x04>"),
        (b"\x03print(2)\x04", b"OK2\r\n\x04\x04>"),
    ])
    repl = RawRepl(Link(board), answer_timeout=0.5, enter_timeout=2)
    assert repl.exec("print(1)") == b"1\r\n"
    assert repl.raw_paste is False
    assert repl.exec("print(2)") == b"2\r\n"  # no second probe
    assert board.script == []


def test_firmware_refusing_raw_paste_with_r0():
    board = ScriptedBoard([
        (b"\r\x03\x03", b""), (b"\r\x01", BANNER),
        (b"\x03\x05A\x01", b"R\x00>"),
        (b"\x03x=1\x04", b"OK\x04\x04>"),
    ])
    repl = RawRepl(Link(board), answer_timeout=0.5, enter_timeout=2)
    assert repl.exec("x=1") == b""
    assert repl.raw_paste is False


def test_raw_paste_early_end_on_syntax_error_is_acknowledged():
    # the board stops reading after the first window and reports the error
    code = b"x = (" + b"1" * 400
    board = ScriptedBoard([
        (b"\r\x03\x03", b""), (b"\r\x01", BANNER),
        (b"\x03\x05A\x01", b"R\x01\x80\x00\x01"),
        (code[:256], b"\x04"),
        (b"\x04", b"\x04SyntaxError: invalid syntax\r\n\x04>"),
    ])
    repl = RawRepl(Link(board), answer_timeout=0.5, enter_timeout=2)
    from mpt.errors import RemoteException
    with pytest.raises(RemoteException, match="SyntaxError"):
        repl.exec(code)


def test_late_output_before_the_raw_paste_answer_resynchronises_instead_of_giving_up_raw_paste():
    # after a Ctrl-C, a banner answering an earlier raw REPL request arrives late, just
    # before the answer to the next raw-paste request: not the sign of old firmware
    answer = b"R\x01\x80\x00\x01"
    board = ScriptedBoard([
        (b"\r\x03\x03", b""), (b"\r\x01", BANNER),
        (b"\x03\x05A\x01", answer), (b"print(1)\x04", b"\x041\r\n\x04\x04>"),
        (b"\x03\x05A\x01", BANNER + answer),
        (b"\r\x03\x03", b""), (b"\r\x01", BANNER),
        (b"\x03\x05A\x01", answer), (b"print(2)\x04", b"\x042\r\n\x04\x04>"),
    ])
    repl = RawRepl(Link(board), answer_timeout=0.5, enter_timeout=2)
    assert repl.exec("print(1)") == b"1\r\n"
    assert repl.exec("print(2)") == b"2\r\n"
    assert repl.raw_paste is True
    assert board.script == []


def test_a_port_without_micropython_is_reported_quickly():
    import time
    from mpt.transport.serial_transport import SerialTransport
    started = time.monotonic()
    transport = SerialTransport("loop://", enter_timeout=1.5)
    with pytest.raises(ConnectionFailed, match="could not enter the raw REPL of loop://"):
        transport.exec("print(1)")
    assert time.monotonic() - started < 5
    transport.close()


def test_control_lines_are_set_before_the_port_opens():
    from mpt.transport.serial_transport import SerialTransport
    transport = SerialTransport("loop://", dtr=False, rts=False, enter_timeout=0.5)
    assert (transport.link.port.dtr, transport.link.port.rts) == (False, False)
    transport.close()
    default = SerialTransport("loop://", enter_timeout=0.5)
    assert (default.link.port.dtr, default.link.port.rts) == (True, True)  # pyserial's default
    default.close()
