"""The ROM partition of a firmware built with ROMFS, and its `vfs.rom_ioctl` (extmod/vfs.h).

The partition is NOR flash: erasing sets whole erase units to 0xFF, programming can only clear
bits. Two ways of reaching it, as the ports have them:

* a segment object (rp2's ``rp2.Flash``, esp32's ``esp32.Partition``): ``rom_ioctl(1)`` is 1,
  ``rom_ioctl(2, id)`` the object (whatever the id), any other command -EINVAL; the object is
  a block device (readblocks, writeblocks with an offset, ioctl 4/5/6: block count, block size,
  erase a block) whose buffer is the partition's bytes. It is a bytearray on the host so that
  ``memoryview(dev)`` works on every CPython (with bytearray's methods hidden from the guest);
  the firmware's buffer is read-only, this one is not.
* a memoryview (stm32): ``rom_ioctl(2, id)`` is a read-only view of the partition, and
  rom_ioctl erases (3: write prepare, whole sectors), programs (4) and tells the sector size (6).

The partition is flash, so it outlives the run: its bytes are kept in a host file
(PartitionFile) beside the board's flash folder, written through as the board erases and
programs.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mpt.errors import InputFileError, UsageError
from mpt.runtime.library.buffers import buffer_bytes, writable_view

EINVAL = 22
GET_NUMBER_OF_SEGMENTS, GET_SEGMENT, WRITE_PREPARE, WRITE, WRITE_COMPLETE, GET_MIN_PREPARE = (
    1, 2, 3, 4, 5, 6)
BLOCK_COUNT, BLOCK_SIZE, BLOCK_ERASE = 4, 5, 6  # MP_BLOCKDEV_IOCTL_*
ERASED = 0xFF


def _int(value) -> int:
    if isinstance(value, int):
        return int(value)
    raise TypeError("can't convert %s to int" % type(value).__name__)


def _bytes(buf) -> bytes:
    return buffer_bytes(buf)  # (the guest's buffer rules)


def erase(area: bytearray, start: int, end: int) -> None:
    view = memoryview(area)
    end = min(end, len(view))
    if start < end:
        view[start:end] = bytes([ERASED]) * (end - start)


def program(area: bytearray, offset: int, data: bytes) -> None:
    """NOR programming: a bit once cleared stays cleared until the next erase."""
    if not data:
        return
    view = memoryview(area)
    end = offset + len(data)
    if offset < 0 or end > len(view):
        raise ValueError("write past the end of the partition")
    old = int.from_bytes(view[offset:end], "big")
    view[offset:end] = (old & int.from_bytes(data, "big")).to_bytes(len(data), "big")


def _arity(args: tuple, low: int, high: int) -> None:
    if len(args) < low:
        raise TypeError("function missing %d required positional arguments" % (low - len(args)))
    if len(args) > high:
        raise TypeError("function expected at most %d arguments, got %d" % (high, len(args)))


class PartitionFile:
    """The host file holding a ROM partition's bytes between runs: read at power-on, each
    erase and program written through (in place, through a handle opened before the guest
    runs, so it keeps working inside the OS boundary)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._fd: int | None = None

    def load(self, size: int) -> bytes | None:
        """The bytes kept from the last run, cut or erased-padded to ``size`` (the firmware
        may have been rebuilt with another partition size); None: nothing kept yet."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise InputFileError(f"cannot read the ROM partition {self.path}: "
                                 f"{exc.strerror or exc}") from None
        return data[:size] + bytes([ERASED]) * max(0, size - len(data))

    def open(self, contents: bytes) -> None:
        """Keep ``contents`` (written whole, atomically) and hold the file for the writes."""
        temporary = self.path.with_name(self.path.name + ".mpt-tmp")
        try:
            temporary.write_bytes(contents)
            os.replace(temporary, self.path)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CLOEXEC)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise InputFileError(f"cannot keep the ROM partition in {self.path}: "
                                 f"{exc.strerror or exc}") from None
        weakref.finalize(self, os.close, self._fd)

    def written(self, area: bytearray | memoryview, start: int, end: int) -> None:
        """Bytes ``start:end`` of the partition changed."""
        if self._fd is not None and start < end:
            os.pwrite(self._fd, bytes(memoryview(area)[start:end]), start)


class BlockSegment(bytearray):
    """The ROM partition as rp2.Flash/esp32.Partition: a block device over its own bytes."""

    block_size = 4096
    # called with (first, end) after bytes of the partition change (PartitionFile.written)
    _on_write: Callable[[int, int], None] | None = None

    def __init__(self, size: int):
        super().__init__(bytes([ERASED]) * size)

    def _changed(self, start: int, end: int) -> None:
        if self._on_write is not None:
            self._on_write(start, min(end, bytearray.__len__(self)))

    def __repr__(self):
        return f"<{type(self).__name__}>"

    def readblocks(self, block, buf, *offset):
        start = _int(block) * self.block_size + (_int(offset[0]) if offset else 0)
        view = writable_view(buf)
        view[:] = memoryview(self)[start:start + len(view)]

    def writeblocks(self, block, buf, *offset):
        start = _int(block) * self.block_size
        data = _bytes(buf)
        if offset:
            start += _int(offset[0])
        end = start + len(data)
        if not offset:  # without an offset the blocks written are erased first
            size = self.block_size
            end = (end + size - 1) // size * size
            erase(self, start, end)
        program(self, start, data)
        self._changed(start, end)

    def ioctl(self, cmd, arg):
        cmd = _int(cmd)
        if cmd in (1, 2, 3):  # init, deinit, sync
            return 0
        if cmd == BLOCK_COUNT:
            return bytearray.__len__(self) // self.block_size
        if cmd == BLOCK_SIZE:
            return self.block_size
        if cmd == BLOCK_ERASE:
            start = _int(arg) * self.block_size
            erase(self, start, start + self.block_size)
            self._changed(start, start + self.block_size)
            return 0
        return None


class Flash(BlockSegment):
    """rp2.Flash over the ROMFS partition (rp2_flash.c's rp2_flash_romfs_obj)."""


class Partition(BlockSegment):
    """esp32.Partition over the "romfs" partition (esp32_partition.c)."""


def _hide(cls: Any) -> None:
    """The guest sees the firmware's object: its methods and its buffer, none of bytearray's
    methods, no subscripts, no len() (the host reads it through memoryview)."""
    def missing(name: str):
        def fail(self):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return property(fail)

    for name in dir(bytearray):
        if not name.startswith("_") and name not in vars(BlockSegment):
            setattr(cls, name, missing(name))

    def not_subscriptable(self, *args):
        raise TypeError(f"'{type(self).__name__}' object isn't subscriptable")

    def no_len(self):
        raise TypeError(f"object of type '{type(self).__name__}' has no len()")

    cls.__getitem__ = cls.__setitem__ = cls.__delitem__ = not_subscriptable
    cls.__len__ = no_len
    cls.__module__ = "builtins"


for _cls in (Flash, Partition):
    _hide(_cls)


class _RomIoctl:
    def __repr__(self):
        return "<function>"


class SegmentRomIoctl(_RomIoctl):
    """vfs.rom_ioctl of a port whose segment is a block-device object (rp2, esp32)."""

    def __init__(self, segment: BlockSegment):
        self.segment = segment

    def __call__(self, *args):
        _arity(args, 1, 4)
        cmd = _int(args[0])
        if cmd == GET_NUMBER_OF_SEGMENTS:
            return 1
        if cmd == GET_SEGMENT:
            return self.segment
        return -EINVAL


class MemoryRomIoctl(_RomIoctl):
    """vfs.rom_ioctl of a port whose segment is a memoryview (stm32's internal flash): erase
    by whole sectors, program in 4-byte words, 16 the minimum write size it reports."""

    min_write = 16
    _on_write: Callable[[int, int], None] | None = None  # as BlockSegment._on_write

    def __init__(self, area: bytearray, sector_size: int):
        self.area = area
        self.view = memoryview(area).toreadonly()
        self.sector_size = sector_size

    def _changed(self, start: int, end: int) -> None:
        if self._on_write is not None:
            self._on_write(start, min(end, len(self.area)))

    def __call__(self, *args):
        _arity(args, 1, 4)
        cmd = _int(args[0])
        if cmd == GET_NUMBER_OF_SEGMENTS:
            return 1
        if len(args) < 2 or _int(args[1]) != 0:
            return -EINVAL
        size = len(self.area)
        if cmd == GET_SEGMENT:
            return self.view
        if cmd == WRITE_PREPARE and len(args) >= 3:
            start, length = (0, _int(args[2])) if len(args) == 3 else (_int(args[2]),
                                                                       _int(args[3]))
            end = start + length
            if end > size:
                return -EINVAL
            while start < end:  # each sector holding `start`, then the next one
                first = start // self.sector_size * self.sector_size
                erase(self.area, first, first + self.sector_size)
                self._changed(first, first + self.sector_size)
                start += self.sector_size
            return self.min_write
        if cmd == WRITE and len(args) >= 4:
            offset = _int(args[2])
            data = _bytes(args[3])
            if offset + len(data) > size:
                return -EINVAL
            words = data[:len(data) // 4 * 4]
            program(self.area, offset, words)
            self._changed(offset, offset + len(words))
            return 0
        if cmd == GET_MIN_PREPARE:
            return self.sector_size
        return -EINVAL


def partition_size(erase_size: int, size: int | None, image: bytes | None) -> int:
    """The partition's size: ``size`` (a whole number of erase units, at least the image's),
    else the image's rounded up to erase units."""
    needed = len(image or b"")
    if size is None:
        size = max(1, (needed + erase_size - 1) // erase_size) * erase_size
    if size <= 0 or size % erase_size:
        raise UsageError(f"the ROMFS partition size ({size}) must be a whole number of "
                         f"{erase_size}-byte erase blocks on this port")
    if needed > size:
        raise UsageError(f"the ROMFS image ({needed} bytes) is larger than the partition "
                         f"({size} bytes)")
    return size
