"""FAT on a guest block device: the host side of `vfs.VfsFat(bdev)`.

It reads and writes the volume as MicroPython's FatFs (lib/oofatfs, R0.13c, configured by
extmod/vfs_fat.c) does: FAT12, FAT16 and FAT32 (no exFAT), long file names (:mod:`fat_names`),
``mkfs`` with f_mkfs's layout (:mod:`fat_layout`), one sector window written back when
another sector is needed or on sync (``FF_FS_TINY``), free clusters counted as f_getfree
counts them (FAT32's FSInfo count trusted), new clusters found from the last one allocated,
and FatFs's results turned into the firmware's OSErrors (vfs_fat_file.c's table). A block
device's exception goes straight through, as the firmware's does; an error code from its
``readblocks``/``writeblocks`` is FR_DISK_ERR (EIO).

Sector size: 512 up to the port's ``FF_MAX_SS`` (other sizes are FR_DISK_ERR, as on the
board); the ioctl's block size, 512 when it gives none.
"""

from __future__ import annotations

import calendar
import time

from mpt.runtime.library.blockdev import (
    IOCTL_BLOCK_COUNT, IOCTL_BLOCK_SIZE, IOCTL_INIT, IOCTL_SYNC, BlockDevice, guest_int,
)
from mpt.runtime.library import fat_layout as layout_mod
from mpt.runtime.library.fat_names import (
    CODEPAGE as CODEPAGE_NAME, DDEM, LLEF, NS_DOT, NS_LFN, NS_LOSS, NS_NOLFN, NS_NONAME, InvalidName, Name, create_name,
    from_oem, lfn_entries, lfn_part, numbered_name, sfn_checksum, short_name_text,
    split_segment, units_text,
)

# FatFs results and the errno each becomes (vfs_fat_file.c's fresult_to_errno_table)
EIO, ENOENT, EACCES, EEXIST, EINVAL, EROFS, ENODEV, EBUSY, ENOSPC = 5, 2, 13, 17, 22, 30, 19, 16, 28
S_IFDIR, S_IFREG = 0x4000, 0x8000
AM_RDO, AM_HID, AM_SYS, AM_VOL, AM_LFN, AM_DIR, AM_ARC, AM_MASK = (
    0x01, 0x02, 0x04, 0x08, 0x0F, 0x10, 0x20, 0x3F)
MAX_LFN = 255
MAX_DIR_BYTES = 0x200000
ROOT_DATE = 0x2821  # vfs_fat.c's stat of the root: 2000-01-01 00:00
DEFAULT_MAX_SECTOR = 4096


def _err(code: int) -> OSError:
    """A FatFs failure as the OSError the firmware raises (its errno the only argument)."""
    return OSError(code)


def _errno(exc: OSError):
    return exc.args[0] if exc.args else None


def _u16(buf, off: int) -> int:
    return buf[off] | buf[off + 1] << 8


def _u32(buf, off: int) -> int:
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
    return calendar.timegm((year, max(month, 1), max(day, 1), hour, minute, second, 0, 0, 0))


class _Entry:
    """A directory entry found by a path: the directory it is in, its SFN entry's position
    and the 32 bytes there (``raw``); ``name`` is its long name as read."""

    def __init__(self, dir_clust: int, index: int, raw: bytes, first: int, name: str):
        self.dir_clust = dir_clust
        self.index = index  # the SFN entry's index in its directory
        self.first = first  # the index of its first LFN entry (== index without one)
        self.raw = raw
        self.name = name

    @property
    def attr(self) -> int:
        return self.raw[11] & AM_MASK


