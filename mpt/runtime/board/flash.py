"""The board's flash file system: a host folder mounted as the guest's `/`.

The sandbox rule: every guest path is resolved inside the folder. `..` stops at the root,
symbolic links are never followed (a guest sees them as missing), and host-absolute paths
mean nothing to the guest. Capacity is the board's file-system size, counted in blocks the
way littlefs does (each file and directory takes whole blocks), so a full flash raises
ENOSPC like a real one.
"""

from __future__ import annotations

import os
import stat as host_stat
from pathlib import Path

from mpt.errors import InputFileError
from mpt.runtime.library.guestpath import path_parts

EPERM, ENOENT, EIO, EBADF, EACCES, EEXIST = 1, 2, 5, 9, 13, 17
ENOTDIR, EISDIR, EINVAL, ENOSPC, EROFS, ENOTEMPTY = 20, 21, 22, 28, 30, 39

S_IFDIR = 0x4000
S_IFREG = 0x8000
NAME_MAX = 255
RESERVED_BLOCKS = 2  # littlefs keeps two blocks for its superblock pair
SECONDS_1970_TO_2000 = 946_684_800


# Guest-visible file-system errors are plain OSErrors (the VM shows them to the guest as
# MicroPython's OSError); ``errno`` is MicroPython's number.
FlashError = OSError


def flash_error(errno: int) -> OSError:
    return OSError(errno, os.strerror(errno))


def default_flash_dir(board_key: str) -> Path:
    """Where `mpt run` keeps a board's flash unless --flash says otherwise."""
    return Path.cwd() / ".mpt" / "flash" / board_key


def rom_partition_file(flash: Path) -> Path:
    """Where a board whose firmware has a ROM partition keeps its bytes: beside its flash
    folder or flash image (FLASH.romfs), outside what the guest sees as its file system."""
    return flash.parent / (flash.name + ".romfs")


