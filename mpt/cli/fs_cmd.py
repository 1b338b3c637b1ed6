"""`mpt fs`: file-system images for boards (`mpt fs image`)."""

from __future__ import annotations

import click

from mpt.cli import completion
from mpt.cli.board_options import size_in_bytes
from mpt.cli.typos import SuggestingGroup
from mpt.errors import UsageError


@click.group("fs", cls=SuggestingGroup)
def fs_group():
    """File-system images for boards."""


@fs_group.command("image")
@click.argument("folder", type=click.Path(file_okay=False))
@click.argument("output", type=click.Path(dir_okay=False))
@click.option("--board", default=None, metavar="B", shell_complete=completion.emulated_boards,
              help="The board whose file system the image is: its size, block size and "
                   "littlefs settings, or FAT for pyboard (default: rp2).")
@click.option("--size", default=None, metavar="BYTES",
              help="File-system size instead of the board's (e.g. 848K, 2M).")
@click.option("--block-size", default=None, metavar="BYTES",
              help="Erase-block size instead of the board's (e.g. 4096).")
def image_command(folder, output, board, size, block_size):
    """Build an image of FOLDER in OUTPUT, to flash as a board's file system: littlefs v2, or
    FAT where the port formats FAT (pyboard)."""
    from mpt.fs.lfs_image import ImageLayout, build_image
    from mpt.runtime.board.profiles import DEFAULT_BOARD, get_profile

    profile = get_profile(board or DEFAULT_BOARD)
    block = size_in_bytes(block_size, "--block-size") or profile.fs_block_size
    if profile.fs_kind == "fat":
        _fat_image(folder, output, profile, block, size_in_bytes(size, "--size"))
        return
    total = size_in_bytes(size, "--size") or profile.fs_bytes
    if total % block:
        raise UsageError(f"the size ({total}) is not a whole number of {block}-byte blocks")
    layout = ImageLayout(block_size=block, block_count=total // block,
                         prog_size=min(profile.port.lfs_prog_size, block))
    data, files = build_image(folder, layout)
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(f"{output}: littlefs image of {folder}, {files} files, {layout.block_count} "
               f"blocks of {layout.block_size} bytes")


def _fat_image(folder, output, profile, block: int, size: int | None) -> None:
    from mpt.runtime.board.fat_image import SECTOR, build_fat_image

    if block != SECTOR:
        raise UsageError(f"{profile.key}'s FAT file system has {SECTOR}-byte sectors")
    total = size or profile.fs_bytes
    port = profile.port
    data, files = build_fat_image(folder, total, port.fat_flash_partition_start,
                                  port.fat_label)
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(f"{output}: FAT image of {folder}, {files} files, {total // SECTOR} sectors of "
               f"{SECTOR} bytes")
