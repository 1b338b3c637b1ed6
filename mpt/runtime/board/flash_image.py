"""The board's flash as a real file-system image (`--flash-image FILE`) instead of a folder.

The image is the file system the firmware keeps in its flash, as `mpt fs image` writes it (or
as read back from a board): FAT for the pyboard (ports/stm32's factory-reset volume, 512-byte
sectors), littlefs v2 for rp2 and esp32 (the port's `VfsLfs2` settings). The guest's `/` is
that volume, read and written through the same FatFs- and littlefs-compatible layers as a
`vfs.VfsFat`/`vfs.VfsLfs2` on a guest block device, so statvfs counts, errors and the bytes
written are the firmware's; every write goes to the file at once.

The file is opened before the guest starts (and before the OS boundary is put up), and its
folder stands for the flash folder where a folder is needed (the boundary, esp32's NVS file).
"""

from __future__ import annotations

import os
from pathlib import Path

from mpt.errors import InputFileError
from mpt.runtime.library.fat_volume import FatVolume
from mpt.runtime.library.lfs_volume import LfsVolume

SECTOR = 512
SECONDS_1970_TO_2000 = 946_684_800
IOCTL_BLOCK_COUNT, IOCTL_BLOCK_SIZE, IOCTL_BLOCK_ERASE = 4, 5, 6


class ImageDevice:
    """The image file as a block device (the methods a guest block device has)."""

    def __init__(self, path: Path, block_size: int):
        try:
            self._file = open(path, "r+b")  # noqa: SIM115 - open for the board's lifetime
        except OSError as exc:
            raise InputFileError(f"cannot use {path} as the board's flash image: "
                                 f"{exc.strerror or exc}") from None
        size = os.fstat(self._file.fileno()).st_size
        if size == 0 or size % block_size:
            self._file.close()
            raise InputFileError(f"{path}: {size} bytes is not a whole number of "
                                 f"{block_size}-byte blocks")
        self.block_size = block_size
        self.blocks = size // block_size

    def readblocks(self, block, buf, off=0):
        self._file.seek(block * self.block_size + off)
        self._file.readinto(buf)

    def writeblocks(self, block, buf, off=0):
        self._file.seek(block * self.block_size + off)
        self._file.write(buf)
        self._file.flush()

    def ioctl(self, op, arg):
        if op == IOCTL_BLOCK_COUNT:
            return self.blocks
        if op == IOCTL_BLOCK_SIZE:
            return self.block_size
        if op == IOCTL_BLOCK_ERASE:
            return 0
        return None

    def close(self) -> None:
        self._file.close()


class _Cwd:
    """The session's ``flash.cwd = "/"`` on a soft reset: back to the volume's root."""

    def __get__(self, volume, owner=None):
        return volume.getcwd() if volume is not None else self

    def __set__(self, volume, path: str) -> None:
        volume.chdir(path)


class FatFlashImage(FatVolume):
    vfs_type = "VfsFat"
    cwd = _Cwd()
    root: Path  # the image's folder
    image_path: Path


class LfsFlashImage(LfsVolume):
    vfs_type = "VfsLfs2"  # (its cwd attribute is already the flash's: "/" is the root)
    fat = False
    root: Path
    image_path: Path


def open_flash_image(path: str | os.PathLike, profile, now_ns=None):
    """The board's flash volume over the image at ``path``, mounted (an InputFileError when
    the file is missing or holds no file system of the board's kind)."""
    image = Path(path).resolve()
    epoch = SECONDS_1970_TO_2000 if profile.epoch_year == 2000 else 0
    fat = profile.fs_kind == "fat"
    device = ImageDevice(image, SECTOR if fat else profile.fs_block_size)
    try:
        if fat:
            fat_volume = FatFlashImage(device, now_ns=now_ns, epoch_offset=epoch)
            if fat_volume.no_filesystem:
                raise OSError(19)
            volume: FatFlashImage | LfsFlashImage = fat_volume
        else:
            volume = LfsFlashImage(device, progsize=profile.port.lfs_prog_size, now_ns=now_ns,
                                   epoch_offset=epoch)
    except OSError as exc:
        device.close()
        kind = "FAT" if fat else "littlefs"
        raise InputFileError(f"{image} holds no {kind} file system the {profile.key} mounts "
                             f"(OSError {exc.args[0] if exc.args else exc}); make one with "
                             f"`mpt fs image FOLDER {image.name} --board {profile.key}`") from None
    volume.root = image.parent
    volume.image_path = image
    return volume
