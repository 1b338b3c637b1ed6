"""`mpt romfs build|query|deploy`: ROMFS images (read-only file systems mounted at /rom), as
mpremote's romfs commands make and write them.

Exit codes: 0 done, 2 usage (bad folder or image, image too big), 3 connection, 4 the board
has no ROMFS partition or refused the write (see the README).
"""

from __future__ import annotations

import os

import click

from mpt.cli.board_session import board_command, connect
from mpt.cli.typos import SuggestingGroup
from mpt.errors import UsageError

MPY_HELP = ("Compile each .py without a .mpy beside it to .mpy, as mpremote does "
            "(--no-mpy: store .py sources).")


@click.group("romfs", cls=SuggestingGroup)
def romfs_group():
    """ROMFS images: build one from a folder, query and deploy a board's ROM partitions."""


def _build(folder: str, mpy: bool, quiet: bool) -> bytes:
    """The image of ``folder``; a .py that does not compile ends the command with the
    compiler's traceback (status 1), as mpy-cross's."""
    from mpt.errors import CompileError
    from mpt.fs.romfs_build import build_romfs

    def show(entry) -> None:
        if not quiet:
            depth = entry.path.count("/")
            note = " (compiled from .py)" if entry.compiled else ""
            name = os.path.basename(entry.path) + ("/" if entry.is_dir else "")
            click.echo(f"{'  ' * depth}{name}{note}", err=True)

    try:
        return build_romfs(folder, mpy=mpy, on_entry=show)
    except CompileError as exc:
        click.echo(exc.traceback_text, err=True, nl=False)
        raise click.exceptions.Exit(1) from None


@romfs_group.command("build")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("-o", "--output", default=None, metavar="FILE", type=click.Path(dir_okay=False),
              help="Image file to write (default: FOLDER.romfs).")
@click.option("--mpy/--no-mpy", default=True, show_default=True, help=MPY_HELP)
@click.option("-q", "--quiet", is_flag=True, help="Do not list the entries.")
def build_command(folder, output, mpy, quiet):
    """Build the ROMFS image of FOLDER (byte for byte mpremote's `romfs build`)."""
    image = _build(folder, mpy, quiet)
    output = output or folder.rstrip("/") + ".romfs"
    try:
        with open(output, "wb") as handle:
            handle.write(image)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"{output}: ROMFS image of {folder}, {len(image)} bytes")


@romfs_group.command("query")
@board_command
def query_command(settings):
    """List the board's ROM partitions and the image each holds."""
    from mpt.fs.romfs_board import query
    from mpt.fs.romfs_image import image_size

    partitions = query(connect(settings))
    if not partitions:
        click.echo("no ROMFS partitions available")
    for part in partitions:
        click.echo(f"ROMFS{part.index}: {part.size} bytes ({part.size // part.block_size} "
                   f"blocks of {part.block_size} bytes)")
        size = image_size(part.head)
        click.echo(f"  image: {size} bytes" if size is not None else "  image: none (not a "
                   f"valid ROMFS; starts {part.head.hex(':')})")


@romfs_group.command("deploy")
@click.argument("source", type=click.Path(exists=True))
@click.option("--partition", default=0, show_default=True, metavar="N",
              help="ROM partition to write.")
@click.option("--mpy/--no-mpy", default=True, show_default=True, help=MPY_HELP)
@click.option("-q", "--quiet", is_flag=True, help="Do not report progress.")
@board_command
def deploy_command(settings, source, partition, mpy, quiet):
    """Write SOURCE (a folder, built on the fly, or an image file) to a ROM partition; the
    board mounts it at /rom at its next soft reset."""
    from mpt.fs.romfs_board import deploy
    from mpt.hostfiles import ROMFS_IMAGE, read_input

    if os.path.isdir(source):
        image = _build(source, mpy, True)
    else:
        from mpt.fs.romfs_image import FILESYSTEM_HEADER

        image = read_input(source, ROMFS_IMAGE)
        if not image.startswith(FILESYSTEM_HEADER):
            raise UsageError(f"{source}: not a ROMFS image (nor a folder to build one of)")

    def progress(stage: str, done: int, total: int) -> None:
        if not quiet:
            click.echo(f"\r{stage}: {done}/{total} bytes", err=True, nl=done >= total)

    deploy(connect(settings), image, int(partition), progress)
    click.echo(f"deployed {len(image)} bytes to ROMFS{partition}; soft-reset the board to "
               "mount it at /rom")
