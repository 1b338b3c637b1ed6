"""The raw REPL protocol code against real MicroPython 1.29 firmware (plain raw mode)."""

import pytest

from mpt.errors import RemoteException
from mpt.transport.serial_transport import SerialTransport


@pytest.fixture
def board(real_micropython):
    transport = SerialTransport(real_micropython.url, raw_paste=False)
    yield transport
    transport.close()


def test_exec_returns_stdout(board):
    assert board.exec("print(1 + 2)\nprint('x' * 3)") == b"3\r\nxxx\r\n"


def test_eval_returns_python_values(board):
    assert board.eval("[1, 'a', b'\\x00', (2, 3.5), {'k': None}]") == [1, "a", b"\x00", (2, 3.5), {"k": None}]


def test_exception_on_board_is_typed(board):
    with pytest.raises(RemoteException) as info:
        board.exec("x = 1\n1 // 0")
    assert info.value.message == "ZeroDivisionError: divide by zero"
    assert info.value.traceback_text.startswith("Traceback (most recent call last):")


def test_streamed_output(board):
    chunks = []
    out = board.exec("for i in range(3):\n    print(i)", on_output=chunks.append)
    assert out == b""
    assert b"".join(chunks) == b"0\r\n1\r\n2\r\n"


def test_reconnect_after_host_went_away_mid_code(real_micropython):
    first = SerialTransport(real_micropython.url, raw_paste=False)
    first.enter_raw_repl()
    first.link.write(b"print('left behind')")  # a half-sent command, never finished
    first.link.close()
    second = SerialTransport(real_micropython.url, raw_paste=False)
    try:
        assert second.exec("print('fresh')") == b"fresh\r\n"
    finally:
        second.close()


def test_soft_reset_keeps_raw_repl(board):
    board.exec("x = 5")
    board.soft_reset()
    assert board.exec("print('after')") == b"after\r\n"
