"""`vfs.VfsRom` (extmod/vfs_rom.c, vfs_rom_file.c): a read-only file system over a ROMFS image
in memory, and the mount of the board's first ROM segment at /rom at every (soft) boot.

The image is read where it lies (a live view of the memory given, as the firmware reads
memory-mapped flash): nothing is parsed in advance, each lookup walks the records as the C
code does, so an image written later through the segment is what the next mount sees. Paths
are looked up from the image's top whatever the current directory: only ``chdir("/")`` is
allowed and ``getcwd()`` is "".
"""

from __future__ import annotations

from mpt.runtime.library.buffers import readable_view
from mpt.runtime.library.files import FileIO, TextIOWrapper
from mpt.runtime.vm import hostbuffer

EPERM, ENOENT, EIO, ENODEV, EISDIR, EINVAL, EROFS, EOPNOTSUPP = 1, 2, 5, 19, 21, 22, 30, 95
S_IFDIR, S_IFREG = 0x4000, 0x8000
KIND_UNUSED, KIND_VERBATIM, KIND_POINTER, KIND_DIRECTORY, KIND_FILE = 0, 2, 3, 4, 5
KIND_FILESYSTEM = 0x14A6B1
HEADER = b"\xd2\xcd\x31"
MISSING, IS_DIR, IS_FILE = 0, 1, 2  # mp_import_stat_t


class _Corrupt(Exception):
    pass


def _uint(mem: memoryview, pos: int, end: int) -> tuple[int, int]:
    value = 0
    while True:
        if pos >= end:
            raise _Corrupt()
        byte = mem[pos]
        pos += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos


def _record(mem: memoryview, pos: int, end: int) -> tuple[int, int, int]:
    """(kind, payload start, payload end); kind UNUSED when the record is cut short."""
    try:
        kind, pos = _uint(mem, pos, end)
        length, pos = _uint(mem, pos, end)
    except _Corrupt:
        return KIND_UNUSED, end, end
    return kind, pos, pos + length


def _path(path) -> str:
    if isinstance(path, (bytes, bytearray)):
        return bytes(path).decode("utf-8", "replace")
    if not isinstance(path, str):
        raise TypeError("can't convert '%s' object to str implicitly" % type(path).__name__)
    return path


def rom_view(memory) -> memoryview:
    """The bytes of the memory VfsRom is given: a buffer, or one of its own ROM files."""
    view = getattr(memory, "_rom_view", None)
    return view() if view is not None else readable_view(memory)


