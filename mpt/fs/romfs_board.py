"""A board's ROMFS partitions through vfs.rom_ioctl (extmod/vfs.h), as mpremote's romfs
query and deploy reach them: over the transport's exec and eval, nothing printed.

A port gives each segment either as a block-device object (rp2.Flash, esp32.Partition:
erased and written with its ioctl and writeblocks) or as a memoryview written through
rom_ioctl itself (prepare = erase, write, complete).
"""

from __future__ import annotations

import binascii
import hashlib
from dataclasses import dataclass
from typing import Callable

from mpt.errors import DeviceError, RemoteException, UsageError
from mpt.fs.romfs_image import FILESYSTEM_HEADER

DEV = "_mpt_rom"  # the board-side name of the segment being worked on
CHUNK = 16384  # bytes per exec: writeblocks with an offset and rom_ioctl(4) take any length
PREPARE_STEP = 32768

OnProgress = Callable[[str, int, int], None]  # (stage "erase"/"write", done, total)


class RomfsNotEnabled(DeviceError):
    """The board's firmware was built without ROMFS (no vfs.rom_ioctl)."""


@dataclass(frozen=True)
class Partition:
    index: int
    size: int
    block_size: int
    has_object: bool  # a block-device object (else a memoryview written through rom_ioctl)
    head: bytes = b""  # its first bytes


def partition_count(transport) -> int:
    """How many ROM segments the board has; RomfsNotEnabled without vfs.rom_ioctl."""
    transport.exec("import vfs")
    if not transport.eval("hasattr(vfs,'rom_ioctl')"):
        raise RomfsNotEnabled("ROMFS is not enabled on this device")
    return int(transport.eval("vfs.rom_ioctl(1)"))


def open_partition(transport, index: int) -> Partition:
    """Segment ``index``, bound to a board-side variable for the calls that follow."""
    transport.exec(f"{DEV}=vfs.rom_ioctl(2,{int(index)})")
    if transport.eval(f"isinstance({DEV},int) and {DEV}<0"):
        raise DeviceError(f"ROMFS{index} partition not found on device")
    has_object = bool(transport.eval(f"hasattr({DEV},'ioctl')"))
    if has_object:
        block_size = int(transport.eval(f"{DEV}.ioctl(5,0)"))
        size = int(transport.eval(f"{DEV}.ioctl(4,0)")) * block_size
    else:
        size = int(transport.eval(f"len({DEV})"))
        block_size = int(transport.eval(f"vfs.rom_ioctl(6,{int(index)})"))
        if block_size <= 0:
            block_size = size
    head = transport.eval(f"bytes(memoryview({DEV})[:12])")
    return Partition(index, size, block_size, has_object, bytes(head))


def query(transport) -> list[Partition]:
    return [open_partition(transport, i) for i in range(partition_count(transport))]


def deploy(transport, image: bytes, index: int = 0,
           on_progress: OnProgress | None = None) -> Partition:
    """Write ``image`` to segment ``index`` (unmounting /rom first) and check what the
    partition then holds; the board mounts it at its next (soft) reset."""
    if not image.startswith(FILESYSTEM_HEADER):
        raise UsageError("not a ROMFS image")
    partition_count(transport)
    part = open_partition(transport, index)
    if len(image) > part.size:
        raise UsageError(f"the ROMFS image ({len(image)} bytes) is too big for partition "
                         f"{index} ({part.size} bytes)")
    report = on_progress or (lambda stage, done, total: None)
    transport.exec("try:\n vfs.umount('/rom')\nexcept:\n pass")
    chunk = _prepare(transport, part, len(image), report)
    send = _sender(transport)
    for offset in range(0, len(image), chunk):
        data = image[offset:offset + chunk]
        if not part.has_object:
            data += bytes(-len(data) % 16)  # whole words for the flash's programming
        send(data)
        if part.has_object:
            transport.exec(f"{DEV}.writeblocks({offset // part.block_size},_mpt_buf,"
                           f"{offset % part.block_size})")
        else:
            transport.exec(f"vfs.rom_ioctl(4,{index},{offset},_mpt_buf)")
        report("write", min(offset + chunk, len(image)), len(image))
    if not part.has_object:
        transport.eval(f"vfs.rom_ioctl(5,{index})")
    transport.exec("del _mpt_buf")
    _verify(transport, image)
    return part


def _verify(transport, image: bytes) -> None:
    """Read the image's SHA-256 back from the partition (where the board has hashlib): a
    write the flash did not take is a DeviceError, not a board that fails at its next boot."""
    try:
        digest = transport.eval(
            f"__import__('hashlib').sha256(memoryview({DEV})[:{len(image)}]).digest()")
    except RemoteException:
        return
    if digest != hashlib.sha256(image).digest():
        raise DeviceError("the ROMFS partition does not hold the image after writing it "
                          "(the board's flash did not take the write)")


def _prepare(transport, part: Partition, length: int, report: OnProgress) -> int:
    """Erase what the image covers; the size of the chunks to write it in."""
    if part.has_object:  # the blocks the image covers, in one exec
        blocks = -(-length // part.block_size)
        transport.exec(f"for _b in range({blocks}):\n {DEV}.ioctl(6,_b)", timeout=60)
        report("erase", length, length)
        return CHUNK
    if part.block_size < part.size:
        offset, min_write = 0, 0
        while offset < length:
            step = -(-min(length - offset, PREPARE_STEP) // part.block_size) * part.block_size
            min_write = _ok(transport.eval(f"vfs.rom_ioctl(3,{part.index},{offset},{step})"))
            offset += step
            report("erase", min(offset, length), length)
    else:
        min_write = _ok(transport.eval(f"vfs.rom_ioctl(3,{part.index},{length})"))
        report("erase", length, length)
    return max(CHUNK, min_write)


def _ok(result) -> int:
    if isinstance(result, int) and result < 0:
        raise DeviceError(f"the board could not erase its ROMFS partition (error {-result})")
    return int(result)


def _sender(transport) -> Callable[[bytes], None]:
    """Puts a chunk in the board-side _mpt_buf: as base64 where the board has binascii."""
    try:
        transport.exec("from binascii import a2b_base64")
    except RemoteException:
        return lambda data: transport.exec(f"_mpt_buf={bytes(data)!r}")
    return lambda data: transport.exec(
        f"_mpt_buf=a2b_base64({binascii.b2a_base64(data, newline=False)!r})")
