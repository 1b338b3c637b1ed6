"""mpt's loggers, one per package: mpt.transport, mpt.fs, mpt.firmware, mpt.crosscompile and
mpt.runtime. Library code logs and never prints; the CLI shows them on stderr with -v (INFO:
commands and operations) and -vv (DEBUG: also the raw bytes sent to and received from a board).

Modules on the start-up path of `mpt run` (the compiler, the guest session) log through
:func:`info`, which does not import logging (about 20 ms) before anyone else has: logging
cannot have been configured before it was imported, so no record is lost by this.
"""

from __future__ import annotations

import sys

BYTES_SHOWN = 96  # a -vv byte trace shows this many bytes of each chunk, then a count


def info(name: str, message: str, *args) -> None:
    """``logging.getLogger(name).info(message, *args)`` once logging is in use."""
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.getLogger(name).info(message, *args)


def shown_bytes(data: bytes, limit: int = BYTES_SHOWN) -> str:
    """``data`` for a byte trace: its repr, cut after ``limit`` bytes with the rest counted."""
    if len(data) <= limit:
        return repr(bytes(data))
    return f"{bytes(data[:limit])!r}... (+{len(data) - limit} bytes)"
