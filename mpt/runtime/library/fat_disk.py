"""A FAT volume's sectors, as MicroPython's FatFs (lib/oofatfs, R0.13c) handles them: the
part of `vfs.VfsFat` below directories (:mod:`fat_volume`).

Mounting (the boot sector, or the first FAT partition of a partition table), formatting with
f_mkfs's layout (:mod:`fat_layout`), one sector window written back when another sector is
needed or on sync (``FF_FS_TINY``: the FAT, directories and file data share it), the FAT's
cluster chains (new clusters found from the last one allocated), and free clusters counted as
f_getfree counts them (FAT32's FSInfo count trusted). FatFs's results are the firmware's
OSErrors (vfs_fat_file.c's table). A block device's exception goes straight through, as the
firmware's does; an error code from its ``readblocks``/``writeblocks`` is FR_DISK_ERR (EIO).

Sector size: 512 up to the port's ``FF_MAX_SS`` (other sizes are FR_DISK_ERR, as on the
board); the ioctl's block size, 512 when it gives none.
"""

from __future__ import annotations

import time
import weakref

from mpt.runtime.library import fat_layout as layout_mod
from mpt.runtime.library.blockdev import (
    IOCTL_BLOCK_COUNT, IOCTL_BLOCK_SIZE, IOCTL_INIT, IOCTL_SYNC, BlockDevice, guest_int,
)

# FatFs results and the errno each becomes (vfs_fat_file.c's fresult_to_errno_table)
EIO, ENOENT, EACCES, EEXIST, EINVAL, EROFS, ENODEV, EBUSY, ENOSPC = (
    5, 2, 13, 17, 22, 30, 19, 16, 28)
DEFAULT_MAX_SECTOR = 4096


def fat_error(code: int) -> OSError:
    """A FatFs failure as the OSError the firmware raises (its errno the only argument)."""
    return OSError(code)


def errno_of(exc: OSError):
    return exc.args[0] if exc.args else None


def le16(buf, off: int) -> int:
    return buf[off] | buf[off + 1] << 8


def le32(buf, off: int) -> int:
    return int.from_bytes(buf[off:off + 4], "little")


