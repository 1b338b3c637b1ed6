"""The FAT layout MicroPython's ``VfsFat.mkfs`` writes (f_mkfs of lib/oofatfs, R0.13c).

The firmware formats with ``FM_FAT | FM_SFD`` (FAT12/16, no partition table, one FAT, 512
root entries) and, when FatFs aborts that, with ``FM_FAT32``. The cluster size, FAT size and
every field of the boot sector follow f_mkfs, so the image is the one the firmware writes (the
volume serial number is the format time, as ``get_fattime`` gives it).
"""

from __future__ import annotations

from dataclasses import dataclass

FS_FAT12, FS_FAT16, FS_FAT32 = 1, 2, 3
MAX_FAT12, MAX_FAT16, MAX_FAT32 = 0xFF5, 0xFFF5, 0x0FFFFFF5
N_FATS, N_ROOTDIR = 1, 512
_CST = (1, 4, 16, 64, 256, 512)  # FAT12/16 cluster size steps, in 4K-sector units
_CST32 = (1, 2, 4, 8, 16, 32)  # FAT32 cluster size steps, in 128K-sector units


class MkfsAborted(Exception):
    """FR_MKFS_ABORTED: the volume cannot hold this FAT type."""


@dataclass
class Layout:
    fmt: int
    sector_size: int
    cluster_sectors: int
    reserved: int
    fat_sectors: int
    root_sectors: int
    volume_sectors: int
    clusters: int
    base: int = 0  # the volume's first sector on the device (63 under a partition table)
    hidden: int = 0  # the sectors before it on the drive (BPB_HiddSec; == base unless the
    # device is one partition of a larger drive)


def plan(device_sectors: int, sector_size: int, fat32: bool,
         partition_start: int | None = None) -> Layout:
    """The cluster configuration f_mkfs picks (MkfsAborted when it gives up): FAT12/16 on the
    whole device, or FAT32 in a partition at sector 63 (the firmware's second try has no
    FM_SFD). With ``partition_start`` the device is that partition of a drive (f_mkfs on a
    partition number, as stm32 formats its flash): the volume fills it."""
    base = 63 if fat32 and partition_start is None else 0
    if device_sectors < base:
        raise MkfsAborted()
    volume_sectors = device_sectors - base
    if volume_sectors < 22:
        raise MkfsAborted()
    fmt = FS_FAT32 if fat32 else FS_FAT16
    au = 0
    while True:
        pau = au
        if fmt == FS_FAT32:
            if pau == 0:
                n = volume_sectors // 0x20000
                pau = 1
                for step in _CST32:
                    if step > n:
                        break
                    pau <<= 1
            n_clst = volume_sectors // pau
            sz_fat = (n_clst * 4 + 8 + sector_size - 1) // sector_size
            sz_rsv, sz_dir = 32, 0
            if n_clst <= MAX_FAT16 or n_clst > MAX_FAT32:
                raise MkfsAborted()
        else:
            if pau == 0:
                n = volume_sectors // 0x1000
                pau = 1
                for step in _CST:
                    if step > n:
                        break
                    pau <<= 1
            n_clst = volume_sectors // pau
            if n_clst > MAX_FAT12:
                size = n_clst * 2 + 4
            else:
                fmt = FS_FAT12
                size = (n_clst * 3 + 1) // 2 + 3
            sz_fat = (size + sector_size - 1) // sector_size
            sz_rsv = 1
            sz_dir = N_ROOTDIR * 32 // sector_size
        b_data = sz_rsv + sz_fat * N_FATS + sz_dir
        if volume_sectors < b_data + pau * 16:
            raise MkfsAborted()
        n_clst = (volume_sectors - sz_rsv - sz_fat * N_FATS - sz_dir) // pau
        if fmt == FS_FAT32 and n_clst <= MAX_FAT16:
            if au == 0:
                au = pau // 2
                if au:
                    continue
            raise MkfsAborted()
        if fmt == FS_FAT16:
            if n_clst > MAX_FAT16:
                if au == 0 and pau * 2 <= 64:
                    au = pau * 2
                    continue
                if au == 0 and pau * 2 <= 128:
                    au = pau * 2
                    continue
                raise MkfsAborted()
            if n_clst <= MAX_FAT12:
                if au == 0 and pau * 2 <= 128:
                    au = pau * 2
                    continue
                raise MkfsAborted()
        if fmt == FS_FAT12 and n_clst > MAX_FAT12:
            raise MkfsAborted()
        hidden = base if partition_start is None else partition_start
        return Layout(fmt, sector_size, pau, sz_rsv, sz_fat, sz_dir, volume_sectors, n_clst, base,
                      hidden)


