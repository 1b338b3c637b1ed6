import os
import tty

from mpt.firmware.board_report import read_banner, wait_for_port

from tests.firmware.banner_port import BannerPort

BANNER = b"MicroPython v1.29.0 on 2026-04-30; Raspberry Pi Pico with RP2040"


def test_banner_is_read_with_ctrl_b():
    with BannerPort(BANNER) as board:
        assert read_banner(board.port, timeout=3) == BANNER.decode()
    assert board.received.startswith(b"\r\x03\x03\x02")


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
