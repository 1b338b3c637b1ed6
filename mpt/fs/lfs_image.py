"""A littlefs v2 image of a host folder, for flashing as a board's file system (`mpt fs image`).

The image is formatted and filled by littlefs itself (littlefs-python), configured as the
firmware's `vfs.VfsLfs2` configures it for the board (extmod/vfs_lfsx.c: read size 32, the
port's prog size, lookahead 32, 100 block cycles, names up to 255 bytes, a cache of
``min(block_size, 4 * max(read_size, prog_size))``), starting from erased flash (0xFF). Files
carry their host modification time as the firmware's attribute 1 (nanoseconds since 1970).
"""

from __future__ import annotations

import os
import stat as host_stat
from dataclasses import dataclass
from pathlib import Path

import littlefs.lfs as lfs
from littlefs.errors import LittleFSError

from mpt.errors import InputFileError, UsageError

ATTR_MTIME = 1
O_WRONLY, O_CREAT, O_EXCL = 2, 0x100, 0x200
ERASED = 0xFF
LFS_ERR_NOSPC = -28


@dataclass(frozen=True)
class ImageLayout:
    block_size: int
    block_count: int
    read_size: int = 32
    prog_size: int = 32
    lookahead: int = 32

    @property
    def size(self) -> int:
        return self.block_size * self.block_count


class _Flash:
    """littlefs's view of the image: a bytearray of erased flash."""

    def __init__(self, layout: ImageLayout):
        self.block_size = layout.block_size
        self.data = bytearray([ERASED]) * layout.size

    def read(self, cfg, block, off, size):
        start = block * self.block_size + off
        return bytes(self.data[start:start + size])

    def prog(self, cfg, block, off, data):
        start = block * self.block_size + off
        self.data[start:start + len(data)] = data
        return 0

    def erase(self, cfg, block):
        start = block * self.block_size
        self.data[start:start + self.block_size] = bytes([ERASED]) * self.block_size
        return 0

    def sync(self, cfg):
        return 0


def build_image(folder: str | os.PathLike, layout: ImageLayout) -> tuple[bytes, int]:
    """(the image, the number of files in it) of ``folder``'s files and folders; symbolic
    links and special files are left out."""
    root = Path(folder)
    if not os.path.isdir(root):  # (never raises, unlike Path.is_dir on a too-long name)
        raise InputFileError(f"{folder}: not a folder")
    if layout.block_size < 128 or layout.block_count < 2:
        raise UsageError("a littlefs image needs blocks of at least 128 bytes and at least 2 "
                         "blocks")
    flash = _Flash(layout)
    cfg = lfs.LFSConfig(flash, block_size=layout.block_size, block_count=layout.block_count,
                        read_size=layout.read_size, prog_size=layout.prog_size,
                        cache_size=min(layout.block_size,
                                       4 * max(layout.read_size, layout.prog_size)),
                        lookahead_size=layout.lookahead, block_cycles=100, name_max=255)
    fs = lfs.LFSFilesystem()
    files = 0
    try:
        lfs.format(fs, cfg)
        lfs.mount(fs, cfg)
        files = _copy_tree(fs, root, "")
        lfs.unmount(fs)
    except LittleFSError as exc:
        if exc.code == LFS_ERR_NOSPC:
            raise UsageError(f"{folder} does not fit in {layout.size} bytes "
                             f"({layout.block_count} blocks of {layout.block_size})") from None
        raise UsageError(f"littlefs refused the image: {exc}") from None
    return bytes(flash.data), files


def _copy_tree(fs, host: Path, guest: str) -> int:
    files = 0
    for entry in sorted(os.scandir(host), key=lambda e: e.name):
        path = f"{guest}/{entry.name}"
        if len(entry.name.encode("utf-8")) > 255:
            raise UsageError(f"{entry.path}: name longer than 255 bytes")
        info = entry.stat(follow_symlinks=False)
        if host_stat.S_ISDIR(info.st_mode):
            lfs.mkdir(fs, path, "utf-8")
            files += _copy_tree(fs, Path(entry.path), path)
        elif host_stat.S_ISREG(info.st_mode):
            handle = lfs.file_open(fs, path, lfs.LFSFileFlag(O_WRONLY | O_CREAT | O_EXCL), "utf-8")
            try:
                with open(entry.path, "rb") as source:
                    while chunk := source.read(1 << 16):
                        lfs.file_write(fs, handle, chunk)
            finally:
                lfs.file_close(fs, handle)
            lfs.setattr(fs, path, ATTR_MTIME, info.st_mtime_ns.to_bytes(8, "little"), "utf-8")
            files += 1
    return files
