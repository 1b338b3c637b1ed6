"""Build a ROMFS image of a host folder, byte for byte as `mpremote romfs build` does.

Entries go in name order, directories recursively. With ``mpy`` (the default) each ``foo.py``
that has no ``foo.mpy`` beside it is compiled as mpy-cross compiles ``FOLDER/.../foo.py``
(that path is the module's source name) and stored as ``foo.mpy``; a ``foo.py`` with a
``foo.mpy`` beside it is stored as it is, next to that ``foo.mpy``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import Callable

from mpt.errors import InputFileError, UsageError
from mpt.fs import romfs_image


@dataclass(frozen=True)
class Entry:
    """One entry as it is stored: ``path`` inside the image ("lib/x.mpy"), ``is_dir``,
    ``compiled`` (stored as .mpy compiled from the .py of the same name), ``last`` (the last
    of its directory: for drawing a tree)."""
    path: str
    is_dir: bool
    compiled: bool
    last: bool


OnEntry = Callable[[Entry], None]


def build_romfs(folder: str, *, mpy: bool = True, on_entry: OnEntry | None = None) -> bytes:
    """The ROMFS image of ``folder``; ``on_entry`` hears of each entry as it is added."""
    if not os.path.isdir(folder):
        raise InputFileError(f"{folder}: not a folder")
    prefix = folder if folder.endswith("/") else folder + "/"
    return romfs_image.filesystem(_entries(prefix, "", mpy, on_entry or (lambda entry: None)))


def _entries(host_dir: str, inner: str, mpy: bool, on_entry: OnEntry) -> bytes:
    try:
        names = sorted(os.listdir(host_dir))
    except OSError as exc:
        raise InputFileError(f"{host_dir}: {exc.strerror}") from None
    out = bytearray()
    for name in names:
        _check_name(host_dir + name)
        host_path = host_dir + name
        last = name == names[-1]
        try:
            is_dir = stat.S_ISDIR(os.stat(host_path).st_mode)
        except OSError as exc:
            raise InputFileError(f"{host_path}: {exc.strerror}") from None
        if is_dir:
            on_entry(Entry(inner + name, True, False, last))
            children = _entries(host_path + "/", inner + name + "/", mpy, on_entry)
            out += romfs_image.directory_record(name, children)
            continue
        data = _read(host_path)
        compiled = mpy and name.endswith(".py") and not os.path.isfile(host_path[:-3] + ".mpy")
        if compiled:
            data = _compile(data, host_path)
            name = name[:-3] + ".mpy"
        on_entry(Entry(inner + name, False, compiled, last))
        out += romfs_image.file_record(name, data)
    return bytes(out)


def _check_name(path: str) -> None:
    if not os.path.basename(path).isascii():
        raise UsageError(f"{path}: ROMFS names are ASCII only")


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputFileError(f"{path}: {exc.strerror}") from None


def _compile(source: bytes, path: str) -> bytes:
    """As mpy-cross given ``path``: the path is the module's source name."""
    from mpt.crosscompile.api import compile_source  # lazy: only when there is a .py

    return compile_source(source, path)