def fat_time(seconds: int) -> int:
    """get_fattime: the date and time of ``seconds`` since 1970 (the board's local time)."""
    tm = time.gmtime(seconds)
    year = max(tm.tm_year, 1980)
    return (((year - 1980) << 25) | (tm.tm_mon << 21) | (tm.tm_mday << 16)
            | (tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec // 2))


def fat_seconds(date: int, tm: int) -> int:
    """timeutils_seconds_since_epoch of a FAT date and time (1970 epoch)."""
    year, month, day = 1980 + (date >> 9 & 0x7F), date >> 5 & 0x0F, date & 0x1F
    hour, minute, second = tm >> 11 & 0x1F, tm >> 5 & 0x3F, 2 * (tm & 0x1F)
    import calendar  # (with datetime: start-up time, for FAT volumes only)

    return calendar.timegm((year, max(month, 1), max(day, 1), hour, minute, second, 0, 0, 0))



class FatDisk:
    """A FAT volume on a block device: its geometry, the sector window and the FAT."""

    def __init__(self, bdev_obj, *, now_ns=None, epoch_offset: int = 0,
                 max_sector: int = DEFAULT_MAX_SECTOR, mount: bool = True):
        self.bdev = BlockDevice(bdev_obj)
        self.fsi_flag = 0  # FSInfo: 0x80 not to be written, 1 to be written (FatFs's fsi_flag)
        self._now_ns = now_ns
        self.epoch_offset = epoch_offset
        self.max_sector = max_sector
        self.fs_type = 0  # 0: not mounted (no file system found yet)
        self.cdir = 0  # the current directory's first cluster (0: the root)
        self._win_sect = -1
        self._win = bytearray(0)
        self._win_dirty = False
        self.no_filesystem = False
        self._deferred: list = []  # closings handed over by finalisers
        self.open_files: weakref.WeakSet = weakref.WeakSet()  # (fat_file registers them)
        if mount:
            try:
                self._find_volume(False)
            except OSError as exc:
                if errno_of(exc) != ENODEV:
                    raise
                self.no_filesystem = True

    # --- the device ----------------------------------------------------------------------
    def now_ns(self) -> int:
        return time.time_ns() if self._now_ns is None else self._now_ns()

    def _fattime(self) -> int:
        return fat_time(self.now_ns() // 1_000_000_000)

    def _status(self, write: bool) -> None:
        """IOCTL_INIT / IOCTL_STATUS as the firmware's disk_ioctl answers them."""
        if write and not self.bdev.writable:
            raise fat_error(EROFS)

    def _sector_size(self) -> int:
        answer = self.bdev.ioctl(IOCTL_BLOCK_SIZE, 0)
        size = 512 if answer is None else guest_int(answer)
        self.bdev.block_size = size
        if size > self.max_sector or size < 512 or size & (size - 1):
            raise fat_error(EIO)
        return size

    def _read(self, sector: int, count: int = 1) -> bytearray:
        buf = bytearray(count * self.ss)
        if self.bdev.read(sector, buf) != 0:
            raise fat_error(EIO)
        return buf

    def _write(self, sector: int, data) -> None:
        if self.bdev.write(sector, bytearray(data)) != 0:
            raise fat_error(EIO)

    # --- the window (FF_FS_TINY: one sector for FAT, directories and file data) ---------
    def _sync_window(self) -> None:
        if self._win_dirty:
            sect = self._win_sect
            self._write(sect, self._win)
            self._win_dirty = False
            if self.fatbase <= sect < self.fatbase + self.fsize and self.n_fats == 2:
                self._write(sect + self.fsize, self._win)

    def _move_window(self, sect: int) -> bytearray:
        if sect != self._win_sect:
            self._sync_window()
            self._win_sect = -1
            self._win = self._read(sect)
            self._win_sect = sect
        return self._win

    def _invalidate_window(self) -> None:
        self._win_sect = -1
        self._win_dirty = False

    def _sync_fs(self) -> None:
        self._sync_window()
        if self.fs_type == layout_mod.FS_FAT32 and self.fsi_flag == 1:
            buf = bytearray(self.ss)
            buf[0:4] = (0x41615252).to_bytes(4, "little")
            buf[484:488] = (0x61417272).to_bytes(4, "little")
            buf[488:492] = (self.free_clst & 0xFFFFFFFF).to_bytes(4, "little")
            buf[492:496] = (self.last_clst & 0xFFFFFFFF).to_bytes(4, "little")
            buf[510:512] = b"\x55\xAA"
            self._win = buf
            self._win_sect = self.volbase + 1
            self._write(self.volbase + 1, buf)
            self.fsi_flag = 0
        self.bdev.ioctl(IOCTL_SYNC, 0)

    # --- mounting --------------------------------------------------------------------------
    def _find_volume(self, write: bool) -> None:
        if self.fs_type:
            self._status(write)
            return
        init = self.bdev.ioctl(IOCTL_INIT, 0)
        if init is not None and guest_int(init) != 0:
            raise fat_error(EBUSY)
        self._status(write)
        self.ss = self._sector_size()
        self._invalidate_window()
        bsect = 0
        fmt = self._check_fs(0)
        if fmt == 2:
            win = self._win
            for i in range(4):
                entry = 446 + 16 * i
                bsect = le32(win, entry + 8) if win[entry + 4] else 0
                fmt = self._check_fs(bsect) if bsect else 3
                if fmt < 2:
                    break
        if fmt == 4:
            raise fat_error(EIO)
        if fmt >= 2:
            raise fat_error(ENODEV)
        self._mount_bpb(bsect)

    def _check_fs(self, sect: int) -> int:
        try:
            win = self._move_window(sect)
        except OSError:
            return 4
        if le16(win, 510) != 0xAA55:
            return 3
        if win[0] in (0xE9, 0xEB, 0xE8):
            if bytes(win[54:57]) == b"FAT" or bytes(win[82:87]) == b"FAT32":
                return 0
        return 2

    def _mount_bpb(self, bsect: int) -> None:
        win, ss = self._win, self.ss
        if le16(win, 11) != ss:
            raise fat_error(ENODEV)
        fsize = le16(win, 22) or le32(win, 36)
        n_fats = win[16]
        if n_fats not in (1, 2):
            raise fat_error(ENODEV)
        csize = win[13]
        if csize == 0 or csize & (csize - 1):
            raise fat_error(ENODEV)
        n_rootdir = le16(win, 17)
        if n_rootdir % (ss // 32):
            raise fat_error(ENODEV)
        tsect = le16(win, 19) or le32(win, 32)
        nrsv = le16(win, 14)
        if nrsv == 0:
            raise fat_error(ENODEV)
        sysect = nrsv + fsize * n_fats + n_rootdir // (ss // 32)
        if tsect < sysect:
            raise fat_error(ENODEV)
        nclst = (tsect - sysect) // csize
        if nclst == 0:
            raise fat_error(ENODEV)
        fmt = 0
        if nclst <= layout_mod.MAX_FAT32:
            fmt = layout_mod.FS_FAT32
        if nclst <= layout_mod.MAX_FAT16:
            fmt = layout_mod.FS_FAT16
        if nclst <= layout_mod.MAX_FAT12:
            fmt = layout_mod.FS_FAT12
        if fmt == 0:
            raise fat_error(ENODEV)
        self.n_fatent = nclst + 2
        self.volbase = bsect
        self.fatbase = bsect + nrsv
        self.database = bsect + sysect
        self.fsize, self.n_fats, self.csize, self.n_rootdir = fsize, n_fats, csize, n_rootdir
        if fmt == layout_mod.FS_FAT32:
            if le16(win, 42) != 0 or n_rootdir != 0:
                raise fat_error(ENODEV)
            self.dirbase = le32(win, 44)
            needed = self.n_fatent * 4
        else:
            if n_rootdir == 0:
                raise fat_error(ENODEV)
            self.dirbase = self.fatbase + fsize * n_fats
            needed = (self.n_fatent * 2 if fmt == layout_mod.FS_FAT16
                      else self.n_fatent * 3 // 2 + (self.n_fatent & 1))
        if fsize < (needed + ss - 1) // ss:
            raise fat_error(ENODEV)
        self.last_clst = self.free_clst = 0xFFFFFFFF
        self.fsi_flag = 0x80
        if fmt == layout_mod.FS_FAT32 and le16(win, 48) == 1:
            try:
                info = self._move_window(bsect + 1)
            except OSError:
                info = None
            if info is not None:
                self.fsi_flag = 0
                if (le16(info, 510) == 0xAA55 and le32(info, 0) == 0x41615252
                        and le32(info, 484) == 0x61417272):
                    self.free_clst = le32(info, 488)
                    self.last_clst = le32(info, 492)
        self.fs_type = fmt
        self.cdir = 0
        self.no_filesystem = False

    def _ready(self, write: bool = False) -> None:
        """Before each operation: the closings finalisers left, then the volume mounted (as
        FatFs's find_volume, which checks write protection for a write)."""
        self.drain()
        self._find_volume(write)

    def defer(self, action) -> None:
        """Run ``action()`` (a dropped file's closing) before the next operation: a finaliser
        may run in the middle of one (a collection inside a block-device callback), so it
        never touches the volume itself."""
        self._deferred.append(action)

    def close_files(self) -> None:
        """The firmware's soft reset: the files still open are closed (their finalisers run
        in gc_sweep_all), so what they wrote reaches the volume."""
        self.drain()
        for handle in list(self.open_files):
            try:
                handle.close()
            except Exception:  # noqa: BLE001 - as a finaliser: never raises
                pass

    def drain(self) -> None:
        while self._deferred:
            try:
                self._deferred.pop(0)()
            except Exception:  # noqa: BLE001 - a finaliser's work never raises
                pass

    def mkfs(self, fat32_fallback: bool = True, partition_start: int | None = None) -> None:
        self.fs_type = 0
        init = self.bdev.ioctl(IOCTL_INIT, 0)
        if init is not None and guest_int(init) != 0:
            raise fat_error(EBUSY)
        self._status(True)
        ss = self._sector_size()
        self.ss = ss
        count = self.bdev.ioctl_int(IOCTL_BLOCK_COUNT, required=True)
        try:
            layout = layout_mod.plan(count, ss, fat32=False, partition_start=partition_start)
        except layout_mod.MkfsAborted:
            if not fat32_fallback:
                raise fat_error(EIO) from None
            try:
                layout = layout_mod.plan(count, ss, fat32=True,
                                         partition_start=partition_start)
            except layout_mod.MkfsAborted:
                raise fat_error(EIO) from None
        self._invalidate_window()
        base = layout.base
        boot = layout_mod.boot_sector(layout, self._fattime())
        self._write(base, boot)
        if layout.fmt == layout_mod.FS_FAT32:
            self._write(base + 6, boot)
            info = layout_mod.fsinfo_sector(layout)
            self._write(base + 7, info)
            self._write(base + 1, info)
        sect = base + layout.reserved
        zero = bytes(ss)
        self._write(sect, layout_mod.first_fat_sector(layout))
        for i in range(1, layout.fat_sectors):
            self._write(sect + i, zero)
        sect += layout.fat_sectors * layout_mod.N_FATS
        root = (layout.cluster_sectors if layout.fmt == layout_mod.FS_FAT32
                else layout.root_sectors)
        for i in range(root):
            self._write(sect + i, zero)
        if base:
            self._write(0, layout_mod.partition_table(layout))
        self.bdev.ioctl(IOCTL_SYNC, 0)
        self.no_filesystem = False
    # --- the FAT ---------------------------------------------------------------------------
    def _clust2sect(self, clst: int) -> int:
        return self.database + (clst - 2) * self.csize

    def _get_fat(self, clst: int) -> int:
        if clst < 2 or clst >= self.n_fatent:
            return 1
        ss = self.ss
        if self.fs_type == layout_mod.FS_FAT12:
            bc = clst + clst // 2
            lo = self._move_window(self.fatbase + bc // ss)[bc % ss]
            bc += 1
            hi = self._move_window(self.fatbase + bc // ss)[bc % ss]
            wc = lo | hi << 8
            return wc >> 4 if clst & 1 else wc & 0xFFF
        if self.fs_type == layout_mod.FS_FAT16:
            win = self._move_window(self.fatbase + clst * 2 // ss)
            return le16(win, clst * 2 % ss)
        win = self._move_window(self.fatbase + clst * 4 // ss)
        return le32(win, clst * 4 % ss) & 0x0FFFFFFF

    def _put_fat(self, clst: int, val: int) -> None:
        if clst < 2 or clst >= self.n_fatent:
            raise fat_error(EIO)
        ss = self.ss
        if self.fs_type == layout_mod.FS_FAT12:
            bc = clst + clst // 2
            win = self._move_window(self.fatbase + bc // ss)
            i = bc % ss
            win[i] = ((win[i] & 0x0F) | (val << 4 & 0xF0)) if clst & 1 else val & 0xFF
            self._win_dirty = True
            bc += 1
            win = self._move_window(self.fatbase + bc // ss)
            i = bc % ss
            win[i] = (val >> 4 & 0xFF) if clst & 1 else ((win[i] & 0xF0) | (val >> 8 & 0x0F))
            self._win_dirty = True
        elif self.fs_type == layout_mod.FS_FAT16:
            win = self._move_window(self.fatbase + clst * 2 // ss)
            i = clst * 2 % ss
            win[i:i + 2] = (val & 0xFFFF).to_bytes(2, "little")
            self._win_dirty = True
        else:
            win = self._move_window(self.fatbase + clst * 4 // ss)
            i = clst * 4 % ss
            val = (val & 0x0FFFFFFF) | (le32(win, i) & 0xF0000000)
            win[i:i + 4] = val.to_bytes(4, "little")
            self._win_dirty = True

    def _chain(self, clst: int) -> list[int]:
        out = []
        while 2 <= clst < self.n_fatent:
            out.append(clst)
            if len(out) > self.n_fatent:
                raise fat_error(EIO)
            clst = self._get_fat(clst)
        if clst == 1 or clst == 0:
            raise fat_error(EIO)
        return out

    def _create_chain(self, clst: int) -> int:
        """A new cluster linked after ``clst`` (0: a new chain); 0 when the volume is full."""
        if clst == 0:
            scl = self.last_clst
            if scl == 0 or scl >= self.n_fatent:
                scl = 1
        else:
            cs = self._get_fat(clst)
            if cs < 2:
                raise fat_error(EIO)
            if cs < self.n_fatent:
                return cs
            scl = clst
        if self.free_clst == 0:
            return 0
        ncl = 0
        if scl == clst:
            ncl = scl + 1
            if ncl >= self.n_fatent:
                ncl = 2
            cs = self._get_fat(ncl)
            if cs == 1:
                raise fat_error(EIO)
            if cs != 0:
                cs = self.last_clst
                if 2 <= cs < self.n_fatent:
                    scl = cs
                ncl = 0
        if ncl == 0:
            ncl = scl
            while True:
                ncl += 1
                if ncl >= self.n_fatent:
                    ncl = 2
                    if ncl > scl:
                        return 0
                cs = self._get_fat(ncl)
                if cs == 0:
                    break
                if cs == 1:
                    raise fat_error(EIO)
                if ncl == scl:
                    return 0
        self._put_fat(ncl, 0xFFFFFFFF)
        if clst != 0:
            self._put_fat(clst, ncl)
        self.last_clst = ncl
        if self.free_clst <= self.n_fatent - 2:
            self.free_clst -= 1
        self.fsi_flag |= 1
        return ncl

    def _remove_chain(self, clst: int, pclst: int = 0) -> None:
        if clst < 2 or clst >= self.n_fatent:
            raise fat_error(EIO)
        if pclst != 0:
            self._put_fat(pclst, 0xFFFFFFFF)
        while True:
            nxt = self._get_fat(clst)
            if nxt == 0:
                break
            if nxt == 1:
                raise fat_error(EIO)
            self._put_fat(clst, 0)
            if self.free_clst < self.n_fatent - 2:
                self.free_clst += 1
                self.fsi_flag |= 1
            clst = nxt
            if clst >= self.n_fatent:
                break

    def free_clusters(self) -> int:
        """f_getfree: FatFs's count when it holds a valid one, else the FAT scanned."""
        if self.free_clst <= self.n_fatent - 2:
            return self.free_clst
        free = 0
        for clst in range(2, self.n_fatent):
            if self._get_fat(clst) == 0:
                free += 1
        self.free_clst = free
        self.fsi_flag |= 1
        return free
