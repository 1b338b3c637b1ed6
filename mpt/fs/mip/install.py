"""Resolving and installing a package: its description (package.json, or the index's
package/{mpy version}/{name}/{version}.json), its files and its dependencies."""

from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass, field
from typing import Callable

from mpt.errors import DeviceError
from mpt.fs.mip import sources
from mpt.fs.mip.errors import MipError
from mpt.fs.paths import parent
from mpt.fs.remote import BoardFS

DEFAULT_INDEX = "https://micropython.org/pi/v2"

# (event, text): "install" a package, "file" written (board path), "exists" (already there,
# same hash), "dep" a dependency about to be installed
OnEvent = Callable[[str, str], None]


@dataclass(frozen=True)
class BoardMpy:
    """The .mpy format the board's firmware loads (sys.implementation._mpy)."""

    version: int | None      # None: the firmware cannot load .mpy files at all
    sub_version: int = 0
    arch: int = 0            # 0: no native code

    @classmethod
    def from_word(cls, word: int) -> "BoardMpy":
        if not word:
            return cls(None)
        return cls(word & 0xFF, (word >> 8) & 3, word >> 10)


def board_mpy(fs: BoardFS) -> BoardMpy:
    return BoardMpy.from_word(_board_value(fs, "getattr(sys.implementation, '_mpy', 0)", int))


def default_target(fs: BoardFS) -> str:
    """The first folder on the board's sys.path that ends in /lib (not in /rom), as mip picks."""
    for path in _board_value(fs, "sys.path", list):
        if isinstance(path, str) and not path.startswith("/rom") and path.endswith("/lib"):
            return path
    raise MipError("the board's sys.path has no lib folder: give --target")


def _board_value(fs: BoardFS, expression: str, kind: type | tuple):
    text = fs.transport.exec(f"import sys\nprint(repr({expression}))").decode("utf-8", "replace").strip()
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError) as exc:
        raise DeviceError(f"unexpected answer from the board: {text[:200]!r}") from exc
    if not isinstance(value, kind):
        raise DeviceError(f"unexpected answer from the board: {text[:200]!r}")
    return value


def check_mpy(data: bytes, name: str, board: BoardMpy) -> None:
    """Refuse a .mpy the board cannot import (another format version, or native code for
    another architecture)."""
    if len(data) < 4 or data[0] != ord("M"):
        raise MipError(f"{name}: not a .mpy file")
    version, arch, sub = data[1], data[2] >> 2, data[2] & 3
    if board.version is None:
        raise MipError(f"{name}: this board's firmware cannot load .mpy files "
                       f"(install with --no-mpy)")
    if version != board.version:
        raise MipError(f"{name}: .mpy version {version}, the board loads version "
                       f"{board.version}")
    if arch and (arch != board.arch or sub != board.sub_version):
        raise MipError(f"{name}: native code for architecture {arch} (sub-version {sub}), "
                       f"the board is {board.arch} (sub-version {board.sub_version})")


