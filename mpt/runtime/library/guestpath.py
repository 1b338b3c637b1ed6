"""Guest paths, as MicroPython's file systems resolve them: '.' and empty parts dropped, '..'
stepping up (never above the root)."""

from __future__ import annotations


def path_parts(path: str) -> list[str]:
    """The folders and name of an absolute guest path once '.' and '..' are resolved."""
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return parts
