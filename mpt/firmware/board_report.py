"""Ask a freshly flashed board what it runs: Ctrl-C, then Ctrl-B makes the friendly REPL print
its banner ("MicroPython vX.Y.Z on DATE; BOARD with MCU"). Best effort: None if nothing comes."""

from __future__ import annotations

import re
import time
from pathlib import Path

from mpt.firmware.banner import MICROPYTHON_BANNER


def wait_for_port(port: str, timeout: float, poll: float = 0.2) -> bool:
    if "://" in port:
        return True
    deadline = time.monotonic() + timeout
    while not Path(port).exists():
        if time.monotonic() >= deadline:
            return False
        time.sleep(poll)
    return True


def read_banner(port: str, timeout: float = 3.0) -> str | None:
    import serial

    try:
        connection = serial.serial_for_url(port, 115200, timeout=0.1)
    except (serial.SerialException, OSError, ValueError):
        return None
    try:
        connection.write(b"\r\x03\x03\x02")
        deadline = time.monotonic() + timeout
        received = b""
        while time.monotonic() < deadline:
            received += connection.read(256)
            match = MICROPYTHON_BANNER.search(received)
            if match:
                end = re.search(rb"[\r\n]", received[match.start():])
                if end:
                    return received[match.start():match.start() + end.start()].decode("ascii", "replace")
        return None
    except (serial.SerialException, OSError):
        return None
    finally:
        connection.close()