@dataclass
class Installer:
    """Installs packages onto one board. `mpy`: take the index's .mpy builds for the board's
    .mpy version rather than .py sources."""

    fs: BoardFS
    index: str = DEFAULT_INDEX
    target: str = "/lib"
    mpy: bool = True
    on_event: OnEvent = lambda event, text: None
    _board: BoardMpy | None = None
    _done: set = field(default_factory=set)
    _dirs: set = field(default_factory=set)
    written: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.index = self.index.rstrip("/")
        self.target = self.target.rstrip("/") or ""

    @property
    def board(self) -> BoardMpy:
        if self._board is None:
            self._board = board_mpy(self.fs)
        return self._board

    def install(self, package: str, version: str | None = None) -> None:
        """PACKAGE: an index name, a github:/gitlab:/codeberg: or http(s) location (of a
        package folder, a package.json or a single .py/.mpy file), or a local path."""
        key = (package, version)
        if key in self._done:
            return
        self._done.add(key)
        if sources.is_remote(package):
            if package.endswith((".py", ".mpy")):
                self.on_event("install", f"{package} to {self.target or '/'}")
                self._write(package.rsplit("/", 1)[-1],
                            sources.fetch(sources.rewrite(package, version)))
                return
            if not package.endswith(".json"):
                package = package.rstrip("/") + "/package.json"
            self.on_event("install", f"{package} to {self.target or '/'}")
            self._install_json(package, version)
        elif package.endswith(".json"):
            self.on_event("install", f"{package} to {self.target or '/'}")
            self._install_json(package, version)
        elif "/" in package or package.endswith((".py", ".mpy")):
            # a local file or folder
            if package.endswith((".py", ".mpy")):
                self.on_event("install", f"{package} to {self.target or '/'}")
                self._write(package.rsplit("/", 1)[-1], sources.fetch(package))
                return
            self._install_json(package.rstrip("/") + "/package.json", version)
        else:
            version = version or "latest"
            self.on_event("install", f"{package} ({version}) from {self.index} to "
                                     f"{self.target or '/'}")
            flavour = self.board.version if self.mpy and self.board.version else "py"
            url = f"{self.index}/package/{flavour}/{package}/{version}.json"
            self._install_json(url, version, name=f"{package} {version}")

    def _install_json(self, location: str, version: str | None, name: str = "") -> None:
        remote = sources.is_remote(location)
        raw = sources.fetch(sources.rewrite(location, version),
                            what=f"package {name}" if name else "package description")
        try:
            description = json.loads(raw)
            hashes = [(str(p), str(h)) for p, h in description.get("hashes", ())]
            urls = [(str(p), str(u)) for p, u in description.get("urls", ())]
            deps = [(str(d), (str(v) if v else None)) for d, v in description.get("deps", ())]
        except (ValueError, TypeError, AttributeError) as exc:
            raise MipError(f"{location}: not a valid package description ({exc})") from None
        base = location.rpartition("/")[0] if "/" in location else "."
        for path, short_hash in hashes:
            self._install_hashed(path, short_hash)
        for path, url in urls:
            if not sources.is_remote(url):
                if not remote and url.startswith("/"):
                    pass  # an absolute local path
                else:
                    url = f"{base}/{url}"
            self._write(path, sources.fetch(sources.rewrite(url, version),
                                            what=f"file {path}"))
        for dep, dep_version in deps:
            self.on_event("dep", dep if dep_version is None else f"{dep}@{dep_version}")
            self.install(dep, dep_version)

    def _install_hashed(self, path: str, short_hash: str) -> None:
        board_path = self._board_path(path)
        existing = self.fs.sha256(board_path) if self.fs.stat(board_path) else None
        if existing is not None and existing.startswith(short_hash.lower()):
            self.on_event("exists", board_path)
            return
        data = sources.fetch(f"{self.index}/file/{short_hash[:2]}/{short_hash}",
                             what=f"file {path} ({short_hash})")
        if not hashlib.sha256(data).hexdigest().startswith(short_hash.lower()):
            raise MipError(f"{path}: the index's file {short_hash} does not match its hash")
        self._write(path, data)

    def _board_path(self, path: str) -> str:
        path = path.lstrip("/")
        if not path or any(part in ("", ".", "..") for part in path.split("/")):
            raise MipError(f"package file path {path!r} is not a plain relative path")
        return f"{self.target}/{path}"

    def _write(self, path: str, data: bytes) -> None:
        board_path = self._board_path(path)
        if board_path.endswith(".mpy"):
            check_mpy(data, path, self.board)
        folder = parent(board_path)
        if folder and folder not in self._dirs:
            if not self.fs.is_dir(folder):
                self.fs.mkdir(folder, parents=True)
            self._dirs.add(folder)
        self.on_event("file", board_path)
        self.fs.write_file(board_path, data)
        self.written.append(board_path)
