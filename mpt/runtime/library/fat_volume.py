"""FAT on a guest block device: the host side of `vfs.VfsFat(bdev)`.

Directories and the VFS operations as MicroPython's FatFs (lib/oofatfs, R0.13c, configured by
extmod/vfs_fat.c) does them, over :class:`fat_disk.FatDisk` (sectors, the FAT, mounting and
mkfs): long file names with their 8.3 short names (:mod:`fat_names`), paths relative to the
current directory ('.' and '..' as the directories' own entries), stat times from the entries
(vfs_fat.c's fixed date for the root), and files (:mod:`fat_file`).
"""

from __future__ import annotations

from mpt.runtime.library import fat_layout as layout_mod
from mpt.runtime.library.fat_disk import (
    DEFAULT_MAX_SECTOR, EACCES, EEXIST, EINVAL, EIO, ENODEV, ENOENT, FatDisk, fat_error, errno_of, le16,
    le32,
    fat_seconds,
)
from mpt.runtime.library.fat_file import FatFile
from mpt.runtime.library.fat_names import (
    CODEPAGE as CODEPAGE_NAME, DDEM, LLEF, NS_DOT, NS_LFN, NS_LOSS, NS_NOLFN, NS_NONAME,
    InvalidName, Name, create_name, from_oem, lfn_entries, lfn_part, numbered_name,
    sfn_checksum, short_name_text, split_segment, units_text,
)

S_IFDIR, S_IFREG = 0x4000, 0x8000
AM_RDO, AM_VOL, AM_LFN, AM_DIR, AM_ARC, AM_MASK = 0x01, 0x08, 0x0F, 0x10, 0x20, 0x3F
MAX_LFN = 255
MAX_DIR_BYTES = 0x200000
ROOT_DATE = 0x2821  # vfs_fat.c's stat of the root: 2000-01-01 00:00


class DirEntry:
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


