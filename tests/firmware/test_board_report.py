import os
import select
import threading
import tty

from mpt.firmware.board_report import read_banner, wait_for_port

BANNER = b"MicroPython v1.29.0 on 2026-04-30; Raspberry Pi Pico with RP2040"


def test_banner_is_read_with_ctrl_b():
    master, slave = os.openpty()
    tty.setraw(slave)
    got = bytearray()

    def board():
        while b"\x02" not in got:
            if select.select([master], [], [], 2)[0]:
                got.extend(os.read(master, 100))
            else:
                return
        os.write(master, b"\r\n" + BANNER + b"\r\nType \"help()\" for more information.\r\n>>> ")
    thread = threading.Thread(target=board, daemon=True)
    thread.start()
    try:
        assert read_banner(os.ttyname(slave), timeout=3) == BANNER.decode()
        assert got.startswith(b"\r\x03\x03\x02")
    finally:
        thread.join(2)
        os.close(master)
        os.close(slave)


def test_silent_or_missing_port(tmp_path):
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        assert read_banner(os.ttyname(slave), timeout=0.3) is None
    finally:
        os.close(master)
        os.close(slave)
    assert read_banner(str(tmp_path / "nope"), timeout=0.3) is None
    assert wait_for_port(str(tmp_path / "nope"), timeout=0.3) is False
