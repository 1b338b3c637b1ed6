"""The transport against the emulated board running mpt's VM (emu://): recovery and resets."""

import pytest

from mpt.errors import RemoteException
from mpt.transport.serial_transport import SerialTransport


def open_board(flash):
    return SerialTransport(f"emu://rp2?flash={flash}")


def test_connects_through_slow_boot_and_endless_main(tmp_path):
    (tmp_path / "boot.py").write_text("import time\nfor i in range(15):\n    time.sleep(0.1)\n")
    (tmp_path / "main.py").write_text("while True:\n    print('spam spam spam')\n")
    board = open_board(tmp_path)
    try:
        assert board.exec("import sys\nprint(sys.platform)") == b"rp2\r\n"
    finally:
        board.close()


def test_ctrl_c_stops_a_program_and_the_board_stays_usable(tmp_path):
    board = open_board(tmp_path)
    seen = []

    def interrupt_soon(data):
        seen.append(data)
        if sum(map(len, seen)) > 300:
            raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            board.run_streaming("n = 0\nwhile True:\n    n += 1\n    print(n)",
                                on_output=interrupt_soon)
        assert board.eval("n") > 0
    finally:
        board.close()


def test_resets(tmp_path):
    (tmp_path / "boot.py").write_text("print('boot ran')\n")
    board = open_board(tmp_path)
    try:
        board.exec("x = 1")
        assert b"boot ran" in board.soft_reset()
        with pytest.raises(RemoteException, match="NameError"):
            board.exec("x")
        board.exec("y = 2")
        board.hard_reset()
        assert board.exec("print('y' in globals())") == b"False\r\n"
    finally:
        board.close()


def test_connects_while_the_board_sends_binary_junk(tmp_path):
    (tmp_path / "main.py").write_text(
        "junk = ''.join(chr(i) for i in range(1, 256) if i != 62)\n"
        "while True:\n    print(junk, '\\x04>OK\\x04', end='')\n")
    board = open_board(tmp_path)
    try:
        assert board.eval("6 * 7") == 42
        assert board.exec("print('clean')") == b"clean\r\n"
    finally:
        board.close()