class VfsRom:
    def __init__(self, memory):
        mem = rom_view(memory)
        if len(mem) < 4 or bytes(mem[:3]) != HEADER:
            raise OSError(ENODEV)
        kind, start, end = _record(mem, 0, len(mem))
        if kind != KIND_FILESYSTEM or end > len(mem):
            raise OSError(ENODEV)
        self._memory = memory  # kept alive as the firmware keeps it
        self._mem, self._start, self._end = mem, start, end

    def __repr__(self):
        return "<VfsRom>"

    # --- the walk (mp_vfs_rom_search_filesystem) ----------------------------------------

    def _data(self, pos: int, end: int) -> tuple[int, int] | None:
        """(start, size) of the file data among the records in pos..end."""
        mem = self._mem
        while pos < end:
            kind, payload, after = _record(mem, pos, end)
            if kind == KIND_UNUSED:
                return None
            if kind == KIND_VERBATIM:
                return payload, after - payload
            if kind == KIND_POINTER:
                try:
                    size, at = _uint(mem, payload, after)
                    offset, _ = _uint(mem, at, after)
                except _Corrupt:
                    return None
                return self._start + offset, size
            pos = after
        return None

    def search(self, path: str) -> tuple[int, int, int]:
        """(MISSING/IS_DIR/IS_FILE, start, size): a directory's records or a file's data."""
        mem = self._mem
        name = path.encode("utf-8", "surrogateescape")
        if name[:1] == b"/":
            name = name[1:]
        pos, top = self._start, self._end
        while name and pos < top:
            kind, payload, after = _record(mem, pos, top)
            if kind == KIND_UNUSED:
                return MISSING, 0, 0
            if kind not in (KIND_DIRECTORY, KIND_FILE):
                pos = after
                continue
            try:
                length, at = _uint(mem, payload, after)
            except _Corrupt:
                return MISSING, 0, 0
            if ((length == len(name) or (length < len(name) and name[length:length + 1] == b"/"))
                    and bytes(mem[at:at + length]) == name[:length]):
                pos, top, name = at + length, after, name[length:]
                if kind == KIND_DIRECTORY:
                    if name[:1] == b"/":
                        name = name[1:]
                    continue
                if name:
                    return MISSING, 0, 0
                found = self._data(pos, top)
                if found is None:
                    return MISSING, 0, 0
                return IS_FILE, found[0], found[1]
            pos = after
        if not name:
            return IS_DIR, pos, top - pos
        return MISSING, 0, 0

    # --- the VFS protocol ------------------------------------------------------------------

    def mount(self, readonly=False, mkfs=False):
        if mkfs:
            raise OSError(EPERM)

    def umount(self):
        return None

    def chdir(self, path):
        if _path(path) != "/":
            raise OSError(EOPNOTSUPP)

    def getcwd(self):
        return ""

    def ilistdir(self, path="/"):
        as_str = isinstance(path, str)
        kind, start, size = self.search(_path(path))
        if kind != IS_DIR:
            raise OSError(ENOENT)
        return iter(list(self._listing(start, start + size, as_str)))

    def _listing(self, pos: int, end: int, as_str: bool):
        mem = self._mem
        while pos < end:
            kind, payload, after = _record(mem, pos, end)
            if kind == KIND_UNUSED:
                return
            if kind not in (KIND_DIRECTORY, KIND_FILE):
                pos = after
                continue
            try:
                length, at = _uint(mem, payload, after)
            except _Corrupt:
                return
            if kind == KIND_DIRECTORY:
                mode, size = S_IFDIR, after - at - length
            else:
                found = self._data(at + length, after)
                if found is None:
                    return
                mode, size = S_IFREG, found[1]
            name = bytes(mem[at:at + length])
            pos = after
            yield (name.decode("utf-8", "replace") if as_str else name, mode, 0, size)

    def stat(self, path):
        kind, _, size = self.search(_path(path))
        if kind == MISSING:
            raise OSError(ENOENT)
        return (S_IFREG if kind == IS_FILE else S_IFDIR, 0, 0, 0, 0, 0, size, 0, 0, 0)

    def statvfs(self, path):
        return (1, 0, self._end - self._start, 0, 0, 0, 0, 0, 0, 32767)

    def open(self, path, mode):
        if not isinstance(mode, str):
            raise TypeError("can't convert %s to str" % type(mode).__name__)
        binary = False
        for ch in mode:
            if ch in "wa+":
                raise OSError(EROFS)
            if ch in "bt":
                binary = ch == "b"
        kind, start, size = self.search(_path(path))
        if kind == MISSING:
            raise OSError(ENOENT)
        if kind == IS_DIR:
            raise OSError(EISDIR)
        raw = _RomRaw(self._mem[start:start + size])
        return RomFileIO(raw, mode) if binary else RomTextIO(raw, mode)


class _RomRaw:
    """A ROM file's bytes as the raw file under a guest file object."""

    def __init__(self, data: memoryview):
        self.data = data
        self.pos = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size is None or size < 0 else min(len(self.data),
                                                                  self.pos + size)
        out = bytes(self.data[self.pos:end])
        self.pos = max(self.pos, end)
        return out

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self.pos, len(self.data))[whence] if whence in (0, 1, 2) else len(self.data)
        target = base + offset
        if target > len(self.data) or target < 0:
            if offset < 0:
                raise OSError(EINVAL)
            target = len(self.data)
        self.pos = target
        return target

    def tell(self) -> int:
        return self.pos

    def write(self, data) -> int:
        raise OSError(EINVAL)

    def flush(self) -> None:
        return None

    def close(self) -> None:
        return None


@hostbuffer.register
class RomFileIO(FileIO):
    def __repr__(self):
        return "<FileIO>"

    def _rom_view(self) -> memoryview:
        return self._raw.data

    def __buffer__(self, flags):  # memoryview(f) (hosts before 3.12: runtime.vm.hostbuffer)
        return self._raw.data


class RomTextIO(TextIOWrapper):
    def __repr__(self):
        return "<TextIOWrapper>"


for _cls in (RomFileIO, RomTextIO, VfsRom):
    _cls.__module__ = "builtins"
RomFileIO.__name__ = RomFileIO.__qualname__ = "FileIO"
RomTextIO.__name__ = RomTextIO.__qualname__ = "TextIOWrapper"


def mount_romfs_at_boot(table, sys_path: list, rom_ioctl) -> bool:
    """What the firmware does after mp_init (extmod/vfs.c mp_vfs_mount_romfs_protected):
    mount segment 0 at /rom and add /rom and /rom/lib to sys.path; anything failing (no
    segment, no valid image) skips it silently. True when mounted."""
    try:
        fs = VfsRom(rom_ioctl(2, 0))
        table.mount(fs, "/rom")
    except Exception:  # noqa: BLE001 - as the firmware: any error means "no ROMFS"
        return False
    sys_path.extend(("/rom", "/rom/lib"))
    return True
