"""A FAT image of a host folder, for flashing as a FAT board's file system (`mpt fs image
--board pyboard`).

The image is what the stm32 firmware's factory reset makes of its flash (ports/stm32
factoryreset.c: FatFs's f_mkfs with FM_FAT on partition 1 of the flash drive, which starts at
block 0x100 of the drive the firmware shows, then the label "pybflash"), formatted and filled
by mpt's FatFs-compatible layer (:mod:`mpt.runtime.library.fat_volume`) in 512-byte sectors,
with the folder's files instead of the factory's boot.py and main.py. Files and folders carry
their host modification times (FAT's 2-second resolution, local time as the board keeps it).
"""

from __future__ import annotations

import os
import stat as host_stat
import time
from pathlib import Path

from mpt.errors import InputFileError, UsageError
from mpt.runtime.library.fat_volume import FatVolume

ENOSPC, EACCES = 28, 13
SECTOR = 512


class _Sectors:
    """The image as a block device (the methods a guest block device has)."""

    def __init__(self, sectors: int):
        self.data = bytearray(sectors * SECTOR)

    def readblocks(self, block, buf):
        start = block * SECTOR
        buf[:] = self.data[start:start + len(buf)]

    def writeblocks(self, block, buf):
        start = block * SECTOR
        self.data[start:start + len(buf)] = buf

    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // SECTOR
        if op == 5:
            return SECTOR
        return None


class _Clock:
    """The time the volume stamps entries with: each object's host modification time, as the
    host's local time (FAT keeps wall-clock fields, no time zone)."""

    def __init__(self):
        self.ns = 0

    def set(self, mtime_ns: int) -> None:
        offset = time.localtime(mtime_ns // 1_000_000_000).tm_gmtoff or 0
        self.ns = mtime_ns + offset * 1_000_000_000

    def __call__(self) -> int:
        return self.ns


def build_fat_image(folder: str | os.PathLike, size: int, partition_start: int,
                    label: str | None) -> tuple[bytes, int]:
    """(the image, the number of files in it) of ``folder``'s files and folders in a volume of
    ``size`` bytes; symbolic links and special files are left out."""
    root = Path(folder)
    if not root.is_dir():
        raise InputFileError(f"{folder}: not a folder")
    if size % SECTOR:
        raise UsageError(f"the size ({size}) is not a whole number of {SECTOR}-byte sectors")
    device = _Sectors(size // SECTOR)
    clock = _Clock()
    clock.set(root.stat().st_mtime_ns)
    try:
        volume = FatVolume.format_partition(device, partition_start, label, now_ns=clock)
    except OSError:
        raise UsageError(f"{size} bytes are too few for a FAT volume") from None
    try:
        files = _copy_tree(volume, clock, root, "")
    except OSError as exc:
        code = exc.args[0] if exc.args else None
        if code in (ENOSPC, EACCES):  # no cluster for a file's data, or for a folder's
            raise UsageError(f"{folder} does not fit in {size} bytes") from None
        raise UsageError(f"the FAT volume refused {folder}: OSError {code}") from None
    return bytes(device.data), files


def _copy_tree(volume: FatVolume, clock: _Clock, host: Path, guest: str) -> int:
    files = 0
    for entry in sorted(os.scandir(host), key=lambda e: e.name):
        path = f"{guest}/{entry.name}"
        info = entry.stat(follow_symlinks=False)
        clock.set(info.st_mtime_ns)
        if host_stat.S_ISDIR(info.st_mode):
            volume.mkdir(path)
            files += _copy_tree(volume, clock, Path(entry.path), path)
        elif host_stat.S_ISREG(info.st_mode):
            handle = volume.open(path, "wb")
            try:
                with open(entry.path, "rb") as source:
                    while chunk := source.read(1 << 16):
                        handle.write(chunk)
            finally:
                handle.close()
            files += 1
    return files
