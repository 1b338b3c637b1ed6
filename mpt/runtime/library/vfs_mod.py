"""The guest's `vfs` module (MicroPython 1.23+): mount, umount and the VFS classes (with
vfs.rom_ioctl and VfsRom on a board whose firmware has a ROMFS partition)."""

from __future__ import annotations

from mpt.runtime.library.builtin_vfs import vfs_types
from mpt.runtime.library.mounts import as_mount_table
from mpt.runtime.library.vfs_rom import VfsRom


def make_module(ctx):
    table = as_mount_table(ctx.vfs)
    table.use_filesystems(vfs_types(ctx))
    attrs = {"mount": table.guest_mount, "umount": table.guest_umount, **vfs_types(ctx)}
    rom_ioctl = getattr(ctx.board, "romfs", None)  # a firmware built with ROMFS only
    if rom_ioctl is not None:
        attrs.update(rom_ioctl=rom_ioctl, VfsRom=VfsRom)
    return attrs
