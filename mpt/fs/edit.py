"""`mpt edit :FILE`: a board file edited with the host's editor on a local temporary copy, and
written back (atomically, verified) only if the editor changed it."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from typing import Callable

from mpt.errors import MptError, UsageError
from mpt.fs.paths import basename
from mpt.fs.remote import BoardFS


class EditorFailed(MptError):
    """The editor could not be started or exited with an error; the board file is unchanged."""


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, split as a shell would ("code -w" works)."""
    value = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not value:
        raise UsageError("edit needs an editor: set $EDITOR (or $VISUAL)")
    return shlex.split(value)


def edit(fs: BoardFS, path: str, editor: list[str],
         run: Callable[[list[str]], int] | None = None) -> bool:
    """Edit board file `path`; return True if it was changed and written back. A file that
    does not exist starts empty and is created only if the editor saves some content."""
    run = run or (lambda argv: subprocess.call(argv))
    entry = fs.stat(path)
    if entry is not None and entry.is_dir:
        raise UsageError(f":{path} is a folder")
    original = fs.read_file(path) if entry is not None else b""
    handle, local = tempfile.mkstemp(prefix="mpt-edit-", suffix="-" + basename(path))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(original)
        try:
            status = run([*editor, local])
        except OSError as exc:
            raise EditorFailed(f"cannot start the editor {editor[0]!r}: "
                               f"{exc.strerror or exc}") from None
        if status != 0:
            raise EditorFailed(f"the editor exited with status {status}; :{path} left "
                               f"unchanged")
        with open(local, "rb") as changed_file:
            changed = changed_file.read()
    finally:
        os.unlink(local)
    if changed == original:
        return False
    fs.write_file(path, changed)
    return True
