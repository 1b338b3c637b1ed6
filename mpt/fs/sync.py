"""Make a board folder match a host folder, transferring only what differs.

The board's side is learned in one round trip (sizes and SHA-256 of every file, computed on
the board; on a new connection the probe of the board's firmware travels in the same program);
files whose size and hash match are left alone.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from mpt.errors import InputFileError
from mpt.fs.paths import join
from mpt.hostfiles import BOARD_FILE, read_input
from mpt.fs.remote import BoardFS, OnProgress

# The most files a folder copied to a board may hold (with BOARD_FILE.limit bytes in all,
# the largest flash of any board).
TREE_FILES = 10000

DEFAULT_EXCLUDES = ("__pycache__", "*.pyc", ".git", ".mpt", ".DS_Store", "*.mpt-tmp")


@dataclass
class Upload:
    relative: str
    local: Path
    size: int
    reason: str  # "new" or "changed"
    data: bytes | None = None  # content, when it was produced in memory (e.g. compiled)


@dataclass
class SyncPlan:
    remote_root: str
    mkdirs: list[str] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)  # relative, files before their folders
    unchanged: int = 0
    remote_files: set[str] = field(default_factory=set)  # what the board held, relative

    @property
    def is_empty(self) -> bool:
        return not (self.mkdirs or self.uploads or self.deletes)


def excluded(relative: str, patterns) -> bool:
    parts = relative.split("/")
    for pattern in patterns:
        if fnmatch.fnmatch(relative, pattern):
            return True
        if any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def local_tree(root: Path, excludes) -> tuple[list[str], dict[str, Path]]:
    """(folders, files) below `root`, as '/'-separated relative paths; regular files only.

    A folder is meant for a board: more files or bytes than any board holds (a mistyped
    folder such as `/`) is an InputFileError as soon as the walk passes the bound, before
    anything is read; so is a folder that cannot be listed. Symbolic links to folders are
    listed, not followed."""
    if not os.path.isdir(root):  # (never raises, unlike Path.is_dir on a too-long name)
        raise InputFileError(f"{root}: not a folder")

    def unreadable(exc: OSError) -> None:
        raise InputFileError(f"cannot read folder {exc.filename}: {exc.strerror or exc}")

    folders, files = [], {}
    total = 0
    for here, subfolders, names in os.walk(root, onerror=unreadable):
        base = Path(here)
        kept = []
        for name in sorted(subfolders):
            relative = (base / name).relative_to(root).as_posix()
            if not excluded(relative, excludes):
                kept.append(name)
                folders.append(relative)
        subfolders[:] = kept
        for name in names:
            path = base / name
            relative = path.relative_to(root).as_posix()
            if excluded(relative, excludes):
                continue
            try:
                info = path.stat()
            except OSError:
                continue  # a dangling link, or gone while we looked
            if not stat.S_ISREG(info.st_mode):
                continue  # FIFOs, devices, sockets: nothing to copy
            files[relative] = path
            total += info.st_size
            if len(files) > TREE_FILES or total > BOARD_FILE.limit:
                raise InputFileError(
                    f"{root}: too much for a board (over {TREE_FILES} files or "
                    f"{BOARD_FILE.limit // 2**20} MiB); is it the folder you meant?")
    return sorted(folders), dict(sorted(files.items()))


def plan_sync(fs: BoardFS, local_root: Path, remote_root: str, *, delete: bool = False,
              excludes=DEFAULT_EXCLUDES, contents: dict[str, bytes] | None = None) -> SyncPlan:
    """What must change on the board. `contents` replaces file data (relative path -> bytes)."""
    folders, files = local_tree(local_root, excludes)
    if contents is not None:
        files = {rel: files.get(rel, local_root / rel) for rel in contents}
        folders = sorted({"/".join(rel.split("/")[:depth]) for rel in contents
                          for depth in range(1, rel.count("/") + 1)})
    kind, entries = fs.walk(remote_root, hashes=True)  # (the connection's first question)
    remote_root = fs.absolute(remote_root)
    plan = SyncPlan(remote_root)
    if kind == "file":
        raise InputFileError(f":{remote_root} is a file on the board, not a folder")
    if kind is None:
        plan.mkdirs.append("")
    remote_files = {e.name: e for e in entries if not e.is_dir}
    remote_dirs = {e.name for e in entries if e.is_dir}
    plan.remote_files = set(remote_files)
    for folder in folders:
        if folder not in remote_dirs:
            plan.mkdirs.append(folder)
    for relative, path in files.items():
        data = contents[relative] if contents is not None else read_input(path, BOARD_FILE)
        remote = remote_files.get(relative)
        if remote is None:
            plan.uploads.append(Upload(relative, path, len(data), "new",
                                       data if contents is not None else None))
            continue
        same = remote.size == len(data)
        if same and remote.sha256 is not None:
            same = remote.sha256 == hashlib.sha256(data).hexdigest()
        elif same:
            # No hashlib on the board: fall back to comparing the bytes.
            same = fs.read_file(join(remote_root, relative)) == data
        if same:
            plan.unchanged += 1
        else:
            plan.uploads.append(Upload(relative, path, len(data), "changed",
                                       data if contents is not None else None))
    if delete:
        wanted_dirs = set(folders)
        for relative in sorted(remote_files, reverse=True):
            if relative not in files and not excluded(relative, excludes):
                plan.deletes.append(relative)
        for relative in sorted(remote_dirs, reverse=True):
            if relative not in wanted_dirs and not excluded(relative, excludes):
                if not any(f.startswith(relative + "/") for f in files):
                    plan.deletes.append(relative + "/")
    return plan


def apply_sync(fs: BoardFS, plan: SyncPlan, *,
               on_action: Callable[[str, str], None] | None = None,
               on_progress: OnProgress | None = None) -> None:
    """Carry out `plan`; `on_action(kind, path)` is told before each step."""
    root = plan.remote_root
    for folder in plan.mkdirs:
        if on_action:
            on_action("mkdir", join(root, folder) if folder else root)
        fs.mkdir(join(root, folder) if folder else root, parents=True)
    for upload in plan.uploads:
        target = join(root, upload.relative)
        if on_action:
            on_action(upload.reason, target)
        data = upload.data if upload.data is not None else read_input(upload.local, BOARD_FILE)
        fs.write_file(target, data, on_progress)
    for relative in plan.deletes:
        target = join(root, relative.rstrip("/"))
        if on_action:
            on_action("delete", target)
        fs.remove(target, recursive=relative.endswith("/"))


def tree_state(root: Path, excludes) -> dict[str, tuple[int, int]]:
    """A cheap fingerprint of a host folder: relative path -> (size, mtime in ns)."""
    folders, files = local_tree(root, excludes)
    state = {folder + "/": (0, 0) for folder in folders}
    for relative, path in files.items():
        try:
            info = path.stat()
        except OSError:
            continue  # vanished while we looked
        state[relative] = (info.st_size, info.st_mtime_ns)
    return state


def wait_for_change(root: Path, excludes, previous: dict, *, interval: float = 0.3,
                    stop=None) -> dict:
    """Block until the host folder differs from `previous`; return its new fingerprint.

    Host folders are polled (portable, no extra dependency); `stop()` returning True ends
    the wait early with the unchanged fingerprint.
    """
    import time
    while True:
        if stop is not None and stop():
            return previous
        time.sleep(interval)
        current = tree_state(root, excludes)
        if current != previous:
            return current
