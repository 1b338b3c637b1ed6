"""`cp` between the host and the board, in either direction, for files and whole folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mpt.errors import InputFileError, UsageError
from mpt.hostfiles import BOARD_FILE, read_input
from mpt.fs.paths import basename, is_remote, join, strip_mark
from mpt.fs.answers import missing_on_board
from mpt.fs.remote import BoardFS, OnProgress
from mpt.fs.sync import local_tree

# (source, destination, size) before each file is copied
OnFile = Callable[[str, str, int], None]


@dataclass
class Copied:
    source: str
    destination: str
    size: int


def copy(fs: BoardFS, sources: list[str], destination: str, *, recursive: bool = False,
         on_file: OnFile | None = None, on_progress: OnProgress | None = None) -> list[Copied]:
    """Copy `sources` to `destination`; board paths start with ':'."""
    if not sources:
        raise UsageError("cp needs at least one source and a destination")
    if not any(is_remote(p) for p in [*sources, destination]):
        raise UsageError("cp copies to or from the board: mark board paths with ':' "
                         "(e.g. mpt cp main.py :)")
    dest_remote = is_remote(destination)
    dest_path = strip_mark(destination)
    dest_is_dir = _dest_is_dir(fs, dest_remote, dest_path)
    if len(sources) > 1 and not dest_is_dir:
        raise UsageError(f"copying several sources needs a folder as destination, "
                         f"not {destination!r}")
    done: list[Copied] = []
    for source in sources:
        src_path = strip_mark(source)
        if dest_is_dir:
            name = basename(src_path) if src_path.rstrip("/") else ""
            if not name:
                name = basename(fs.absolute(src_path)) if is_remote(source) else \
                    Path(src_path).resolve().name
            target = _join(dest_remote, dest_path, name)
        else:
            target = dest_path
        if is_remote(source):
            _from_board(fs, src_path, target, dest_remote, recursive, done, on_file, on_progress)
        else:
            _from_host(fs, src_path, target, dest_remote, recursive, done, on_file, on_progress)
    return done


def _join(remote: bool, folder: str, name: str) -> str:
    if remote:
        return join(folder, name)
    return os.path.join(folder, name) if folder else name


def _dest_is_dir(fs: BoardFS, remote: bool, path: str) -> bool:
    if remote:
        if path == "" or path.endswith("/"):
            return True
        return fs.is_dir(path)
    return path.endswith(os.sep) or path.endswith("/") or os.path.isdir(path)


def _from_host(fs, src_path, target, dest_remote, recursive, done, on_file, on_progress):
    source = Path(src_path)
    if not os.path.lexists(source):  # (never raises, unlike Path.exists)
        raise InputFileError(f"{src_path}: no such file or directory")
    if not dest_remote:
        raise UsageError("host-to-host copies are not mpt's job; use cp")
    if os.path.isdir(source):
        if not recursive:
            raise UsageError(f"{src_path} is a folder: use cp -r")
        # the walk sync makes: bounded, links to folders not followed (a link loop ends)
        folders, files = local_tree(source, ())
        if not fs.is_dir(target):
            fs.mkdir(target, parents=True)
        for folder in folders:
            fs.mkdir(join(target, folder), parents=True)
        for relative, path in files.items():
            _from_host(fs, str(path), join(target, relative), True, False, done, on_file,
                       on_progress)
        return
    data = read_input(source, BOARD_FILE)
    if on_file is not None:
        on_file(str(source), ":" + target, len(data))
    fs.write_file(target, data, on_progress)
    done.append(Copied(str(source), ":" + target, len(data)))


def _from_board(fs, src_path, target, dest_remote, recursive, done, on_file, on_progress):
    kind, entries = fs.walk(src_path)
    if kind is None:
        raise missing_on_board(src_path)
    if kind == "dir":
        if not recursive:
            raise UsageError(f":{src_path} is a folder: use cp -r")
        _make_dir(fs, dest_remote, target)
        for entry in entries:
            sub_target = _join(dest_remote, target, entry.name) if dest_remote else \
                os.path.join(target, *entry.name.split("/"))
            if entry.is_dir:
                _make_dir(fs, dest_remote, sub_target)
            else:
                _copy_board_file(fs, join(src_path, entry.name), sub_target, dest_remote,
                                 entry.size, done, on_file, on_progress)
        return
    _copy_board_file(fs, src_path, target, dest_remote, entries[0].size, done, on_file,
                     on_progress)


def _make_dir(fs, remote, path):
    if remote:
        if not fs.is_dir(path):
            fs.mkdir(path, parents=True)
    else:
        os.makedirs(path, exist_ok=True)


def _copy_board_file(fs, src_path, target, dest_remote, size, done, on_file, on_progress):
    shown_target = (":" + target) if dest_remote else target
    if on_file is not None:
        on_file(":" + src_path, shown_target, size)
    data = fs.read_file(src_path, on_progress)
    if dest_remote:
        fs.write_file(target, data, on_progress)
    else:
        _write_host_file(Path(target), data)
    done.append(Copied(":" + src_path, shown_target, len(data)))


def _write_host_file(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so the host file is never left half-written."""
    tmp = path.with_name(path.name + ".mpt-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
