"""The guest's `vfs` module (MicroPython 1.23+): mount, umount and the VFS classes."""

from __future__ import annotations

from mpt.runtime.library.builtin_vfs import vfs_types
from mpt.runtime.library.mounts import as_mount_table


def make_module(ctx):
    table = as_mount_table(ctx.vfs)
    table.use_filesystems(vfs_types(ctx))
    return {"mount": table.guest_mount, "umount": table.guest_umount, **vfs_types(ctx)}
