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
    """An open FAT file: the raw binary file guest file objects wrap. It keeps FatFs's FIL
    state (position, current cluster and sector) and moves through the volume as f_read,
    f_write and f_lseek do, so the sectors it touches, and the window's content, are the
    firmware's: whole sectors go straight to the device, a partial one through the window,
    and a sector on the growing edge of the file takes the window over without reading it."""

    def __init__(self, volume: FatVolume, entry: DirEntry, readable: bool, writable: bool):
        self._volume = volume
        self._entry = entry
        self.readable = readable
        self.writable = writable
        self.sclust = volume._entry_cluster(entry.raw)
        self.size = le32(entry.raw, 28)
        self.pos = 0
        self.clust = 0  # the cluster of the current position (FIL.clust)
        self.sect = 0  # the sector the window holds for this file (FIL.sect)
        self.modified = False
        self.closed = False
        volume.open_files.add(self)

    def _check(self) -> None:
        if self.closed:
            raise ValueError()

    def seek_end(self) -> None:
        """FA_SEEKEND at open (mode "a"): to the end, following the chain without growing it."""
        vol = self._volume
        if self.size == 0:
            return
        self.pos = self.size
        bcs = vol.csize * vol.ss
        clst = self.sclust
        ofs = self.size
        while ofs > bcs:
            clst = vol._get_fat(clst)
            if clst <= 1 or clst >= vol.n_fatent:
                raise fat_error(EIO)
            ofs -= bcs
        self.clust = clst
        if ofs % vol.ss:
            self.sect = vol._clust2sect(clst) + ofs // vol.ss

    def read(self, size: int = -1) -> bytes:
        self._check()
        if not self.readable:
            raise OSError(EACCES)
        remain = self.size - self.pos
        if size is None or size < 0 or size > remain:
            size = max(remain, 0)
        vol = self._volume
        ss = vol.ss
        out = bytearray()
        while size > 0:
            if self.pos % ss == 0:
                csect = (self.pos // ss) & (vol.csize - 1)
                if csect == 0:
                    clst = self.sclust if self.pos == 0 else vol._get_fat(self.clust)
                    if clst < 2 or clst >= vol.n_fatent:
                        raise fat_error(EIO)
                    self.clust = clst
                sect = vol._clust2sect(self.clust) + csect
                cc = size // ss
                if cc > 0:  # whole sectors straight from the device
                    cc = min(cc, vol.csize - csect)
                    data = vol._read(sect, cc)
                    if vol._win_dirty and 0 <= vol._win_sect - sect < cc:
                        at = (vol._win_sect - sect) * ss
                        data[at:at + ss] = vol._win
                    out += data
                    self.pos += cc * ss
                    size -= cc * ss
                    continue
                self.sect = sect
            n = min(ss - self.pos % ss, size)
            win = vol._move_window(self.sect)
            off = self.pos % ss
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
        ss = vol.ss
        if self.pos + len(data) > 0xFFFFFFFF:  # a FAT file stays under 4 GiB
            data = data[:0xFFFFFFFF - self.pos]
        done = 0
        while done < len(data):
            if self.pos % ss == 0:
                csect = (self.pos // ss) & (vol.csize - 1)
                if csect == 0:
                    if self.pos == 0:
                        clst = self.sclust or vol._create_chain(0)
                    else:
                        clst = vol._create_chain(self.clust)
                    if clst == 0:
                        break  # the volume is full
                    self.clust = clst
                    if self.sclust == 0:
                        self.sclust = clst
                if vol._win_sect == self.sect:
                    vol._sync_window()
                sect = vol._clust2sect(self.clust) + csect
                cc = (len(data) - done) // ss
                if cc > 0:  # whole sectors straight to the device
                    cc = min(cc, vol.csize - csect)
                    chunk = data[done:done + cc * ss]
                    vol._write(sect, chunk)
                    if 0 <= vol._win_sect - sect < cc:
                        at = (vol._win_sect - sect) * ss
                        vol._win = bytearray(chunk[at:at + ss])
                        vol._win_dirty = False
                    self._advance(cc * ss)
                    done += cc * ss
                    continue
                if self.pos >= self.size:  # the growing edge: no need to read the sector
                    vol._sync_window()
                    vol._win_sect = sect
                self.sect = sect
            n = min(ss - self.pos % ss, len(data) - done)
            win = vol._move_window(self.sect)
            off = self.pos % ss
            win[off:off + n] = data[done:done + n]
            vol._win_dirty = True
            self._advance(n)
            done += n
        self.modified = True
        if done != len(data):
            raise OSError(ENOSPC)
        return done

    def _advance(self, n: int) -> None:
        self.pos += n
        if self.pos > self.size:
            self.size = self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        """f_lseek (vfs_fat_file.c turns whence 1 and 2 into an offset from the start)."""
        self._check()
        if whence == 1:
            offset += self.pos
        elif whence == 2:
            offset += self.size
        ofs = offset & 0xFFFFFFFF
        vol = self._volume
        if ofs > self.size and not self.writable:
            ofs = self.size
        ifptr = self.pos
        self.pos = nsect = 0
        if ofs:
            bcs = vol.csize * vol.ss
            if ifptr > 0 and (ofs - 1) // bcs >= (ifptr - 1) // bcs:
                self.pos = (ifptr - 1) & ~(bcs - 1)  # from the current cluster
                ofs -= self.pos
                clst = self.clust
            else:
                clst = self.sclust
                if clst == 0:  # no chain yet: one is made
                    clst = vol._create_chain(0)
                    if clst == 1:
                        raise fat_error(EIO)
                    self.sclust = clst
                self.clust = clst
            if clst != 0:
                while ofs > bcs:
                    ofs -= bcs
                    self.pos += bcs
                    if self.writable:
                        clst = vol._create_chain(clst)  # stretched as needed
                        if clst == 0:  # the volume is full: the size stops here
                            ofs = 0
                            break
                    else:
                        clst = vol._get_fat(clst)
                    if clst <= 1 or clst >= vol.n_fatent:
                        raise fat_error(EIO)
                    self.clust = clst
                self.pos += ofs
                if ofs % vol.ss:
                    nsect = vol._clust2sect(clst) + ofs // vol.ss
        if self.pos > self.size:
            self.size = self.pos
            self.modified = True
        if self.pos % vol.ss and nsect != self.sect:
            self.sect = nsect
        return self.pos

    def tell(self) -> int:
        self._check()
        return self.pos

    def flush(self) -> None:
        self._check()
        self._sync()

    def _sync(self) -> None:
        """f_sync: the directory entry brought up to date, when the file was modified."""
        if not self.modified:
            return
        vol = self._volume
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
