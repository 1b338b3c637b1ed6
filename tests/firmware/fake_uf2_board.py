"""A board in its UF2 bootloader, as a folder: INFO_UF2.TXT while mounted, gone after a good copy."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from mpt.firmware.uf2 import parse_uf2
from tests.firmware.peers import BackgroundPeer

RP2040_INFO = "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: RPI-RP2\n"
RP2350_INFO = "UF2 Bootloader v1.0\nModel: Raspberry Pi RP2350\nBoard-ID: RP2350\n"


class FakeUf2Board(BackgroundPeer):
    def __init__(self, drive: Path, info_text: str = RP2040_INFO, mount_delay: float = 0.3):
        super().__init__()
        self.drive = Path(drive)
        self.info_text = info_text
        self.mount_delay = mount_delay
        self.flashed: bytes | None = None
        self.flashed_memory = None
        self.bootloader_requests: list[str] = []

    def mount(self) -> None:
        self.drive.mkdir(parents=True, exist_ok=True)
        (self.drive / "INDEX.HTM").write_text("<html>redirect</html>")
        (self.drive / "INFO_UF2.TXT").write_text(self.info_text)

    def enter_bootloader(self, port: str) -> None:
        """Stands in for the 1200-baud touch: the drive appears a little later."""
        self.bootloader_requests.append(port)
        Path(port).unlink(missing_ok=True)     # the board's serial port goes away while it reboots
        timer = threading.Timer(self.mount_delay, self.mount)
        timer.daemon = True
        timer.start()

    def _serve(self):
        while not self._stop.is_set():
            for candidate in list(self.drive.glob("*.uf2")) if self.drive.exists() else []:
                data = candidate.read_bytes()
                try:
                    parsed = parse_uf2(data)
                except Exception:
                    continue           # still being written
                self.flashed = data
                self.flashed_memory = parsed.memory()
                # the bootloader writes flash, reboots, and the drive disappears
                for item in self.drive.iterdir():
                    item.unlink()
                self.drive.rmdir()
                if self.bootloader_requests:
                    Path(self.bootloader_requests[-1]).touch()   # MicroPython's port is back
                return
            time.sleep(0.05)
