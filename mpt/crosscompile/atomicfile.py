"""Replacing a file in one step, so that readers never see a partial .mpy."""

from __future__ import annotations

import os


def write_atomically(path: str | os.PathLike, data: bytes, *, make_folder: bool = True) -> None:
    """Write ``data`` to a new file beside ``path`` and rename it over ``path``, making its
    folder first unless ``make_folder`` is False (the caller knows it is there).

    The new file gets the mode open() would give it (0666 less the umask). Only ``os`` is
    used: this runs at every `mpt compile FILE`, where start-up time counts.
    """
    path = os.fspath(path)
    directory, name = os.path.split(path)
    if directory and make_folder:
        os.makedirs(directory, exist_ok=True)
    attempt = 0
    while True:
        tmp = os.path.join(directory, f".{name}.{os.getpid()}.{attempt}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            attempt += 1
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
