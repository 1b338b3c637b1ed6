"""`mpt -v` / `mpt -vv`: mpt's loggers (mpt/logs.py) shown on stderr."""

from __future__ import annotations

import sys

_handler = None  # the handler -v installed (each part of a `+` chain configures again)


def configure_logging(verbosity: int) -> None:
    """0: nothing extra; 1 (-v): commands and operations (INFO); 2+ (-vv): also raw bytes."""
    global _handler
    if verbosity <= 0:
        return
    import logging  # lazy: a run without -v does not pay for it

    logger = logging.getLogger("mpt")
    if _handler is None:
        _handler = logging.StreamHandler(sys.stderr)
        _handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        logger.addHandler(_handler)
    logger.setLevel(logging.DEBUG if verbosity >= 2 else logging.INFO)
