"""Check an output path before the work that produces its content starts."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from mpt.errors import UsageError


def _unusable_name(path) -> str | None:
    """What the system says of the name itself (too long, a symbolic-link loop), if anything:
    os.path's tests only say False to those."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.ELOOP):
            return exc.strerror
    return None


def check_writable(path, option: str) -> None:
    """Raise UsageError unless a file can be created at path (tried with a scratch file beside it,
    since permission bits do not tell for root or for special file systems such as /proc)."""
    target = Path(path)
    problem = _unusable_name(target)
    if problem:
        raise UsageError(f"cannot write {option} {path}: {problem}")
    # (os.path's tests: Path.is_dir raises on a name too long for the system)
    if os.path.isdir(target):
        raise UsageError(f"cannot write {option} {path}: it is a directory")
    folder = target.parent if str(target.parent) else Path(".")
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write {option} {path}: no such folder {folder}")
    try:
        import tempfile  # (only when a check runs: it costs start-up time)

        handle, scratch = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".check")
    except OSError as exc:
        raise UsageError(f"cannot write {option} {path}: {exc.strerror or exc}") from None
    os.close(handle)
    os.unlink(scratch)


def check_output_folder(path, option: str) -> None:
    """Raise UsageError unless path is, or can be made, a folder files can be created in.

    Nothing is created: a missing folder is judged by its nearest existing parent, so a run
    that fails later (bad sources) leaves no empty output folder behind."""
    target = Path(path)
    problem = _unusable_name(target)
    if problem:
        raise UsageError(f"cannot write {option} {path}: {problem}")
    if os.path.exists(target) and not os.path.isdir(target):
        raise UsageError(f"cannot write {option} {path}: not a folder")
    existing = target
    while not os.path.exists(existing) and existing != existing.parent:
        existing = existing.parent
    if not os.path.isdir(existing):
        raise UsageError(f"cannot write {option} {path}: {existing} is not a folder")
    try:
        import tempfile  # (only when a check runs: it costs start-up time)

        handle, scratch = tempfile.mkstemp(dir=existing, prefix=".mpt-", suffix=".check")
    except OSError as exc:
        raise UsageError(f"cannot write {option} {path}: {exc.strerror or exc}") from None
    os.close(handle)
    os.unlink(scratch)


def created_outputs(*paths) -> list[str]:
    """Create the output files given (None: not asked for) and return their absolute paths: a
    confined process may then write those files and no others."""
    created = []
    for path in paths:
        if path is not None:
            with open(path, "ab"):
                pass
            created.append(os.path.abspath(path))
    return created
