"""An open file of `vfs.VfsFat` (extmod/vfs_fat_file.c over FatFs's f_read/f_write/f_lseek):
the raw binary file the guest's file objects wrap. Its data goes through the volume's sector
window; its directory entry (first cluster, size, modification time) is written on flush and
close, as f_sync writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpt.runtime.library.fat_disk import EACCES, EIO, ENOSPC, fat_error, le32

if TYPE_CHECKING:
    from mpt.runtime.library.fat_volume import FatVolume, DirEntry

AM_ARC = 0x20


class FatFile:
    """An open FAT file: the raw binary file guest file objects wrap."""

    def __init__(self, volume: FatVolume, entry: DirEntry, readable: bool, writable: bool):
        self._volume = volume
        self._entry = entry
        self.readable = readable
        self.writable = writable
        self.sclust = volume._entry_cluster(entry.raw)
        self.size = le32(entry.raw, 28)
        self.pos = 0
        self.modified = False
        self.closed = False
        volume.open_files.add(self)

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
                raise fat_error(EIO)
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
                raise fat_error(EIO)
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
        # the firmware's finaliser: a file the guest drops is closed (by the volume, later)
        if not getattr(self, "closed", True):
            self._volume.defer(self.close)
