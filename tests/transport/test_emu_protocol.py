"""The host protocol code against the emulated board's real device-side session (emu://).

The guest code here is run by a stand-in executor (protocol only); what is under test is the
byte exchange: raw-paste flow control, interrupting a busy board, soft reset, stalls.
"""

import time

import pytest
import serial

import standin_executor
from mpt.errors import BoardTimeout, ConnectionFailed, RemoteException
from mpt.transport import urlhandlers
from mpt.transport.serial_transport import SerialTransport


def url(tmp_path, **extra):
    query = "&".join(f"{k}={v}" for k, v in {"executor": "standin", "flash": tmp_path, **extra}.items())
    return f"emu://rp2?{query}"


@pytest.fixture
def board(tmp_path):
    transport = SerialTransport(url(tmp_path))
    yield transport
    transport.close()


def test_emu_url_opens_like_any_serial_port(tmp_path):
    urlhandlers.register()
    port = serial.serial_for_url(url(tmp_path), timeout=1)
    banner = port.read_until(b">>> ")
    assert banner.startswith(b"MicroPython v1.29.0 on ")
    assert b"Raspberry Pi Pico with RP2040" in banner
    port.close()


def test_raw_paste_is_used_and_respects_the_window(board):
    code = "x = '" + "a" * 20000 + "'\nprint(len(x))"
    assert board.exec(code) == b"20000\r\n"
    assert board.repl.raw_paste is True
    assert board.repl.paste_window == 128


def test_remote_exception_is_reported(board):
    with pytest.raises(RemoteException, match="ZeroDivisionError"):
        board.exec("1/0")
    assert board.exec("print('still fine')") == b"still fine\r\n"


def test_connect_while_main_py_prints_forever(tmp_path):
    (tmp_path / "main.py").write_text("while True:\n    print('busy busy busy')\n")
    transport = SerialTransport(url(tmp_path))
    try:
        assert transport.exec("print('got in')") == b"got in\r\n"
    finally:
        transport.close()


def test_connect_during_slow_boot_py(tmp_path):
    (tmp_path / "boot.py").write_text("for i in range(30):\n    time.sleep(0.1)\n")
    transport = SerialTransport(url(tmp_path))
    try:
        assert transport.exec("print('after boot')") == b"after boot\r\n"
    finally:
        transport.close()


def test_noise_sent_to_the_raw_repl_is_recovered(board):
    board.exec("print(1)")
    board.link.write(b"\x00\xffgarbage(((")
    assert board.exec("print(2)") == b"2\r\n"
    assert board.repl.raw_paste is True


def test_interrupting_a_running_program(board):
    chunks = []

    def stop_after_some(data):
        chunks.append(data)
        if len(b"".join(chunks)) > 200:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        board.exec("while True:\n    print('tick')", on_output=stop_after_some, timeout=None)
    assert board.exec("print('next')") == b"next\r\n"


def test_a_board_that_stops_answering_times_out(board):
    board.exec("print(1)")
    standin_executor.CREATED[-1].frozen.set()
    board.repl.answer_timeout = 0.5
    started = time.monotonic()
    with pytest.raises(BoardTimeout) as info:
        board.exec("print(2)", timeout=1.0)
    assert time.monotonic() - started < 5
    assert isinstance(info.value, ConnectionFailed)
    assert "did not answer" in info.value.message


def test_soft_reset_reruns_boot_py(tmp_path):
    (tmp_path / "boot.py").write_text("print('booting')\n")
    transport = SerialTransport(url(tmp_path))
    try:
        transport.exec("y = 1")
        output = transport.soft_reset()
        assert b"booting" in output
        with pytest.raises(RemoteException, match="NameError"):
            transport.exec("print(y)")
    finally:
        transport.close()
