"""The file-system interface the VM needs, and a plain directory-backed implementation.

The VM never touches host files directly: `open()`, `import` of flash modules and the `os`
module go through one object implementing :class:`VFS`. The board's flash folder
(`mpt.runtime.board.flash.FlashFolder`) implements it; :class:`DirectoryVFS` is the minimal
stand-in used when no board is attached (a folder mounted as the guest's ``/``).

Paths are guest paths (``/`` separated, relative to the guest's current directory). Errors are
``OSError`` instances whose ``errno`` is MicroPython's number (ENOENT=2, EEXIST=17, ...): the VM
shows them to the guest as ``OSError: [Errno 2] ENOENT``.

The raw files returned by :meth:`VFS.open` are binary: ``read(n=-1) -> bytes``,
``write(bytes) -> int``, ``seek``, ``tell``, ``flush``, ``close``; the VM adds text decoding.
"""

from __future__ import annotations

import errno as host_errno
import os
import posixpath
from pathlib import Path
from typing import Protocol, runtime_checkable

ENOENT, EEXIST, EISDIR, ENOTDIR, EINVAL = 2, 17, 21, 20, 22


@runtime_checkable
class RawFile(Protocol):
    def read(self, size: int = -1) -> bytes: ...
    def write(self, data) -> int: ...
    def seek(self, offset: int, whence: int = 0) -> int: ...
    def tell(self) -> int: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


@runtime_checkable
class VFS(Protocol):
    def open(self, path: str, mode: str = "r") -> RawFile: ...
    def stat(self, path: str) -> tuple: ...
    def listdir(self, path: str = "") -> list[str]: ...
    def ilistdir(self, path: str = "") -> list[tuple[str, int, int, int]]: ...
    def mkdir(self, path: str) -> None: ...
    def rmdir(self, path: str) -> None: ...
    def remove(self, path: str) -> None: ...
    def rename(self, old: str, new: str) -> None: ...
    def getcwd(self) -> str: ...
    def chdir(self, path: str) -> None: ...


def _oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class DirectoryVFS:
    """A host folder seen as the guest's root; guest paths never leave it (no symlinks)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()
        self.cwd = "/"

    def _host(self, path: str) -> Path:
        guest = posixpath.normpath(posixpath.join(self.cwd, str(path)))
        parts = [p for p in guest.split("/") if p not in ("", ".", "..")]
        host = self.root.joinpath(*parts)
        probe = self.root
        for part in parts:
            probe = probe / part
            if probe.is_symlink():
                raise _oserror(ENOENT)
        return host

    def open(self, path: str, mode: str = "r") -> RawFile:
        host = self._host(path)
        if host.is_dir():
            raise _oserror(EISDIR)
        flags = mode.replace("b", "").replace("t", "")
        host_mode = {"r": "rb", "w": "wb", "a": "ab", "x": "xb", "r+": "r+b", "w+": "w+b",
                     "a+": "a+b"}.get(flags)
        if host_mode is None:
            raise _oserror(EINVAL)
        try:
            return open(host, host_mode)  # noqa: SIM115 - the guest closes it
        except FileNotFoundError:
            raise _oserror(ENOENT) from None
        except FileExistsError:
            raise _oserror(EEXIST) from None
        except OSError as exc:
            raise _oserror(exc.errno or host_errno.EIO) from None

    def stat(self, path: str) -> tuple:
        host = self._host(path)
        if not host.exists():
            raise _oserror(ENOENT)
        st = host.stat()
        mode = 0x4000 if host.is_dir() else 0x8000
        size = 0 if host.is_dir() else st.st_size
        t = int(st.st_mtime)
        return (mode, 0, 0, 0, 0, 0, size, t, t, t)

    def listdir(self, path: str = "") -> list[str]:
        return [entry[0] for entry in self.ilistdir(path)]

    def ilistdir(self, path: str = "") -> list[tuple[str, int, int, int]]:
        host = self._host(path or ".")
        if not host.is_dir():
            raise _oserror(ENOENT if not host.exists() else ENOTDIR)
        out = []
        for child in sorted(host.iterdir()):
            if child.is_symlink():
                continue
            if child.is_dir():
                out.append((child.name, 0x4000, 0, 0))
            else:
                out.append((child.name, 0x8000, 0, child.stat().st_size))
        return out

    def mkdir(self, path: str) -> None:
        host = self._host(path)
        if host.exists():
            raise _oserror(EEXIST)
        if not host.parent.is_dir():
            raise _oserror(ENOENT)
        host.mkdir()

    def rmdir(self, path: str) -> None:
        host = self._host(path)
        if not host.is_dir():
            raise _oserror(ENOENT)
        try:
            host.rmdir()
        except OSError as exc:
            raise _oserror(exc.errno or host_errno.EIO) from None

    def remove(self, path: str) -> None:
        host = self._host(path)
        if not host.is_file():
            raise _oserror(ENOENT if not host.exists() else EISDIR)
        host.unlink()

    def rename(self, old: str, new: str) -> None:
        src = self._host(old)
        if not src.exists():
            raise _oserror(ENOENT)
        src.replace(self._host(new))

    def getcwd(self) -> str:
        return self.cwd

    def chdir(self, path: str) -> None:
        guest = posixpath.normpath(posixpath.join(self.cwd, str(path)))
        if not self._host(guest).is_dir():
            raise _oserror(ENOENT)
        self.cwd = guest if guest.startswith("/") else "/" + guest
