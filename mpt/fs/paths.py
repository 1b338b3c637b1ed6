"""Paths on the board (always '/'-separated) and the ':' prefix that marks them on the command line."""

from __future__ import annotations

import posixpath

REMOTE_MARK = ":"


def is_remote(argument: str) -> bool:
    """':main.py', ':/lib/' and ':' name board paths; anything else is a host path."""
    return argument.startswith(REMOTE_MARK)


def strip_mark(argument: str) -> str:
    """':lib/x.py' -> 'lib/x.py'; ':' -> '' (the board's current directory)."""
    return argument[len(REMOTE_MARK):] if is_remote(argument) else argument


def join(*parts: str) -> str:
    kept = [p for p in parts if p]
    if not kept:
        return ""
    return posixpath.join(*kept)


def normalise(path: str) -> str:
    """Collapse '.', '..' and doubled slashes; '' stays '' (the current directory)."""
    if not path:
        return ""
    trailing = path.endswith("/") and path != "/"
    result = posixpath.normpath(path)
    if result == ".":
        return ""
    if result.startswith("//"):
        result = "/" + result.lstrip("/")
    return result + ("/" if trailing else "")


def parent(path: str) -> str:
    """The folder holding `path`; '' means the current directory."""
    path = path.rstrip("/")
    if "/" not in path:
        return "" if path else "/"
    head = path.rsplit("/", 1)[0]
    return head or "/"


def basename(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]
