"""`mpt mount DIR [--unsafe-links]`: the board sees a host folder at /remote.

Alone it opens the REPL (like mpremote); chained, the commands after it run with the folder
mounted and the board's current folder at /remote: `mpt mount . + run main.py`.
"""

from __future__ import annotations

import atexit

import click

from mpt.cli import chain
from mpt.cli.board_session import board_command, connect, note_mounted


@click.command("mount")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--unsafe-links", is_flag=True,
              help="Let the board follow symlinks that lead out of FOLDER.")
@board_command
def mount_command(settings, folder, unsafe_links):
    """Mount host FOLDER on the board at /remote (and make it the board's current folder)."""
    from mpt.fs.mount import Mount

    transport = connect(settings)
    mount = Mount(transport, folder, unsafe_links=unsafe_links)
    mount.start()
    atexit.register(_unmount, mount)  # runs before the connection is closed
    note_mounted(settings)
    click.echo(f"mounted {folder} at {mount.mount_point}", err=True)
    if chain.remaining() == 0:
        from mpt.cli.repl_cmd import repl_command
        click.get_current_context().invoke(
            repl_command, port=settings["port"], baud=settings["baud"], dtr=settings["dtr"],
            rts=settings["rts"], raw_paste=settings["raw_paste"], capture=None)


def _unmount(mount) -> None:
    from mpt.errors import MptError
    try:
        mount.stop()
    except (MptError, KeyboardInterrupt):  # at exit: the exit status is already set
        pass
