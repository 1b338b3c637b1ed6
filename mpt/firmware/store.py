"""The local firmware store: image files plus an index of what inspecting them found."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from mpt.errors import FirmwareError, UsageError
from mpt.firmware.inspect import ImageInfo, inspect_file
from mpt.firmware.verify import verify_info
from mpt.firmware.chips import BOARD_TARGETS, target_of_board, targets_match

INDEX_NAME = "index.json"
# MicroPython's download names: BOARD[-VARIANT]-YYYYMMDD-vX.Y.Z[-preview...].ext
DOWNLOAD_NAME = re.compile(
    r"^(?P<board>[A-Z0-9_]+(?:-[A-Z0-9_]+)?)-(?P<date>\d{8})-(?P<version>v\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?)"
    r"\.(?P<ext>[\w-]+)$")


def default_cache_dir() -> Path:
    if os.environ.get("MPT_CACHE_DIR"):
        return Path(os.environ["MPT_CACHE_DIR"])
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return root / "mpt" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "mpt"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mpt"


@dataclass
class StoredFirmware:
    name: str
    board: str | None
    target: str | None
    format: str
    version: str | None
    build_date: str | None
    size: int
    sha256: str
    source: str
    added: str

    def as_dict(self) -> dict:
        return asdict(self)


class FirmwareStore:
    def __init__(self, cache_dir: Path | str | None = None):
        self.root = Path(cache_dir) if cache_dir else default_cache_dir()
        self.folder = self.root / "firmware"

    # --- index -------------------------------------------------------------------------------
    def _index_path(self) -> Path:
        return self.folder / INDEX_NAME

    def _load(self) -> dict[str, StoredFirmware]:
        try:
            raw = json.loads(self._index_path().read_text())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise FirmwareError(f"firmware store index {self._index_path()} is unreadable: {exc}") from None
        return {entry["name"]: StoredFirmware(**entry) for entry in raw.get("firmware", [])}

    def _save(self, entries: dict[str, StoredFirmware]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"firmware": [e.as_dict() for e in sorted(entries.values(), key=lambda e: e.name)]},
                          indent=1)
        handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".index-", suffix=".tmp")
        with os.fdopen(handle, "w") as out:
            out.write(body)
        os.replace(temp, self._index_path())

    # --- operations --------------------------------------------------------------------------
    def list(self) -> list[StoredFirmware]:
        entries = self._load()
        # an image deleted by hand is no longer in the store
        return [e for e in sorted(entries.values(), key=lambda e: e.name) if (self.folder / e.name).exists()]

    def add(self, path, board: str | None = None, source: str | None = None, name: str | None = None,
            move: bool = False) -> tuple[StoredFirmware, ImageInfo]:
        """Inspect, refuse invalid images, copy (or move) into the store and index it."""
        path = Path(path)
        info = inspect_file(path)
        try:
            verify_info(info)
        except FirmwareError as exc:
            raise FirmwareError(f"not adding {path.name}: {exc}") from None
        name = name or path.name
        if "/" in name or "\\" in name or name in ("", ".", "..", INDEX_NAME) or name.startswith("."):
            raise UsageError(f"invalid firmware name {name!r}")
        if board is None:
            match = DOWNLOAD_NAME.match(name)
            board = match.group("board") if match else None
        if board is not None:
            board = board.upper()
            if board.split("-")[0] in BOARD_TARGETS and info.target is not None:
                wanted = target_of_board(board)
                if not any(targets_match(target, wanted) for target in info.all_targets):
                    raise FirmwareError(f"not adding {path.name}: it is built for {info.target}, "
                                        f"but board {board} is {wanted}")
        self.folder.mkdir(parents=True, exist_ok=True)
        destination = self.folder / name
        if move:
            os.replace(path, destination)
        else:
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".add-", suffix=".part")
            os.close(handle)
            try:
                shutil.copyfile(path, temp)
                os.replace(temp, destination)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        entry = StoredFirmware(
            name=name, board=board, target=info.target, format=info.format,
            version=info.identity.version, build_date=info.identity.build_date, size=info.size,
            sha256=info.sha256, source=source or str(path.resolve()),
            added=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        entries = self._load()
        entries[name] = entry
        self._save(entries)
        return entry, info

    def find(self, key: str, version: str | None = None) -> StoredFirmware:
        """A stored image by its file name, or the newest one for a board id (optionally of a version)."""
        entries = self.list()
        for entry in entries:
            if entry.name == key:
                return entry
        wanted_version = _normalise_version(version) if version else None
        matches = [e for e in entries if e.board and e.board.upper() == key.upper()
                   and (wanted_version is None or _normalise_version(e.version or "") == wanted_version)]
        if not matches:
            what = f"{key} {version}" if version else key
            raise UsageError(f"no firmware {what!r} in the store (see 'mpt firmware list')")
        return max(matches, key=lambda e: (e.build_date or "", e.added))

    def path(self, key: str, version: str | None = None) -> Path:
        return self.folder / self.find(key, version).name

    def remove(self, key: str, version: str | None = None) -> StoredFirmware:
        entry = self.find(key, version)
        (self.folder / entry.name).unlink(missing_ok=True)
        entries = self._load()
        entries.pop(entry.name, None)
        self._save(entries)
        return entry


def _normalise_version(version: str) -> str:
    return version.strip().lower().lstrip("v")