class FatVolume(FatDisk):
    """One FAT file system on a block device, with the VFS object's current directory.
    Paths are the guest's (str); errors are OSError with the firmware's errno."""

    fat = True  # guest files print as FAT files do

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

    @classmethod
    def format_partition(cls, bdev_obj, partition_start: int, label: str | None = None,
                         now_ns=None) -> "FatVolume":
        """The firmware's own flash file system (stm32's factory reset: f_mkfs with FM_FAT on
        partition 1 of its flash, then its label), the device being that partition; the
        volume, mounted."""
        volume = cls(bdev_obj, now_ns=now_ns, mount=False)
        volume.mkfs(fat32_fallback=False, partition_start=partition_start)
        volume._find_volume(False)
        if label:
            volume.set_label(label)
        return volume

    def set_label(self, label: str) -> None:
        """f_setlabel: the name of the root's volume-label entry (upper case), or a new entry
        holding only the name and the attribute (no time) where there is none."""
        self._ready(True)
        text = label.upper().encode(CODEPAGE_NAME, "replace")[:11].ljust(11)
        for index, found in self._entries(0):
            if found[0] != DDEM and found[11] & AM_MASK != AM_LFN and found[11] & AM_VOL:
                raw = bytearray(found)
                break
        else:
            index, _chain = self._alloc_entries(0, 1)
            raw = bytearray(32)
            raw[11] = AM_VOL
        raw[0:11] = text
        self._write_entry(0, index, raw)
        self._sync_fs()

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

    def _find(self, dir_clust: int, name: Name) -> DirEntry | None:
        only_sfn = bool(name.flags & NS_NOLFN)
        wanted = name.lfn.upper()
        for index, first, raw, lfn in self._read_dir(dir_clust, finding=True):
            if lfn is not None and not only_sfn and lfn.upper() == wanted:
                return DirEntry(dir_clust, index, raw, first, lfn)
            if not name.flags & NS_LOSS and raw[:11] == name.sfn:
                return DirEntry(dir_clust, index, raw, first,
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
                raise fat_error(EINVAL) from None
            entry = self._find(dir_clust, name)
            if entry is None:
                if name.flags & NS_DOT:  # '.' or '..' in the root: the root itself
                    if not last:
                        continue
                    return dir_clust, Name(name.lfn, name.sfn, name.flags | NS_NONAME), None
                if not last:
                    raise fat_error(ENOENT)  # FR_NO_PATH
                return dir_clust, name, None
            if last:
                return dir_clust, name, entry
            if not entry.attr & AM_DIR:
                raise fat_error(ENOENT)
            dir_clust = self._entry_cluster(entry.raw)

    def _entry_cluster(self, raw) -> int:
        clst = le16(raw, 26)
        if self.fs_type == layout_mod.FS_FAT32:
            clst |= le16(raw, 20) << 16
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
            raise fat_error(EIO)
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
                    raise fat_error(EACCES)
                new = self._create_chain(chain[-1])
                if new == 0:
                    raise fat_error(EACCES)
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
            raise fat_error(EINVAL)
        sfn, flags = name.sfn, name.flags
        if flags & NS_LOSS:
            for seq in range(1, 100):
                candidate = numbered_name(name.sfn, name.lfn, seq)
                if self._find(dir_clust, Name(name.lfn, candidate, NS_NOLFN)) is None:
                    sfn = candidate
                    break
            else:
                raise fat_error(EACCES)
        lfns = lfn_entries(name.lfn, sfn) if flags & NS_LFN else []
        start, chain = self._alloc_entries(dir_clust, len(lfns) + 1)
        for i, entry in enumerate(lfns):
            self._write_entry(dir_clust, start + i, entry, chain)
        raw = bytearray(32)
        raw[0:11] = sfn
        raw[12] = flags & 0x18
        return start + len(lfns), raw, chain

    def _delete_entries(self, entry: DirEntry) -> None:
        chain = self._dir_chain(entry.dir_clust)
        for index in range(entry.first, entry.index + 1):
            sect = self._dir_sector(entry.dir_clust, index, chain)
            if sect is None:
                raise fat_error(EIO)
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
            size, date, tm, attr = le32(raw, 28), le16(raw, 24), le16(raw, 22), entry.attr
        mode = S_IFDIR if attr & AM_DIR else S_IFREG
        seconds = fat_seconds(date, tm) - self.epoch_offset
        return (mode, 0, 0, 0, 0, 0, size, seconds, seconds, seconds)

    def _lookup(self, path: str, write: bool = False) -> DirEntry:
        """f_stat's lookup: the entry of an existing object (the root has none: EINVAL)."""
        self._ready(write)
        _dir, name, entry = self._follow(path)
        if name.flags & NS_NONAME:
            raise fat_error(EINVAL)
        if entry is None:
            raise fat_error(ENOENT)
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
                raise fat_error(ENOENT)
            dir_clust = self._entry_cluster(entry.raw)
        elif not name.flags & NS_NONAME:
            raise fat_error(ENOENT)
        out = []
        for _index, _first, raw, lfn in self._read_dir(dir_clust):
            text = from_oem(lfn if lfn else short_name_text(raw))
            mode = S_IFDIR if raw[11] & AM_DIR else S_IFREG
            out.append((text, mode, 0, le32(raw, 28)))
        return iter(out)

    def mkdir(self, path: str) -> None:
        self._ready(True)
        dir_clust, name, entry = self._follow(path)
        if entry is not None or name.flags & NS_NONAME:
            raise fat_error(EEXIST)
        if name.flags & NS_DOT:
            raise fat_error(EINVAL)
        tm = self._fattime()
        dcl = self._create_chain(0)
        if dcl == 0:
            raise fat_error(EACCES)
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

    def _unlink(self, entry: DirEntry) -> None:
        """f_unlink of a found object: a folder must be empty and not the current one."""
        clst = self._entry_cluster(entry.raw)
        if entry.attr & AM_RDO:
            raise fat_error(EACCES)
        if entry.attr & AM_DIR:
            if clst == self.cdir:
                raise fat_error(EACCES)
            for _ in self._read_dir(clst):
                raise fat_error(EACCES)
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
            raise fat_error(20 if want else 21)  # ENOTDIR / EISDIR
        self._ready(True)
        _dir, name, entry = self._follow(path)
        if entry is None or name.flags & (NS_DOT | NS_NONAME):
            raise fat_error(EINVAL)
        self._unlink(entry)

    def rename(self, old: str, new: str) -> None:
        try:
            self._rename(old, new)
        except OSError as exc:
            if errno_of(exc) != EEXIST:
                raise
            self._remove(new, 0)  # the firmware replaces a file (never a folder)
            self._rename(old, new)

    def _rename(self, old: str, new: str) -> None:
        self._ready(True)
        _old_dir, old_name, src = self._follow(old)
        if src is None:
            if old_name.flags & (NS_DOT | NS_NONAME):
                raise fat_error(EINVAL)
            raise fat_error(ENOENT)
        if old_name.flags & NS_DOT:
            raise fat_error(EINVAL)
        new_dir, name, existing = self._follow(new)
        if name.flags & NS_NONAME:
            raise fat_error(EEXIST)
        if existing is not None and not (existing.dir_clust == src.dir_clust
                                         and existing.index == src.index):
            raise fat_error(EEXIST)  # (the same object under another case is renamed in place)
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
                raise fat_error(ENOENT)
            self.cdir = dir_clust if self.fs_type != layout_mod.FS_FAT32 or dir_clust != \
                self.dirbase else 0
            return
        if not entry.attr & AM_DIR:
            raise fat_error(ENOENT)
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
                raise fat_error(ENOENT)
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
            raise fat_error(EINVAL)
        create = base in "wxa"
        if create:
            if entry is None:
                index, raw, chain = self._register(dir_clust, name)
                entry = DirEntry(dir_clust, index, bytes(raw), index, name.lfn)
                truncate = True
            else:
                if entry.attr & (AM_RDO | AM_DIR):
                    raise fat_error(EACCES)
                if base == "x":
                    raise fat_error(EEXIST)
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
                raise fat_error(ENOENT)
            if entry.attr & AM_DIR:
                raise fat_error(ENOENT)
            if write and entry.attr & AM_RDO:
                raise fat_error(EACCES)
        f = FatFile(self, entry, readable=base == "r" or plus, writable=write)
        if base == "a":
            f.seek_end()
        return f

    def mount(self, readonly: bool, mkfs: bool) -> None:
        """vfs.mount(): readonly makes the device unwritable; mkfs formats a device without a
        file system."""
        if readonly:
            self.bdev.readonly = True
        if self.no_filesystem:
            if not mkfs:
                raise fat_error(ENODEV)
            self.mkfs(fat32_fallback=False)
            self._find_volume(False)

    def unmount(self) -> None:
        """The firmware keeps the volume mounted so its methods still work."""
