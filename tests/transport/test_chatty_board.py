"""A board that never stops talking is waited on with a deadline, not forever: every wait for a
protocol answer ends even while bytes keep coming."""

import time

import pytest

from mpt.errors import BoardTimeout, ConnectionFailed
from mpt.transport.serial_transport import SerialTransport

CHATTER = ("while True:\n"
           "    try:\n"
           "        while True:\n"
           "            print('chatter')\n"
           "    except KeyboardInterrupt:\n"
           "        pass\n")


@pytest.fixture
def flash(tmp_path):
    folder = tmp_path / "flash"
    folder.mkdir()
    # boot.py chatters (and shrugs off Ctrl-C) once the file 'chatty' exists
    (folder / "boot.py").write_text("import os\nif 'chatty' in os.listdir('/'):\n" +
                                    "".join("    " + line + "\n" for line in CHATTER.splitlines()))
    return folder


def test_a_soft_reset_into_a_boot_py_that_never_stops_printing_ends(flash):
    transport = SerialTransport(f"emu://rp2?flash={flash}", answer_timeout=2, enter_timeout=2)
    transport.repl.boot_timeout = 3
    try:
        transport.exec("open('chatty', 'w').close()")
        started = time.monotonic()
        with pytest.raises(BoardTimeout, match="after the soft reset within 3 s") as info:
            transport.soft_reset()
        assert b"chatter" in info.value.received
        assert time.monotonic() - started < 30
    finally:
        (flash / "chatty").unlink()
        transport.link.close()


def test_entering_the_raw_repl_of_a_board_that_never_stops_printing_ends(flash):
    transport = SerialTransport(f"emu://rp2?flash={flash}", answer_timeout=2, enter_timeout=3)
    try:
        transport.start(CHATTER)
        started = time.monotonic()
        with pytest.raises(ConnectionFailed, match="could not enter the raw REPL"):
            transport.exec("print(1)")
        assert time.monotonic() - started < 30
    finally:
        transport.link.close()


def test_closing_the_emulated_board_stops_a_program_that_shrugs_off_ctrl_c(flash):
    """A board switched off stops: its program cannot keep the host busy by catching
    KeyboardInterrupt (it would starve everything else in the process)."""
    import threading

    from waiting import wait_until

    before = {t for t in threading.enumerate() if t.name == "mpt-board"}
    transport = SerialTransport(f"emu://rp2?flash={flash}", answer_timeout=2, enter_timeout=2)
    transport.start(CHATTER)
    board = next(t for t in threading.enumerate() if t.name == "mpt-board" and t not in before)
    transport.link.close()
    wait_until(lambda: not board.is_alive(), what="the board's thread to end", timeout=20)
