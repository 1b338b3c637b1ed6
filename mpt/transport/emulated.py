"""The emulated board as the far end of a port: a board session fed with the bytes we write.

`open_endpoint` is what the `emu://` pyserial handler and `mpt emulate` call. The guest code
runs in mpt's VM through an *executor* (see mpt.runtime.board.repl.Executor); which one is chosen by
name so that protocol tests can run the very same session with a stand-in.
"""

from __future__ import annotations

import threading
from typing import Callable

from mpt.errors import ConnectionFailed, UsageError

# name -> factory(board, options) returning an Executor for that board
EXECUTOR_FACTORIES: dict[str, Callable] = {}


def register_executor(name: str, factory: Callable) -> None:
    EXECUTOR_FACTORIES[name] = factory


def _vm_executor(board, options):
    try:  # lazy: the runtime loads only for emu://
        from mpt.runtime.board.vm_executor import VMExecutor
    except ImportError as exc:
        raise ConnectionFailed(
            "the emulated board cannot run code in this build of mpt (its VM executor "
            "mpt.runtime.board.vm_executor is missing)") from exc
    return VMExecutor(board)


register_executor("vm", _vm_executor)


class Endpoint:
    """One running emulated board; `send` is its serial input."""

    def __init__(self, session, board):
        self.session = session
        self.board = board
        self._lock = threading.Lock()

    def send(self, data: bytes) -> None:
        if self.session.closed:
            raise ConnectionFailed("the emulated board has shut down")
        self.session.feed(data)

    @property
    def closed(self) -> bool:
        return self.session.closed

    def interrupt_unanswered(self) -> bool:
        """A Ctrl-C waits for running guest code to take it."""
        return self.session.interrupt_unanswered()

    def close(self) -> None:
        self.session.close()


def url_flag(value) -> bool:
    """An emu:// URL option that is a switch (virtual_time=1/true/yes)."""
    return str(value).lower() in ("1", "true", "yes")


def make_board(options: dict):
    """A board from emu:// URL options: board, flash (a folder) or flash_image (a file-system
    image, as `mpt emulate --flash-image`), virtual_time, board_file, romfs_size (bytes),
    romfs (an image file), net (its sockets reach beyond loopback)."""
    from mpt.runtime.board.setup import BoardOptions, create_board  # lazy: only for emu://

    size = options.get("romfs_size") or None
    if size is not None and not str(size).isdigit():
        raise UsageError(f"romfs_size={size}: expected a number of bytes")
    return create_board(BoardOptions(
        board=options.get("board") or None, flash=options.get("flash") or None,
        virtual_time=url_flag(options.get("virtual_time", "")),
        board_file=options.get("board_file") or None,
        romfs_size=int(size) if size is not None else None,
        romfs_image=options.get("romfs") or None, net=url_flag(options.get("net", "")),
        flash_image=options.get("flash_image") or None))


def open_endpoint(options: dict, output: Callable[[bytes], None], board=None) -> Endpoint:
    """Boot an emulated board whose output goes to `output`.

    options: board (profile name), flash (folder), virtual_time, board_file, executor (name,
    default "vm"). A ready `board` may be given instead of being built from the options.
    """
    from mpt.runtime.board.repl import BoardSession  # lazy: the runtime loads only for emu://

    factory = EXECUTOR_FACTORIES.get(options.get("executor") or "vm")
    if factory is None:
        raise ConnectionFailed(f"unknown executor {options.get('executor')!r} for emu://")
    if board is None:
        board = make_board(options)
    executor = factory(board, options)
    session = BoardSession(executor, output, banner=board.profile.banner)
    if hasattr(executor, "attach"):
        executor.attach(session)
    elif hasattr(executor, "session"):
        executor.session = session
    session.start(boot=True)
    return Endpoint(session, board)