class FatVolume:
    """One FAT file system on a block device, with the VFS object's current directory.
    Paths are the guest's (str); errors are OSError with the firmware's errno."""

    fat = True  # guest files print as FAT files do

    def __init__(self, bdev_obj, *, now_ns=None, epoch_offset: int = 0,
                 max_sector: int = DEFAULT_MAX_SECTOR, mount: bool = True):
        self.bdev = BlockDevice(bdev_obj)
        self._now_ns = now_ns
        self.epoch_offset = epoch_offset
        self.max_sector = max_sector
        self.fs_type = 0  # 0: not mounted (no file system found yet)
        self.cdir = 0  # the current directory's first cluster (0: the root)
        self._win_sect = -1
        self._win = bytearray(0)
        self._win_dirty = False
        self.no_filesystem = False
        if mount:
            try:
                self._find_volume(False)
            except OSError as exc:
                if _errno(exc) != ENODEV:
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
            raise _err(EROFS)

    def _sector_size(self) -> int:
        answer = self.bdev.ioctl(IOCTL_BLOCK_SIZE, 0)
        size = 512 if answer is None else guest_int(answer)
        self.bdev.block_size = size
        if size > self.max_sector or size < 512 or size & (size - 1):
            raise _err(EIO)
        return size

    def _read(self, sector: int, count: int = 1) -> bytearray:
        buf = bytearray(count * self.ss)
        if self.bdev.read(sector, buf) != 0:
            raise _err(EIO)
        return buf

    def _write(self, sector: int, data) -> None:
        if self.bdev.write(sector, bytearray(data)) != 0:
            raise _err(EIO)

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
            raise _err(EBUSY)
        self._status(write)
        self.ss = self._sector_size()
        self._invalidate_window()
        bsect = 0
        fmt = self._check_fs(0)
        if fmt == 2:
            win = self._win
            for i in range(4):
                entry = 446 + 16 * i
                bsect = _u32(win, entry + 8) if win[entry + 4] else 0
                fmt = self._check_fs(bsect) if bsect else 3
                if fmt < 2:
                    break
        if fmt == 4:
            raise _err(EIO)
        if fmt >= 2:
            raise _err(ENODEV)
        self._mount_bpb(bsect)

    def _check_fs(self, sect: int) -> int:
        try:
            win = self._move_window(sect)
        except OSError:
            return 4
        if _u16(win, 510) != 0xAA55:
            return 3
        if win[0] in (0xE9, 0xEB, 0xE8):
            if bytes(win[54:57]) == b"FAT" or bytes(win[82:87]) == b"FAT32":
                return 0
        return 2

    def _mount_bpb(self, bsect: int) -> None:
        win, ss = self._win, self.ss
        if _u16(win, 11) != ss:
            raise _err(ENODEV)
        fsize = _u16(win, 22) or _u32(win, 36)
        n_fats = win[16]
        if n_fats not in (1, 2):
            raise _err(ENODEV)
        csize = win[13]
        if csize == 0 or csize & (csize - 1):
            raise _err(ENODEV)
        n_rootdir = _u16(win, 17)
        if n_rootdir % (ss // 32):
            raise _err(ENODEV)
        tsect = _u16(win, 19) or _u32(win, 32)
        nrsv = _u16(win, 14)
        if nrsv == 0:
            raise _err(ENODEV)
        sysect = nrsv + fsize * n_fats + n_rootdir // (ss // 32)
        if tsect < sysect:
            raise _err(ENODEV)
        nclst = (tsect - sysect) // csize
        if nclst == 0:
            raise _err(ENODEV)
        fmt = 0
        if nclst <= layout_mod.MAX_FAT32:
            fmt = layout_mod.FS_FAT32
        if nclst <= layout_mod.MAX_FAT16:
            fmt = layout_mod.FS_FAT16
        if nclst <= layout_mod.MAX_FAT12:
            fmt = layout_mod.FS_FAT12
        if fmt == 0:
            raise _err(ENODEV)
        self.n_fatent = nclst + 2
        self.volbase = bsect
        self.fatbase = bsect + nrsv
        self.database = bsect + sysect
        self.fsize, self.n_fats, self.csize, self.n_rootdir = fsize, n_fats, csize, n_rootdir
        if fmt == layout_mod.FS_FAT32:
            if _u16(win, 42) != 0 or n_rootdir != 0:
                raise _err(ENODEV)
            self.dirbase = _u32(win, 44)
            needed = self.n_fatent * 4
        else:
            if n_rootdir == 0:
                raise _err(ENODEV)
            self.dirbase = self.fatbase + fsize * n_fats
            needed = (self.n_fatent * 2 if fmt == layout_mod.FS_FAT16
                      else self.n_fatent * 3 // 2 + (self.n_fatent & 1))
        if fsize < (needed + ss - 1) // ss:
            raise _err(ENODEV)
        self.last_clst = self.free_clst = 0xFFFFFFFF
        self.fsi_flag = 0x80
        if fmt == layout_mod.FS_FAT32 and _u16(win, 48) == 1:
            try:
                info = self._move_window(bsect + 1)
            except OSError:
                info = None
            if info is not None:
                self.fsi_flag = 0
                if (_u16(info, 510) == 0xAA55 and _u32(info, 0) == 0x41615252
                        and _u32(info, 484) == 0x61417272):
                    self.free_clst = _u32(info, 488)
                    self.last_clst = _u32(info, 492)
        self.fs_type = fmt
        self.cdir = 0
        self.no_filesystem = False

    def _ready(self, write: bool = False) -> None:
        self._find_volume(write)

    # --- formatting -------------------------------------------------------------------------
    @classmethod
    def format(cls, bdev_obj, *, max_sector: int = DEFAULT_MAX_SECTOR, now_ns=None,
               label: str | None = None, epoch_offset: int = 0) -> None:
        """VfsFat.mkfs: FAT12/16 over the whole device, else FAT32 in a partition; then the
        port's volume label, if its firmware sets one (stm32: "pybflash")."""
        volume = cls(bdev_obj, now_ns=now_ns, max_sector=max_sector)
        volume.mkfs()
        if label:
            volume.set_label(label)

    def set_label(self, label: str) -> None:
        """f_setlabel: the root's volume-label entry (upper case), made where there is none."""
        self._ready(True)
        text = label.upper().encode(CODEPAGE_NAME, "replace")[:11].ljust(11)
        for index, raw in self._entries(0):
            if raw[0] != DDEM and raw[11] & AM_MASK != AM_LFN and raw[11] & AM_VOL:
                break
        else:
            index, _chain = self._alloc_entries(0, 1)
        raw = bytearray(32)
        raw[0:11] = text
        raw[11] = AM_VOL
        raw[22:26] = self._fattime().to_bytes(4, "little")
        self._write_entry(0, index, raw)
        self._sync_fs()

    def mkfs(self, fat32_fallback: bool = True) -> None:
        self.fs_type = 0
        init = self.bdev.ioctl(IOCTL_INIT, 0)
        if init is not None and guest_int(init) != 0:
            raise _err(EBUSY)
        self._status(True)
        ss = self._sector_size()
        self.ss = ss
        count = self.bdev.ioctl_int(IOCTL_BLOCK_COUNT, required=True)
        try:
            layout = layout_mod.plan(count, ss, fat32=False)
        except layout_mod.MkfsAborted:
            if not fat32_fallback:
                raise _err(EIO) from None
            try:
                layout = layout_mod.plan(count, ss, fat32=True)
            except layout_mod.MkfsAborted:
                raise _err(EIO) from None
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
            return _u16(win, clst * 2 % ss)
        win = self._move_window(self.fatbase + clst * 4 // ss)
        return _u32(win, clst * 4 % ss) & 0x0FFFFFFF

    def _put_fat(self, clst: int, val: int) -> None:
        if clst < 2 or clst >= self.n_fatent:
            raise _err(EIO)
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
            val = (val & 0x0FFFFFFF) | (_u32(win, i) & 0xF0000000)
            win[i:i + 4] = val.to_bytes(4, "little")
            self._win_dirty = True

    def _chain(self, clst: int) -> list[int]:
        out = []
        while 2 <= clst < self.n_fatent:
            out.append(clst)
            if len(out) > self.n_fatent:
                raise _err(EIO)
            clst = self._get_fat(clst)
        if clst == 1 or clst == 0:
            raise _err(EIO)
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
                raise _err(EIO)
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
                raise _err(EIO)
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
                    raise _err(EIO)
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
            raise _err(EIO)
        if pclst != 0:
            self._put_fat(pclst, 0xFFFFFFFF)
        while True:
            nxt = self._get_fat(clst)
            if nxt == 0:
                break
            if nxt == 1:
                raise _err(EIO)
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

    # --- directories ----------------------------------------------------------------------
    def _root_static(self, dir_clust: int) -> bool:
        return dir_clust == 0 and self.fs_type != layout_mod.FS_FAT32

    def _dir_start(self, dir_clust: int) -> int:
        if dir_clust == 0 and self.fs_type == layout_mod.FS_FAT32:
            return self.dirbase
        return dir_clust

    def _dir_sector(self, dir_clust: int, index: int, chain: list[int]) -> int | None:
        """The sector holding entry ``index`` (None past the end of the directory)."""
        per_sector = self.ss // 32
        if self._root_static(dir_clust):
            if index >= self.n_rootdir:
                return None
            return self.dirbase + index // per_sector
        if index * 32 >= MAX_DIR_BYTES:
            return None
        per_cluster = per_sector * self.csize
        n = index // per_cluster
        if n >= len(chain):
            return None
        return self._clust2sect(chain[n]) + (index % per_cluster) // per_sector

    def _dir_chain(self, dir_clust: int) -> list[int]:
        if self._root_static(dir_clust):
            return []
        return self._chain(self._dir_start(dir_clust))

    def _entries(self, dir_clust: int):
        """Every 32-byte entry slot of a directory: (index, bytes) until the end mark."""
        chain = self._dir_chain(dir_clust)
        index = 0
        per_sector = self.ss // 32
        while True:
            sect = self._dir_sector(dir_clust, index, chain)
            if sect is None:
                return
            win = self._move_window(sect)
            off = (index % per_sector) * 32
            raw = bytes(win[off:off + 32])
            if raw[0] == 0:
                return
            yield index, raw
            index += 1

    def _read_dir(self, dir_clust: int, finding: bool = False):
        """dir_read (or, ``finding``, dir_find's walk, which also sees '.' and '..'):
        (SFN index, first index, entry, long name or None) for each object."""
        lfn_units: list[int] = []
        order = 0xFF
        checksum = 0
        first = 0
        for index, raw in self._entries(dir_clust):
            c = raw[0]
            attr = raw[11] & AM_MASK
            if finding:
                skip = c == DDEM or (attr & AM_VOL and attr != AM_LFN)
            else:
                skip = c == DDEM or c == 0x2E or (attr & ~AM_ARC) == AM_VOL
            if skip:
                order = 0xFF
                continue
            if attr == AM_LFN:
                if c & LLEF:
                    checksum = raw[13]
                    c &= ~LLEF
                    order = c
                    lfn_units = []
                    first = index
                part = lfn_part(raw)
                if c == order and checksum == raw[13] and part is not None:
                    lfn_units = part + lfn_units
                    order -= 1
                else:
                    order = 0xFF
                continue
            if order == 0 and checksum == sfn_checksum(raw):
                yield index, first, raw, units_text(lfn_units)
            else:
                yield index, index, raw, None
            order = 0xFF

    def _find(self, dir_clust: int, name: Name) -> _Entry | None:
        only_sfn = bool(name.flags & NS_NOLFN)
        wanted = name.lfn.upper()
        for index, first, raw, lfn in self._read_dir(dir_clust, finding=True):
            if lfn is not None and not only_sfn and lfn.upper() == wanted:
                return _Entry(dir_clust, index, raw, first, lfn)
            if not name.flags & NS_LOSS and raw[:11] == name.sfn:
                return _Entry(dir_clust, index, raw, first,
                              lfn if lfn is not None else short_name_text(raw))
        return None

    def _follow(self, path: str):
        """follow_path: (directory cluster, Name of the last segment, its entry or None).
        Raises ENOENT for a missing folder on the way, EINVAL for a bad name."""
        pos = 0
        if path[:1] in ("/", "\\"):
            dir_clust = 0
            while pos < len(path) and path[pos] in "/\\":
                pos += 1
        else:
            dir_clust = self.cdir
        if pos >= len(path) or path[pos] < " ":
            return dir_clust, Name("", b"", NS_NONAME), None
        while True:
            segment, pos, last = split_segment(path, pos)
            try:
                name = create_name(segment, last)
            except InvalidName:
                raise _err(EINVAL) from None
            entry = self._find(dir_clust, name)
            if entry is None:
                if name.flags & NS_DOT:  # '.' or '..' in the root: the root itself
                    if not last:
                        continue
                    return dir_clust, Name(name.lfn, name.sfn, name.flags | NS_NONAME), None
                if not last:
                    raise _err(ENOENT)  # FR_NO_PATH
                return dir_clust, name, None
            if last:
                return dir_clust, name, entry
            if not entry.attr & AM_DIR:
                raise _err(ENOENT)
            dir_clust = self._entry_cluster(entry.raw)

    def _entry_cluster(self, raw) -> int:
        clst = _u16(raw, 26)
        if self.fs_type == layout_mod.FS_FAT32:
            clst |= _u16(raw, 20) << 16
        return clst

    def _set_cluster(self, raw: bytearray, clst: int) -> None:
        raw[26:28] = (clst & 0xFFFF).to_bytes(2, "little")
        if self.fs_type == layout_mod.FS_FAT32:
            raw[20:22] = (clst >> 16).to_bytes(2, "little")

    def _write_entry(self, dir_clust: int, index: int, raw, chain=None) -> None:
        if chain is None:
            chain = self._dir_chain(dir_clust)
        sect = self._dir_sector(dir_clust, index, chain)
        if sect is None:
            raise _err(EIO)
        win = self._move_window(sect)
        off = (index % (self.ss // 32)) * 32
        win[off:off + 32] = raw
        self._win_dirty = True

    def _clear_cluster(self, clst: int) -> None:
        self._sync_window()
        self._invalidate_window()
        zero = bytes(self.ss)
        sect = self._clust2sect(clst)
        for i in range(self.csize):
            self._write(sect + i, zero)

    def _alloc_entries(self, dir_clust: int, count: int) -> tuple[int, list[int]]:
        """dir_alloc: the index of ``count`` free consecutive slots (the directory grows
        by a cleared cluster when needed); EACCES when there is no room."""
        chain = self._dir_chain(dir_clust)
        per_sector = self.ss // 32
        index = run = 0
        while True:
            sect = self._dir_sector(dir_clust, index, chain)
            if sect is None:
                if self._root_static(dir_clust) or index * 32 >= MAX_DIR_BYTES:
                    raise _err(EACCES)
                new = self._create_chain(chain[-1])
                if new == 0:
                    raise _err(EACCES)
                self._clear_cluster(new)
                chain.append(new)
                continue
            first = self._move_window(sect)[(index % per_sector) * 32]
            if first in (0, DDEM):
                run += 1
                if run == count:
                    return index - count + 1, chain
            else:
                run = 0
            index += 1

    def _register(self, dir_clust: int, name: Name) -> tuple[int, bytearray, list[int]]:
        """dir_register: the entries of a new name (LFN entries, then a blank SFN entry
        carrying the name); returns the SFN index, its bytes and the directory's chain."""
        if name.flags & (NS_DOT | NS_NONAME):
            raise _err(EINVAL)
        sfn, flags = name.sfn, name.flags
        if flags & NS_LOSS:
            for seq in range(1, 100):
                candidate = numbered_name(name.sfn, name.lfn, seq)
                if self._find(dir_clust, Name(name.lfn, candidate, NS_NOLFN)) is None:
                    sfn = candidate
                    break
            else:
                raise _err(EACCES)
        lfns = lfn_entries(name.lfn, sfn) if flags & NS_LFN else []
        start, chain = self._alloc_entries(dir_clust, len(lfns) + 1)
        for i, entry in enumerate(lfns):
            self._write_entry(dir_clust, start + i, entry, chain)
        raw = bytearray(32)
        raw[0:11] = sfn
        raw[12] = flags & 0x18
        return start + len(lfns), raw, chain

    def _delete_entries(self, entry: _Entry) -> None:
        chain = self._dir_chain(entry.dir_clust)
        for index in range(entry.first, entry.index + 1):
            sect = self._dir_sector(entry.dir_clust, index, chain)
            if sect is None:
                raise _err(EIO)
            win = self._move_window(sect)
            win[(index % (self.ss // 32)) * 32] = DDEM
            self._win_dirty = True

    # --- the VFS operations -----------------------------------------------------------------
    def stat(self, path: str) -> tuple:
        if path in ("", "/"):
            size, date, tm, attr = 0, ROOT_DATE, 0, AM_DIR
        else:
            entry = self._lookup(path)
            raw = entry.raw
            size, date, tm, attr = _u32(raw, 28), _u16(raw, 24), _u16(raw, 22), entry.attr
        mode = S_IFDIR if attr & AM_DIR else S_IFREG
        seconds = fat_seconds(date, tm) - self.epoch_offset
        return (mode, 0, 0, 0, 0, 0, size, seconds, seconds, seconds)

    def _lookup(self, path: str, write: bool = False) -> _Entry:
        """f_stat's lookup: the entry of an existing object (the root has none: EINVAL)."""
        self._ready(write)
        _dir, name, entry = self._follow(path)
        if name.flags & NS_NONAME:
            raise _err(EINVAL)
        if entry is None:
            raise _err(ENOENT)
        return entry

    def statvfs(self, path: str) -> tuple:
        self._ready()
        free = self.free_clusters()
        bsize = self.csize * self.ss
        return (bsize, bsize, self.n_fatent - 2, free, free, 0, 0, 0, 0, MAX_LFN)

    def ilistdir(self, path: str | None = None):
        self._ready()
        dir_clust, name, entry = self._follow(path or "")
        if entry is not None:
            if not entry.attr & AM_DIR:
                raise _err(ENOENT)
            dir_clust = self._entry_cluster(entry.raw)
        elif not name.flags & NS_NONAME:
            raise _err(ENOENT)
        out = []
        for _index, _first, raw, lfn in self._read_dir(dir_clust):
            text = from_oem(lfn if lfn else short_name_text(raw))
            mode = S_IFDIR if raw[11] & AM_DIR else S_IFREG
            out.append((text, mode, 0, _u32(raw, 28)))
        return iter(out)

    def mkdir(self, path: str) -> None:
        self._ready(True)
        dir_clust, name, entry = self._follow(path)
        if entry is not None or name.flags & NS_NONAME:
            raise _err(EEXIST)
        if name.flags & NS_DOT:
            raise _err(EINVAL)
        tm = self._fattime()
        dcl = self._create_chain(0)
        if dcl == 0:
            raise _err(EACCES)
        self._clear_cluster(dcl)
        dot = bytearray(b".          " + bytes(21))
        dot[11] = AM_DIR
        dot[22:26] = tm.to_bytes(4, "little")
        self._set_cluster(dot, dcl)
        dotdot = bytearray(dot)
        dotdot[1] = ord(".")
        parent = self._dir_start(dir_clust)
        if self.fs_type == layout_mod.FS_FAT32 and parent == self.dirbase:
            parent = 0
        self._set_cluster(dotdot, parent)
        sect = self._clust2sect(dcl)
        win = self._move_window(sect)
        win[0:32] = dot
        win[32:64] = dotdot
        self._win_dirty = True
        try:
            index, raw, chain = self._register(dir_clust, name)
        except OSError:
            self._remove_chain(dcl)
            raise
        raw[22:26] = tm.to_bytes(4, "little")
        self._set_cluster(raw, dcl)
        raw[11] = AM_DIR
        self._write_entry(dir_clust, index, raw, chain)
        self._sync_fs()

    def _unlink(self, entry: _Entry) -> None:
        """f_unlink of a found object: a folder must be empty and not the current one."""
        clst = self._entry_cluster(entry.raw)
        if entry.attr & AM_RDO:
            raise _err(EACCES)
        if entry.attr & AM_DIR:
            if clst == self.cdir:
                raise _err(EACCES)
            for _ in self._read_dir(clst):
                raise _err(EACCES)
        self._delete_entries(entry)
        if clst:
            self._remove_chain(clst)
        self._sync_fs()

    def remove(self, path: str) -> None:
        self._remove(path, 0)

    def rmdir(self, path: str) -> None:
        self._remove(path, AM_DIR)

    def _remove(self, path: str, want: int) -> None:
        entry = self._lookup(path)  # vfs_fat.c stats it first
        if entry.attr & AM_DIR != want:
            raise _err(20 if want else 21)  # ENOTDIR / EISDIR
        self._ready(True)
        _dir, name, entry = self._follow(path)
        if entry is None or name.flags & (NS_DOT | NS_NONAME):
            raise _err(EINVAL)
        self._unlink(entry)

    def rename(self, old: str, new: str) -> None:
        try:
            self._rename(old, new)
        except OSError as exc:
            if _errno(exc) != EEXIST:
                raise
            self._remove(new, 0)  # the firmware replaces a file (never a folder)
            self._rename(old, new)

    def _rename(self, old: str, new: str) -> None:
        self._ready(True)
        _old_dir, old_name, src = self._follow(old)
        if src is None:
            if old_name.flags & (NS_DOT | NS_NONAME):
                raise _err(EINVAL)
            raise _err(ENOENT)
        if old_name.flags & NS_DOT:
            raise _err(EINVAL)
        new_dir, name, existing = self._follow(new)
        if name.flags & NS_NONAME:
            raise _err(EEXIST)
        if existing is not None and not (existing.dir_clust == src.dir_clust
                                         and existing.index == src.index):
            raise _err(EEXIST)  # (the same object under another case is renamed in place)
        index, raw, chain = self._register(new_dir, name)
        raw[13:32] = src.raw[13:32]
        raw[11] = src.raw[11] | AM_ARC if not src.raw[11] & AM_DIR else src.raw[11]
        self._write_entry(new_dir, index, raw, chain)
        if src.attr & AM_DIR and new_dir != src.dir_clust:
            clst = self._entry_cluster(src.raw)
            win = self._move_window(self._clust2sect(clst))
            if win[32] == ord(".") and win[33] == ord("."):
                parent = self._dir_start(new_dir)
                if self.fs_type == layout_mod.FS_FAT32 and parent == self.dirbase:
                    parent = 0
                dotdot = bytearray(win[32:64])
                self._set_cluster(dotdot, parent)
                win[32:64] = dotdot
                self._win_dirty = True
        self._delete_entries(src)
        self._sync_fs()

    def chdir(self, path: str) -> None:
        self._ready()
        dir_clust, name, entry = self._follow(path)
        if entry is None:
            if not name.flags & NS_NONAME:
                raise _err(ENOENT)
            self.cdir = dir_clust if self.fs_type != layout_mod.FS_FAT32 or dir_clust != \
                self.dirbase else 0
            return
        if not entry.attr & AM_DIR:
            raise _err(ENOENT)
        self.cdir = self._entry_cluster(entry.raw)

    def getcwd(self) -> str:
        """f_getcwd: the names of the folders up to the root, through their '..' entries."""
        self._ready()
        parts = []
        clst = self.cdir
        while clst:
            win = self._move_window(self._clust2sect(clst))
            parent = self._entry_cluster(win[32:64])
            name = None
            for _i, _f, raw, lfn in self._read_dir(parent):
                if raw[11] & AM_DIR and self._entry_cluster(raw) == clst:
                    name = lfn if lfn else short_name_text(raw)
                    break
            if name is None:
                raise _err(ENOENT)
            parts.append(from_oem(name))
            clst = parent
        return "/" + "/".join(reversed(parts))

    def open(self, path: str, mode: str = "r") -> "FatFile":
        base = mode[0]
        plus = "+" in mode
        write = base in "wxa" or plus
        self._ready(write)
        dir_clust, name, entry = self._follow(path)
        if name.flags & NS_NONAME:
            raise _err(EINVAL)
        create = base in "wxa"
        if create:
            if entry is None:
                index, raw, chain = self._register(dir_clust, name)
                entry = _Entry(dir_clust, index, bytes(raw), index, name.lfn)
                truncate = True
            else:
                if entry.attr & (AM_RDO | AM_DIR):
                    raise _err(EACCES)
                if base == "x":
                    raise _err(EEXIST)
                truncate = base == "w"
            if truncate:
                raw = bytearray(entry.raw)
                tm = self._fattime()
                raw[14:18] = tm.to_bytes(4, "little")
                raw[22:26] = tm.to_bytes(4, "little")
                raw[11] = AM_ARC
                old = self._entry_cluster(raw)
                self._set_cluster(raw, 0)
                raw[28:32] = bytes(4)
                self._write_entry(dir_clust, entry.index, raw)
                entry.raw = bytes(raw)
                if old:
                    self._remove_chain(old)
                    self.last_clst = old - 1
        else:
            if entry is None:
                raise _err(ENOENT)
            if entry.attr & AM_DIR:
                raise _err(ENOENT)
            if write and entry.attr & AM_RDO:
                raise _err(EACCES)
        f = FatFile(self, entry, readable=base == "r" or plus, writable=write)
        if base == "a":
            f.seek(0, 2)
        return f

    def mount(self, readonly: bool, mkfs: bool) -> None:
        """vfs.mount(): readonly makes the device unwritable; mkfs formats a device without a
        file system."""
        if readonly:
            self.bdev.readonly = True
        if self.no_filesystem:
            if not mkfs:
                raise _err(ENODEV)
            self.mkfs(fat32_fallback=False)
            self._find_volume(False)

    def unmount(self) -> None:
        """The firmware keeps the volume mounted so its methods still work."""


class FatFile:
    """An open FAT file: the raw binary file guest file objects wrap."""

    def __init__(self, volume: FatVolume, entry: _Entry, readable: bool, writable: bool):
        self._volume = volume
        self._entry = entry
        self.readable = readable
        self.writable = writable
        self.sclust = volume._entry_cluster(entry.raw)
        self.size = _u32(entry.raw, 28)
        self.pos = 0
        self.modified = False
        self.closed = False

    def _check(self) -> None:
        if self.closed:
            raise ValueError()

    def _cluster_at(self, cluster_index: int, grow: bool) -> int:
        """The file's ``cluster_index``-th cluster (0 when it has none and ``grow`` is off or
        the volume is full)."""
        vol = self._volume
        if self.sclust == 0:
            if not grow:
                return 0
            new = vol._create_chain(0)
            if new == 0:
                return 0
            self.sclust = new
        clst = self.sclust
        for _ in range(cluster_index):
            nxt = vol._get_fat(clst)
            if nxt == 1 or nxt == 0:
                raise _err(EIO)
            if nxt >= vol.n_fatent:
                if not grow:
                    return 0
                nxt = vol._create_chain(clst)
                if nxt == 0:
                    return 0
            clst = nxt
        return clst

    def read(self, size: int = -1) -> bytes:
        self._check()
        if not self.readable:
            raise OSError(EACCES)
        remain = self.size - self.pos
        if size is None or size < 0 or size > remain:
            size = max(remain, 0)
        vol = self._volume
        out = bytearray()
        csize_bytes = vol.csize * vol.ss
        while size > 0:
            clst = self._cluster_at(self.pos // csize_bytes, False)
            if clst == 0:
                raise _err(EIO)
            in_cluster = self.pos % csize_bytes
            sect = vol._clust2sect(clst) + in_cluster // vol.ss
            off = self.pos % vol.ss
            n = min(size, vol.ss - off)
            win = vol._move_window(sect)
            out += win[off:off + n]
            self.pos += n
            size -= n
        return bytes(out)

    def write(self, data) -> int:
        self._check()
        if not self.writable:
            raise OSError(EACCES)
        data = bytes(data)
        vol = self._volume
        csize_bytes = vol.csize * vol.ss
        done = 0
        while done < len(data):
            clst = self._cluster_at(self.pos // csize_bytes, True)
            if clst == 0:
                break  # the volume is full
            sect = vol._clust2sect(clst) + (self.pos % csize_bytes) // vol.ss
            off = self.pos % vol.ss
            n = min(len(data) - done, vol.ss - off)
            if off == 0 and n == vol.ss:
                vol._sync_window()
                if vol._win_sect == sect:
                    vol._invalidate_window()
                win = vol._win = bytearray(data[done:done + n])
                vol._win_sect = sect
                vol._win_dirty = True
            else:
                win = vol._move_window(sect)
                win[off:off + n] = data[done:done + n]
                vol._win_dirty = True
            self.pos += n
            done += n
            if self.pos > self.size:
                self.size = self.pos
            self.modified = True
        if done:
            self.modified = True
        if done != len(data):
            raise OSError(ENOSPC)
        return done

    def seek(self, offset: int, whence: int = 0) -> int:
        self._check()
        if whence == 1:
            offset += self.pos
        elif whence == 2:
            offset += self.size
        offset &= 0xFFFFFFFF
        if offset > self.size and not self.writable:
            offset = self.size
        if offset > self.size:
            vol = self._volume
            csize_bytes = vol.csize * vol.ss
            last = (offset - 1) // csize_bytes
            if self._cluster_at(last, True) == 0:
                offset = min(offset, self._allocated_bytes())
            self.size = offset
            self.modified = True
        self.pos = offset
        return offset

    def _allocated_bytes(self) -> int:
        vol = self._volume
        if self.sclust == 0:
            return 0
        return len(vol._chain(self.sclust)) * vol.csize * vol.ss

    def tell(self) -> int:
        self._check()
        return self.pos

    def flush(self) -> None:
        self._check()
        self._sync()

    def _sync(self) -> None:
        vol = self._volume
        if self.modified:
            entry = self._entry
            raw = bytearray(entry.raw)
            raw[11] |= AM_ARC
            vol._set_cluster(raw, self.sclust)
            raw[28:32] = self.size.to_bytes(4, "little")
            raw[22:26] = vol._fattime().to_bytes(4, "little")
            raw[18:20] = bytes(2)
            vol._write_entry(entry.dir_clust, entry.index, raw)
            entry.raw = bytes(raw)
            self.modified = False
        vol._sync_fs()

    def close(self) -> None:
        if self.closed:
            return
        self._sync()
        self.closed = True

    def __del__(self):
        if not getattr(self, "closed", True):
            try:
                self.close()
            except Exception:  # noqa: BLE001 - a finaliser never raises
                pass
