"""Flash boards with a DAPLink interface chip (BBC micro:bit): copy the .hex to its drive.

The drive holds DETAILS.TXT; after a copy DAPLink programs the target, remounts the drive, and
leaves FAIL.TXT on it if programming failed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mpt.errors import ConnectionFailed, DeviceError, FirmwareError, UsageError
from mpt.firmware.flash_uf2 import candidate_mount_points
from mpt.firmware.inspect import ImageInfo

log = logging.getLogger("mpt.firmware")

DETAILS_FILE = "DETAILS.TXT"
FAIL_FILE = "FAIL.TXT"


@dataclass
class DaplinkResult:
    drive: Path
    size: int


def board_target(drive: Path) -> str | None:
    """micro:bit v1 (nRF51) or v2 (nRF52833), from the board id DETAILS.TXT's unique id starts with."""
    try:
        text = (drive / DETAILS_FILE).read_text(errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.lower().startswith("unique id:"):
            board_id = line.split(":", 1)[1].strip()[:4]
            if board_id in ("9900", "9901"):
                return "nrf51"
            if board_id in ("9903", "9904", "9905", "9906"):
                return "nrf52833"
    return None


def find_daplink_drives(places=None) -> list[Path]:
    return [p for p in (candidate_mount_points() if places is None else places) if (p / DETAILS_FILE).is_file()]


def flash_daplink(info: ImageInfo, data: bytes, drive: str | Path | None = None, timeout: float = 30.0,
                  finder: Callable[[], list[Path]] = find_daplink_drives, progress=None) -> DaplinkResult:
    log.info("flashing %d bytes of %s on a DAPLink drive", len(data), info.format_description)
    if info.format not in ("universal-hex", "ihex"):
        raise FirmwareError(f"a DAPLink drive takes .hex files, not a {info.format_description}")
    if info.problems:
        raise FirmwareError(f"refusing to flash an invalid image: {info.problems[0]}")
    if drive is not None:
        path = Path(drive)
        if not (path / DETAILS_FILE).is_file():
            raise ConnectionFailed(f"{path} holds no {DETAILS_FILE}: is it a micro:bit (DAPLink) drive?")
    else:
        drives = finder()
        if not drives:
            raise ConnectionFailed("no micro:bit (DAPLink) drive is mounted")
        if len(drives) > 1:
            raise UsageError(f"several DAPLink drives are mounted ({', '.join(map(str, drives))}): "
                             "choose one with --drive")
        path = drives[0]
    board = board_target(path)
    if info.format == "ihex" and board and info.target and info.target != board:
        raise FirmwareError(f"this hex is for {info.target} but the micro:bit on {path} is {board} "
                            "(use a universal hex); nothing was copied")
    try:
        (path / "firmware.hex").write_bytes(data)
    except OSError as exc:
        raise DeviceError(f"copying to {path} failed: {exc}") from None
    if progress:
        progress(len(data), len(data))
    # DAPLink unmounts while it programs, then mounts the drive again
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if (path / DETAILS_FILE).is_file() and not (path / "firmware.hex").exists():
            break
    else:
        raise DeviceError(f"the DAPLink drive did not come back within {timeout:g} s")
    fail = path / FAIL_FILE
    if fail.exists():
        raise DeviceError(f"DAPLink reports: {fail.read_text(errors='replace').strip()}")
    return DaplinkResult(path, len(data))