class FlashFolder:
    def __init__(self, root: str | os.PathLike, *, capacity_bytes: int, block_size: int,
                 epoch_year: int = 2000, readonly: bool = False, fs_kind: str = "littlefs"):
        self.root = Path(root).resolve()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputFileError(f"cannot use {root} as the board's flash: "
                                 f"{exc.strerror or exc}") from None
        self.block_size = block_size
        self.total_blocks = capacity_bytes // block_size
        self.epoch_offset = SECONDS_1970_TO_2000 if epoch_year == 2000 else 0
        self.readonly = readonly
        # "littlefs" (esp32, rp2) or "fat" (pyboard): they report some errors differently
        self.fat = fs_kind == "fat"
        self.vfs_type = "VfsFat" if self.fat else "VfsLfs2"  # the guest's class for it
        self.cwd = "/"
        self._used_blocks: int | None = None

    # --- paths -------------------------------------------------------------------------
    def guest_abspath(self, path: str) -> str:
        if not isinstance(path, str):
            raise TypeError("path must be str")
        if "\x00" in path:
            raise flash_error(EINVAL)
        full = path if path.startswith("/") else self.cwd.rstrip("/") + "/" + path
        return "/" + "/".join(path_parts(full))

    def host_path(self, path: str) -> Path:
        """Map a guest path to the host, refusing anything that would leave the folder."""
        guest = self.guest_abspath(path)
        host = self.root
        for part in guest.split("/")[1:] if guest != "/" else []:
            if len(part.encode()) > NAME_MAX or "\\" in part and os.sep == "\\":
                raise flash_error(EINVAL)
            parent_is_dir = host.is_dir() and not host.is_symlink()
            host = host / part
            if host.is_symlink():
                raise flash_error(ENOENT)
            if not parent_is_dir:
                raise flash_error(ENOTDIR if host.parent.exists() else ENOENT)
        if os.path.commonpath([str(self.root), str(host)]) != str(self.root):
            raise flash_error(ENOENT)
        return host

    # --- queries -----------------------------------------------------------------------
    def stat(self, path: str) -> tuple:
        host = self.host_path(path)
        try:
            st = host.lstat()
        except FileNotFoundError:
            raise flash_error(ENOENT) from None
        kind = S_IFDIR if host_stat.S_ISDIR(st.st_mode) else S_IFREG
        size = 0 if kind == S_IFDIR else st.st_size
        mtime = max(0, int(st.st_mtime) - self.epoch_offset)
        return (kind, 0, 0, 0, 0, 0, size, mtime, mtime, mtime)

    def ilistdir(self, path: str = "") -> list[tuple[str, int, int, int]]:
        host = self._existing_dir(path or ".")
        entries = []
        for entry in sorted(os.scandir(host), key=lambda e: e.name):
            if entry.is_symlink():
                continue
            if entry.is_dir():
                entries.append((entry.name, S_IFDIR, 0, 0))
            elif entry.is_file():
                entries.append((entry.name, S_IFREG, 0, entry.stat().st_size))
        return entries

    def listdir(self, path: str = "") -> list[str]:
        return [name for name, *_ in self.ilistdir(path)]

    def statvfs(self, path: str = "/") -> tuple:
        self.host_path(path)
        free = max(0, self.total_blocks - self.used_blocks())
        return (self.block_size, self.block_size, self.total_blocks, free, free,
                0, 0, 0, 0, NAME_MAX)

    def getcwd(self) -> str:
        return self.cwd

    # --- changes -----------------------------------------------------------------------
    def chdir(self, path: str) -> None:
        self._existing_dir(path)
        self.cwd = self.guest_abspath(path)

    def mkdir(self, path: str) -> None:
        self._check_writable()
        host = self.host_path(path)
        if host == self.root or host.exists():
            raise flash_error(EEXIST)
        if not host.parent.is_dir():
            raise flash_error(ENOENT)
        self._reserve(1)
        host.mkdir()
        self._invalidate()

    def rmdir(self, path: str) -> None:
        self._check_writable()
        host = self.host_path(path)
        if host == self.root:
            raise flash_error(EPERM)
        if not host.exists():
            raise flash_error(ENOENT)
        if not host.is_dir():
            if self.fat:
                raise flash_error(ENOTDIR)
            host.unlink()  # littlefs removes files through rmdir too
            self._invalidate()
            return
        if any(host.iterdir()):
            raise flash_error(EACCES if self.fat else ENOTEMPTY)
        host.rmdir()
        self._invalidate()

    def remove(self, path: str) -> None:
        self._check_writable()
        host = self.host_path(path)
        if not host.exists():
            raise flash_error(ENOENT)
        if host.is_dir():
            if self.fat:
                raise flash_error(EISDIR)
            # littlefs removes empty directories through remove() too
            if host == self.root:
                raise flash_error(EPERM)
            if any(host.iterdir()):
                raise flash_error(ENOTEMPTY)
            host.rmdir()
        else:
            host.unlink()
        self._invalidate()

    def rename(self, old: str, new: str) -> None:
        self._check_writable()
        src, dst = self.host_path(old), self.host_path(new)
        if not src.exists():
            raise flash_error(ENOENT)
        if src == self.root or dst == self.root:
            raise flash_error(EINVAL)
        if not dst.parent.is_dir():
            raise flash_error(ENOENT)
        if dst.is_dir() and src.is_file():
            raise flash_error(EISDIR)
        if src.is_dir() and dst.exists():
            if dst.is_file():
                raise flash_error(ENOTDIR)
            if any(dst.iterdir()):
                raise flash_error(ENOTEMPTY)
        if src.is_dir() and dst.is_relative_to(src):
            raise flash_error(EINVAL)
        os.replace(src, dst)
        self._invalidate()

    def open(self, path: str, mode: str = "r") -> "FlashFile":
        """Open a file; ``mode`` is a MicroPython mode string (text/binary is the caller's)."""
        kind = mode.replace("b", "").replace("t", "")
        if kind not in ("r", "w", "a", "x", "r+", "w+", "a+", "x+", "+r", "+w", "+a"):
            raise ValueError(f"invalid mode {mode!r}")
        host = self.host_path(path)
        writing = kind != "r"
        if writing:
            self._check_writable()
        if host == self.root or host.is_dir():
            raise flash_error(ENOENT if self.fat else EISDIR)  # FAT: "no file" there
        if not host.parent.is_dir():
            raise flash_error(ENOENT)
        exists = host.exists()
        if "r" in kind and not exists:
            raise flash_error(ENOENT)
        if "x" in kind and exists:
            raise flash_error(EEXIST)
        if not exists:
            self._reserve(1)
        host_mode = {"r": "rb", "w": "wb", "a": "ab", "x": "xb"}[kind.strip("+")[0]]
        if "+" in kind:
            host_mode = host_mode[0] + "+b"
        handle = open(host, host_mode)
        self._invalidate()
        return FlashFile(self, handle, kind)

    # --- capacity ----------------------------------------------------------------------
    def blocks_for(self, size: int) -> int:
        return max(1, -(-size // self.block_size))

    def used_blocks(self) -> int:
        if self._used_blocks is None:
            used = RESERVED_BLOCKS
            for dirpath, dirnames, filenames in os.walk(self.root):
                used += len(dirnames)
                for name in filenames:
                    try:
                        used += self.blocks_for(os.lstat(os.path.join(dirpath, name)).st_size)
                    except OSError:
                        pass
            self._used_blocks = used
        return self._used_blocks

    def _reserve(self, blocks: int) -> None:
        if self.used_blocks() + blocks > self.total_blocks:
            raise flash_error(ENOSPC)

    def _invalidate(self) -> None:
        self._used_blocks = None

    def _existing_dir(self, path: str) -> Path:
        host = self.host_path(path)
        if not host.exists():
            raise flash_error(ENOENT)
        if not host.is_dir():
            raise flash_error(ENOTDIR)
        return host

    def _check_writable(self) -> None:
        if self.readonly:
            raise flash_error(EROFS)


class FlashFile:
    """An open file on the flash; binary. Writes that would overfill the flash raise ENOSPC."""

    def __init__(self, flash: FlashFolder, handle, kind: str):
        self._flash = flash
        self._handle = handle
        self.readable = "r" in kind or "+" in kind
        self.writable = kind != "r"
        self.closed = False
        # the logical size (the host's buffered writes are not on disk yet)
        self._size = os.fstat(handle.fileno()).st_size

    def read(self, size: int = -1) -> bytes:
        self._check_open()
        if not self.readable:
            raise flash_error(EBADF)
        return self._handle.read(size if size is not None and size >= 0 else -1)

    def readinto(self, buf) -> int:
        data = self.read(len(buf))
        buf[: len(data)] = data
        return len(data)

    def write(self, data) -> int:
        self._check_open()
        if not self.writable:
            raise flash_error(EBADF)
        data = bytes(data)
        position = self._handle.tell()
        size = self._size
        new_size = max(size, position + len(data))
        extra = self._flash.blocks_for(new_size) - self._flash.blocks_for(size)
        if extra > 0:
            self._flash._reserve(extra)
        written = self._handle.write(data)
        self._size = new_size
        if extra > 0 and self._flash._used_blocks is not None:
            self._flash._used_blocks += extra  # kept up to date without a walk
        return written

    def seek(self, offset: int, whence: int = 0) -> int:
        self._check_open()
        return self._handle.seek(offset, whence)

    def tell(self) -> int:
        self._check_open()
        return self._handle.tell()

    def flush(self) -> None:
        self._check_open()
        self._handle.flush()

    def close(self) -> None:
        if not self.closed:
            self._handle.close()
            self.closed = True

    def _check_open(self) -> None:
        if self.closed:
            raise ValueError("I/O operation on closed file")
