"""The guest's VFS classes: `vfs.VfsLfs2`, `vfs.VfsFat`, `vfs.VfsPosix`.

Each object speaks the guest VFS protocol over a host-side file system (``_host``), one of:

* the board's built-in file system (what `os.mount()` lists at ``/``): the flash folder, or any
  object with its methods, wrapped so the guest can unmount it and mount it again, here or
  elsewhere. Its type is named after the file system the board formats: VfsLfs2 (esp32, rp2),
  VfsFat (pyboard), VfsPosix for a bare host folder (as the unix port);
* a file system on a guest block device, `vfs.VfsLfs2(bdev)` (:mod:`lfs_volume`) or
  `vfs.VfsFat(bdev)` (:mod:`fat_volume`), each with its static ``mkfs(bdev)``.

VfsPosix objects cannot be built by the guest (OSError ENODEV): mpt gives no guest a host
folder it did not choose.
"""

from __future__ import annotations

from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.blockdev import BlockDevice
from mpt.runtime.library.fat_volume import FatVolume
from mpt.runtime.library.files import open_host_file, open_mode
from mpt.runtime.library.lfs_volume import LfsVolume
from mpt.runtime.vm.native import clock_for

ENODEV, EROFS = 19, 30
SECONDS_1970_TO_2000 = 946_684_800
LFS2_PROBE_OFFSET, LFS2_PROBE_SIZE = 8, 44  # where vfs.c looks for the littlefs magic


class _BuiltinVfs:
    _host = None
    _readonly = False  # mounted with readonly=True (the host flash may be read-only too)
    # the host class of a file system on a block device, if the type has one
    _volume: type | None = None
    # the guest's clock, for modification times: host-epoch nanoseconds, and the port's epoch
    _wall_ns = None
    _epoch_offset = 0

    def __init__(self, bdev, **options):
        if self._volume is None:
            raise OSError(ENODEV)
        self._host = self._volume(bdev, **self._options(options), now_ns=self._wall_ns,
                                  epoch_offset=self._epoch_offset)

    @classmethod
    def _options(cls, options: dict) -> dict:
        return {}

    @property
    def _on_block_device(self) -> bool:
        return self._volume is not None and isinstance(self._host, self._volume)

    @classmethod
    def _over(cls, host_fs):
        self = object.__new__(cls)
        self._host = host_fs
        return self

    def __repr__(self):
        return f"<{type(self).__name__}>"

    @classmethod
    def _mkfs(cls, bdev, **options):
        if cls._volume is None:
            raise OSError(ENODEV)
        cls._volume.format(bdev, **cls._options(options))

    # --- the protocol --------------------------------------------------------------------

    def mount(self, readonly=False, mkfs=False):
        if self._on_block_device:
            self._host.mount(bool(readonly), bool(mkfs))
            return
        if mkfs:
            raise OSError(ENODEV)
        self._readonly = bool(readonly)

    def _check_writable(self):
        if self._readonly:
            raise OSError(EROFS)

    def umount(self):
        if self._on_block_device:
            self._host.unmount()

    def vfs_open_file(self, *args):
        # (named so micropython.heap_lock() refuses it: the file object has a finaliser)
        check_arity((self,) + args, 3, 3)  # the firmware's open takes the mode too
        path, mode = args
        if open_mode(mode)[0] != "r":
            self._check_writable()
        return open_host_file(self._host, _text(path), mode)

    open = vfs_open_file

    def ilistdir(self, path="."):
        entries = self._host.ilistdir(_text(path))
        if isinstance(path, (bytes, bytearray)):
            return iter([(e[0].encode("utf-8"),) + tuple(e[1:]) for e in entries])
        return iter(entries)

    def stat(self, path):
        return self._host.stat(_text(path))

    def statvfs(self, path):
        statvfs = getattr(self._host, "statvfs", None)
        if statvfs is None:
            raise OSError(ENODEV)
        return statvfs(_text(path))

    def chdir(self, path):
        self._host.chdir(_text(path))

    def getcwd(self):
        return self._host.getcwd()

    def mkdir(self, path):
        self._check_writable()
        self._host.mkdir(_text(path))

    def rmdir(self, path):
        self._check_writable()
        self._host.rmdir(_text(path))

    def remove(self, path):
        self._check_writable()
        self._host.remove(_text(path))

    def rename(self, old, new):
        self._check_writable()
        self._host.rename(_text(old), _text(new))


def _text(path) -> str:
    if isinstance(path, (bytes, bytearray)):
        return bytes(path).decode("utf-8", "replace")
    if not isinstance(path, str):
        raise TypeError("can't convert '%s' object to str implicitly" % type(path).__name__)
    return path


