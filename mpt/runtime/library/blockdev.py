"""A guest block device as the file systems see it (extmod/vfs_blockdev.c).

The block device is guest code: an object with ``readblocks(n, buf[, off])``, maybe
``writeblocks(n, buf[, off])`` and ``ioctl(op, arg)`` (the extended interface), or, without
ioctl, ``count()`` and maybe ``sync()`` (the old interface, 512-byte blocks). The host side
only calls those methods, handing them a memoryview over a host buffer the size of the
transfer, as the firmware hands a memoryview over its own buffer.

A method returning None or 0 succeeded; a negative number is an error code (minus errno); a
positive one becomes -EINVAL (littlefs would misread it); anything else is a TypeError from the
integer conversion. Exceptions raised by the guest's methods go through unchanged.
"""

from __future__ import annotations

EINVAL, EROFS = 22, 30

IOCTL_INIT, IOCTL_DEINIT, IOCTL_SYNC = 1, 2, 3
IOCTL_BLOCK_COUNT, IOCTL_BLOCK_SIZE, IOCTL_BLOCK_ERASE = 4, 5, 6
OLD_PROTOCOL_BLOCK_SIZE = 512


def guest_int(value) -> int:
    """mp_obj_get_int: an int (or bool), else TypeError as the firmware words it."""
    if isinstance(value, int):
        return int(value)
    raise TypeError("can't convert %s to int" % type(value).__name__)


class BlockDevice:
    def __init__(self, bdev):
        self.obj = bdev
        self._readblocks = getattr(bdev, "readblocks")  # required: AttributeError without
        self._writeblocks = getattr(bdev, "writeblocks", None)
        self._ioctl = getattr(bdev, "ioctl", None)
        self._sync = self._count = None
        if self._ioctl is None:
            self._sync = getattr(bdev, "sync", None)
            self._count = getattr(bdev, "count")
        self.block_size = OLD_PROTOCOL_BLOCK_SIZE
        self.readonly = False  # mounted readonly: writes fail with EROFS

    @property
    def extended(self) -> bool:
        return self._ioctl is not None

    # --- transfers: 0 or a negative error code ----------------------------------------
    @staticmethod
    def _rw(method, block: int, buf: bytearray, *off) -> int:
        result = method(block, memoryview(buf), *off)
        if result is None:
            return 0
        code = guest_int(result)
        return -EINVAL if code > 0 else code

    def read(self, block: int, buf: bytearray) -> int:
        """Whole blocks from ``block`` into ``buf`` (the simple interface)."""
        return self._rw(self._readblocks, block, buf)

    def read_ext(self, block: int, offset: int, buf: bytearray) -> int:
        return self._rw(self._readblocks, block, buf, offset)

    def write(self, block: int, buf: bytearray) -> int:
        if self._writeblocks is None or self.readonly:
            return -EROFS
        return self._rw(self._writeblocks, block, buf)

    def write_ext(self, block: int, offset: int, buf: bytearray) -> int:
        if self._writeblocks is None or self.readonly:
            return -EROFS
        return self._rw(self._writeblocks, block, buf, offset)

    @property
    def writable(self) -> bool:
        return self._writeblocks is not None and not self.readonly

    # --- control -----------------------------------------------------------------------
    def ioctl(self, op: int, arg: int = 0):
        """The guest's answer (None when it has none), as mp_vfs_blockdev_ioctl returns it."""
        if self._ioctl is not None:
            return self._ioctl(op, arg)
        if op == IOCTL_SYNC and self._sync is not None:
            self._sync()
        elif op == IOCTL_BLOCK_COUNT:
            return self._count()
        return None

    def ioctl_int(self, op: int, arg: int = 0, *, required: bool = False) -> int:
        """An ioctl answer as a C int: 0 for None unless ``required`` (then a TypeError)."""
        result = self.ioctl(op, arg)
        if result is None and not required:
            return 0
        return guest_int(result)
