"""Flash UF2 boards: get the board into its bootloader, find its drive, check it, copy, wait.

Entering the bootloader is a pluggable step (`enter_bootloader(port)`): the default is the
1200-baud "touch" that TinyUSB-based MicroPython ports (rp2, samd, nrf) honour. A board session
that can run `machine.bootloader()` over the raw REPL can be passed in instead.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from mpt.errors import ConnectionFailed, DeviceError, FirmwareError, UsageError
from mpt.firmware import uf2
from mpt.firmware.chips import UF2_FAMILIES, targets_match
from mpt.firmware.inspect import ImageInfo

log = logging.getLogger("mpt.firmware")

INFO_FILE = "INFO_UF2.TXT"
# Board-ID prefixes of UF2 bootloaders -> the family they accept
BOARD_ID_FAMILIES = [("RPI-RP2", "rp2040"), ("RP2350", "rp2350-arm-s"), ("SAMD21", "samd21"),
                     ("SAMD51", "samd51"), ("SAME54", "samd51"), ("NRF52840", "nrf52840"),
                     ("NRF52833", "nrf52833"), ("ESP32S2", "esp32s2"), ("ESP32-S2", "esp32s2"),
                     ("ESP32S3", "esp32s3"), ("ESP32-S3", "esp32s3"), ("STM32F4", "stm32f4")]

Progress = Callable[[int, int], None]


@dataclass
class Uf2Drive:
    path: Path
    info: dict[str, str]

    @property
    def board_id(self) -> str:
        return self.info.get("Board-ID", "")

    @property
    def family(self) -> str | None:
        key = self.board_id.upper()
        for prefix, family in BOARD_ID_FAMILIES:
            if key.startswith(prefix):
                return family
        return None


@dataclass
class Uf2FlashResult:
    drive: Path
    board_id: str
    size: int
    drive_gone: bool
    port_back: bool | None


def read_drive(path) -> Uf2Drive | None:
    path = Path(path)
    try:
        text = (path / INFO_FILE).read_text(errors="replace")
    except OSError:
        return None
    info = {}
    for line in text.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            info[key.strip()] = value.strip()
    return Uf2Drive(path, info)


def candidate_mount_points(mounts_file: Path = Path("/proc/mounts")) -> list[Path]:
    """Where removable drives appear on this system."""
    places: list[Path] = []
    if sys.platform == "win32":
        places += [Path(f"{letter}:\\") for letter in "DEFGHIJKLMNOPQRSTUVWXYZ"]
    elif sys.platform == "darwin":
        places += _children(Path("/Volumes"))
    else:
        try:
            for line in mounts_file.read_text().splitlines():
                mount_point = line.split()[1].replace("\\040", " ")
                if mount_point.startswith(("/media", "/run/media", "/mnt")):
                    places.append(Path(mount_point))
        except OSError:
            pass
        user = os.environ.get("USER", "")
        for root in (Path("/media") / user, Path("/run/media") / user, Path("/media"), Path("/mnt")):
            places += _children(root)
    seen, unique = set(), []
    for place in places:
        if place not in seen:
            seen.add(place)
            unique.append(place)
    return unique


def _children(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir()]
    except OSError:
        return []


def find_uf2_drives(places: Iterable[Path] | None = None) -> list[Uf2Drive]:
    drives = []
    for place in (candidate_mount_points() if places is None else places):
        drive = read_drive(place)
        if drive is not None:
            drives.append(drive)
    return drives


def touch_1200(port: str) -> None:
    """Open and close the port at 1200 baud: TinyUSB CDC boards reboot into their UF2 bootloader."""
    import serial

    try:
        connection = serial.Serial(port, 1200)
        try:
            connection.dtr = False      # dropping DTR at 1200 baud is the trigger; closing drops it too
        except OSError:
            pass
        connection.close()
    except serial.SerialException as exc:
        raise ConnectionFailed(f"could not open {port} to reset the board into its bootloader: {exc}") from None


def wait_for_drive(timeout: float, drive: Path | None = None, finder=find_uf2_drives,
                   poll: float = 0.2) -> Uf2Drive:
    deadline = time.monotonic() + timeout
    while True:
        if drive is not None:
            found = read_drive(drive)
            if found:
                return found
        else:
            drives = finder()
            if len(drives) > 1:
                names = ", ".join(str(d.path) for d in drives)
                raise UsageError(f"several UF2 drives are mounted ({names}): choose one with --drive")
            if drives:
                return drives[0]
        if time.monotonic() >= deadline:
            where = f"at {drive}" if drive is not None else "(no mounted drive holds INFO_UF2.TXT)"
            raise ConnectionFailed(f"no UF2 bootloader drive appeared within {timeout:g} s {where}")
        time.sleep(poll)


def check_drive_accepts(drive: Uf2Drive, info: ImageInfo) -> None:
    image_families = [f["name"] if f["name"] != "unknown" else f["id"]
                      for f in info.details.get("families", []) if f["id"] and f["role"] == "image"]
    if drive.family is None or not image_families:
        return  # nothing to compare: a family-less image or an unknown bootloader
    if not any(targets_match(name, drive.family) for name in image_families):
        raise FirmwareError(f"the board's bootloader ({drive.board_id}) takes {drive.family} images, "
                            f"this image is for {', '.join(image_families)}; nothing was copied")


# The families a bootloader writes besides its own (the RP2350 bootrom also takes the RP2350's
# other architectures and its absolute/data families)
_ALSO_ACCEPTED = {"rp2350-arm-s": ("rp2350-riscv", "rp2350-arm-ns", "rp-absolute", "rp-data")}


def blocks_for_drive(drive: Uf2Drive, data: bytes) -> bytes:
    """The part of a multi-family file this board's bootloader takes, byte for byte.

    Bootloaders skip blocks of other families, so a whole file works too; writing only what the
    board takes makes the copy shorter and the drive's progress honest.
    """
    if drive.family is None:
        return data
    parsed = uf2.parse_uf2(data)
    accepted = {UF2_FAMILIES[name] for name in (drive.family, *_ALSO_ACCEPTED.get(drive.family, ()))
                if name in UF2_FAMILIES}
    if set(parsed.families) <= accepted:
        return data
    return parsed.select(accepted | {None})


def flash_uf2(info: ImageInfo, data: bytes, port: str | None = None, drive: str | Path | None = None,
              enter_bootloader: Callable[[str], None] | None = touch_1200, progress: Progress | None = None,
              timeout: float = 30.0, finder=find_uf2_drives, file_name: str = "firmware.uf2",
              chunk_size: int = 64 * 1024) -> Uf2FlashResult:
    log.info("flashing %d bytes of %s as UF2", len(data), info.format_description)
    if info.format != "uf2":
        raise FirmwareError(f"a UF2 drive takes .uf2 files, not a {info.format_description}: "
                            "convert it first with 'mpt firmware convert'")
    if info.problems:
        raise FirmwareError(f"refusing to flash an invalid image: {info.problems[0]}")
    drive_path = Path(drive) if drive is not None else None
    if drive_path is not None and not drive_path.is_dir():
        if port is None:
            raise UsageError(f"{drive_path} is not a folder")
    present = read_drive(drive_path) if drive_path is not None else None
    if present is None and drive_path is None:
        drives = finder()
        if len(drives) > 1:
            names = ", ".join(str(d.path) for d in drives)
            raise UsageError(f"several UF2 drives are mounted ({names}): choose one with --drive")
        present = drives[0] if drives else None
    if present is None:
        if port is None:
            if drive_path is not None:
                raise ConnectionFailed(f"{drive_path} holds no {INFO_FILE}: is the board in its bootloader?")
            raise UsageError("no UF2 drive mounted: give -p PORT to reset the board into its bootloader, "
                             "or --drive")
        if enter_bootloader is None:
            raise UsageError("the board is not in its bootloader and no way to enter it was given")
        enter_bootloader(port)
        present = wait_for_drive(timeout, drive_path, finder)
    check_drive_accepts(present, info)
    data = blocks_for_drive(present, data)
    target = present.path / file_name
    try:
        with open(target, "wb") as out:
            for pos in range(0, len(data), chunk_size):
                out.write(data[pos:pos + chunk_size])
                if progress:
                    progress(min(pos + chunk_size, len(data)), len(data))
            out.flush()
            try:
                os.fsync(out.fileno())
            except OSError:
                pass
    except OSError as exc:
        # the bootloader may unmount the drive as soon as the last block lands
        if not (read_drive(present.path) is None and exc.errno in (5, 2, 19)):
            raise DeviceError(f"copying to {present.path} failed: {exc}") from None
    drive_gone = _wait_until(lambda: read_drive(present.path) is None, timeout)
    port_back = None
    if port is not None and drive_gone:
        port_back = _wait_until(lambda: Path(port).exists(), timeout)
    return Uf2FlashResult(present.path, present.board_id, len(data), drive_gone, port_back)


def _wait_until(condition: Callable[[], bool], timeout: float, poll: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(poll)