def boot_sector(layout: Layout, serial: int) -> bytes:
    """The volume boot record f_mkfs writes at sector 0."""
    ss = layout.sector_size
    buf = bytearray(ss)
    buf[0:11] = b"\xEB\xFE\x90MSDOS5.0"
    buf[11:13] = ss.to_bytes(2, "little")
    buf[13] = layout.cluster_sectors
    buf[14:16] = layout.reserved.to_bytes(2, "little")
    buf[16] = N_FATS
    root_entries = 0 if layout.fmt == FS_FAT32 else N_ROOTDIR
    buf[17:19] = root_entries.to_bytes(2, "little")
    if layout.volume_sectors < 0x10000:
        buf[19:21] = layout.volume_sectors.to_bytes(2, "little")
    else:
        buf[32:36] = layout.volume_sectors.to_bytes(4, "little")
    buf[21] = 0xF8
    buf[24:26] = (63).to_bytes(2, "little")
    buf[26:28] = (255).to_bytes(2, "little")
    buf[28:32] = layout.hidden.to_bytes(4, "little")
    if layout.fmt == FS_FAT32:
        buf[67:71] = serial.to_bytes(4, "little")
        buf[36:40] = layout.fat_sectors.to_bytes(4, "little")
        buf[44:48] = (2).to_bytes(4, "little")
        buf[48:50] = (1).to_bytes(2, "little")
        buf[50:52] = (6).to_bytes(2, "little")
        buf[64] = 0x80
        buf[66] = 0x29
        buf[71:90] = b"NO NAME    FAT32   "
    else:
        buf[39:43] = serial.to_bytes(4, "little")
        buf[22:24] = layout.fat_sectors.to_bytes(2, "little")
        buf[36] = 0x80
        buf[38] = 0x29
        buf[43:62] = b"NO NAME    FAT     "
    buf[510:512] = b"\x55\xAA"
    return bytes(buf)


def fsinfo_sector(layout: Layout) -> bytes:
    buf = bytearray(layout.sector_size)
    buf[0:4] = (0x41615252).to_bytes(4, "little")
    buf[484:488] = (0x61417272).to_bytes(4, "little")
    buf[488:492] = (layout.clusters - 1).to_bytes(4, "little")
    buf[492:496] = (2).to_bytes(4, "little")
    buf[510:512] = b"\x55\xAA"
    return bytes(buf)


def first_fat_sector(layout: Layout) -> bytes:
    buf = bytearray(layout.sector_size)
    if layout.fmt == FS_FAT32:
        buf[0:12] = b"\xF8\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x0F"
    elif layout.fmt == FS_FAT12:
        buf[0:4] = b"\xF8\xFF\xFF\x00"
    else:
        buf[0:4] = b"\xF8\xFF\xFF\xFF"
    return bytes(buf)


def partition_table(layout: Layout) -> bytes:
    """The MBR f_mkfs writes without FM_SFD: one partition holding the volume."""
    buf = bytearray(layout.sector_size)
    if layout.fmt == FS_FAT32:
        system = 0x0C
    elif layout.volume_sectors >= 0x10000:
        system = 0x06
    else:
        system = 0x04 if layout.fmt == FS_FAT16 else 0x01
    n = (layout.base + layout.volume_sectors) // (63 * 255)
    entry = bytes([0, 1, 1, 0, system, 254, ((n >> 2) & 0xC0) | 63, n & 0xFF])
    buf[446:454] = entry
    buf[454:458] = layout.base.to_bytes(4, "little")
    buf[458:462] = layout.volume_sectors.to_bytes(4, "little")
    buf[510:512] = b"\x55\xAA"
    return bytes(buf)
