"""Building a board from the user's options (`mpt run`, `mpt emulate`) and closing it down."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TextIO

from mpt.errors import InputFileError, UsageError
from mpt.runtime.board.board import Board
from mpt.runtime.board.profiles import DEFAULT_BOARD, get_profile
from mpt.runtime.vm import features


@dataclass
class BoardOptions:
    board: str | None = None           # profile name; default: the board file's, else rp2
    flash: str | os.PathLike | None = None
    virtual_time: bool = False
    trace: bool = False
    vcd: str | os.PathLike | None = None
    board_file: str | os.PathLike | None = None
    # another firmware build's language features on this board's hardware (FEATURE_BUILDS);
    # None: the board's own
    features: str | None = None
    # a firmware built with a ROMFS partition: its size in bytes and/or the image it holds
    # (a host file); neither: the stock build, without ROMFS
    romfs_size: int | None = None
    romfs_image: str | os.PathLike | None = None
    # the guest's sockets may reach beyond the host's loopback interface (`--net`)
    net: bool = False
    # the flash as a file-system image (`mpt fs image`) instead of the folder ``flash``
    flash_image: str | os.PathLike | None = None


# builds whose features a board can run with instead of its own: the unix port's (the
# mpt-micropython drop-in; "unix-float" with single-precision floats) and the webassembly
# build's (what the recorded outputs come from)
FEATURE_BUILDS = {"unix": features.UNIX_STANDARD, "unix-float": features.UNIX_FLOAT,
                  "webassembly": features.WEBASSEMBLY_PYSCRIPT}


def create_board(options: BoardOptions, *, trace_stream: TextIO | None = None) -> Board:
    """A board as the options describe it, with its board file applied."""
    config = declared_name = None
    if options.board_file:  # (the board file's reader and schema: only when there is one)
        from mpt.runtime.board.config import board_name_in, load_board_file

        config = load_board_file(options.board_file)
        declared_name = board_name_in(config) if config else None
    name = options.board or declared_name or DEFAULT_BOARD
    profile = get_profile(name)
    if options.board and declared_name:
        declared = get_profile(declared_name)
        if declared.key != profile.key:
            raise UsageError(f"the board file is written for '{declared.key}', "
                             f"not '{profile.key}'")
    if options.flash is not None and options.flash_image is not None:
        raise UsageError("give the flash as a folder (--flash) or an image (--flash-image), "
                         "not both")
    if options.trace and trace_stream is None:
        raise UsageError("--trace needs a stream to write to")
    board = Board(profile, flash_dir=options.flash, virtual_time=options.virtual_time,
                  trace_stream=trace_stream if options.trace else None,
                  record_vcd=options.vcd is not None,
                  features=FEATURE_BUILDS[options.features] if options.features else None,
                  romfs_size=options.romfs_size, romfs_image=_romfs_image(options.romfs_image),
                  net=options.net, flash_image=options.flash_image)
    if config is not None:
        from mpt.runtime.board.config import apply_board_file

        apply_board_file(board, config)
    return board


def _romfs_image(path: str | os.PathLike | None) -> bytes | None:
    if path is None:
        return None
    from mpt.hostfiles import ROMFS_IMAGE, read_input
    from mpt.runtime.library.vfs_rom import HEADER

    data = read_input(str(path), ROMFS_IMAGE)
    if not data.startswith(HEADER):
        raise InputFileError(f"{path}: not a ROMFS image (see `mpt romfs build`)")
    return data


def finish_board(board: Board, options: BoardOptions) -> None:
    """Write what has to outlive the run (the VCD file)."""
    if options.vcd is not None:
        try:
            board.write_vcd(options.vcd)
        except OSError as exc:
            raise UsageError(f"cannot write {options.vcd}: {exc.strerror}") from None