def _int_option(options: dict, name: str, default: int) -> int:
    value = options.pop(name, default)
    if not isinstance(value, int):
        raise TypeError("can't convert %s to int" % type(value).__name__)
    return int(value)


def _no_more(options: dict) -> None:
    if options:
        raise TypeError("unexpected keyword argument '%s'" % next(iter(options)))


class VfsLfs2(_BuiltinVfs):
    _volume = LfsVolume

    def __init__(self, bdev, *, readsize=32, progsize=32, lookahead=32, mtime=True, **extra):
        _no_more(extra)
        super().__init__(bdev, readsize=readsize, progsize=progsize, lookahead=lookahead,
                         mtime=mtime)

    @classmethod
    def _options(cls, options: dict) -> dict:
        options = dict(options)
        out = {name: _int_option(options, name, 32)
               for name in ("readsize", "progsize", "lookahead")}
        out["mtime"] = bool(options.pop("mtime", True))
        _no_more(options)
        return out

    @staticmethod
    def mkfs(bdev, **options):
        VfsLfs2._mkfs(bdev, **options)


class VfsFat(_BuiltinVfs):
    _volume = FatVolume
    # the port's FatFs: its largest sector (FF_MAX_SS) and the label mkfs gives the volume
    _max_sector = 4096
    _label: str | None = None

    def __init__(self, bdev, **extra):
        _no_more(extra)
        super().__init__(bdev)

    @classmethod
    def _options(cls, options: dict) -> dict:
        return {"max_sector": cls._max_sector}

    @classmethod
    def mkfs(cls, bdev):
        FatVolume.format(bdev, max_sector=cls._max_sector, label=cls._label,
                         now_ns=cls._wall_ns)


class VfsPosix(_BuiltinVfs):
    pass


for _cls in (VfsLfs2, VfsFat, VfsPosix):
    _cls.__module__ = "vfs"


def vfs_type_for(host_fs) -> type:
    """The guest's class for a host file system: the one it names as its ``vfs_type`` (the
    board's flash: VfsFat or VfsLfs2), else VfsPosix (a host folder)."""
    return {"VfsFat": VfsFat, "VfsLfs2": VfsLfs2}.get(getattr(host_fs, "vfs_type", ""),
                                                      VfsPosix)


def wrap_host_vfs(host_fs):
    return vfs_type_for(host_fs)._over(host_fs)


def detect_filesystem(bdev, types: dict[str, type]):
    """vfs.mount() of a block device (extmod/vfs.c's autodetect): littlefs v2 when block 0 or 1
    holds its superblock (and it mounts), else FAT; ENODEV when the board has neither."""
    lfs2 = types.get("VfsLfs2")
    if lfs2 is not None:
        try:
            device = BlockDevice(bdev)
            for block in (0, 1):
                header = bytearray(LFS2_PROBE_SIZE)
                if device.read_ext(block, LFS2_PROBE_OFFSET, header) != 0:
                    continue
                if header[:8] == b"littlefs":
                    return lfs2(bdev)
        except Exception:  # noqa: BLE001 - as the board: any failure means "try FAT"
            pass
    fat = types.get("VfsFat")
    if fat is not None:
        return fat(bdev)
    raise OSError(ENODEV)


def vfs_types(ctx) -> dict[str, type]:
    """The VFS classes the board's firmware has (os and vfs both export them), made once per
    interpreter: the block-device file systems stamp files with the guest's clock."""
    types = ctx.extra.get("vfs_types")
    if types is None:
        types = ctx.extra["vfs_types"] = _types_on_clock(ctx)
    return types


def _types_on_clock(ctx) -> dict[str, type]:
    board = getattr(ctx, "board", None)
    if board is None:
        return {"VfsPosix": VfsPosix}
    clock = clock_for(ctx)
    epoch = SECONDS_1970_TO_2000 if board.profile.epoch_year == 2000 else 0
    port = board.profile.port
    base = {"VfsFat": VfsFat, "VfsLfs2": VfsLfs2}
    types = {}
    for name in ("VfsFat", "VfsLfs2"):  # every port mpt emulates builds both (none has Lfs1)
        attrs = {"__module__": "builtins", "_epoch_offset": epoch}  # printed as the board does
        if clock is not None:
            attrs["_wall_ns"] = staticmethod(clock.wall_ns)
        if name == "VfsFat":
            attrs.update(_max_sector=port.fat_max_sector, _label=port.fat_label)
        types[name] = type(name, (base[name],), attrs)
    return types
