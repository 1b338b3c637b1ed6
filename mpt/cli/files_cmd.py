"""File commands on a board: ls, cat, cp, rm, mkdir, rmdir, mv, touch, tree, sha256sum, df.

Board paths start with ':' (':main.py', ':lib/', ':' for the current folder).
"""

from __future__ import annotations

import json
import sys
import time

import click

from mpt.cli.board_session import (Progress, board_command, board_fs, missing_on_board,
                                   remote_path)
from mpt.errors import UsageError


@click.command("ls")
@click.argument("paths", nargs=-1)
@click.option("-l", "long", is_flag=True, help="Show sizes and modification times.")
@click.option("-r", "recursive", is_flag=True, help="List sub-folders too.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@board_command
def ls_command(settings, paths, long, recursive, as_json):
    """List board folders (default ':', the current folder)."""
    fs = board_fs(settings)
    results = {}
    for argument in paths or (":",):
        path = remote_path(argument)
        if recursive:
            kind, entries = fs.walk(path)
            if kind is None:
                raise missing_on_board(argument)
        else:
            kind, entries = fs.list(path)
            if kind is None:
                raise missing_on_board(argument)
        results[argument] = entries
    offset = fs.capabilities.epoch_offset
    if as_json:
        listing = {arg: [{"name": e.name, "type": "dir" if e.is_dir else "file",
                          "size": e.size, "mtime": _iso_time(e.mtime, offset)}
                         for e in entries]
                   for arg, entries in results.items()}
        click.echo(json.dumps(listing if len(listing) > 1 else next(iter(listing.values())),
                              indent=2))
        return
    for argument, entries in results.items():
        if len(results) > 1:
            click.echo(f"{argument}:")
        for entry in entries:
            name = entry.name + ("/" if entry.is_dir else "")
            if long:
                click.echo(f"{entry.size:>10} {_time_text(entry.mtime, offset)} {name}")
            else:
                click.echo(name)


# A board's file times count seconds of its own clock (local time, as mpremote and mpt set the
# RTC) from its epoch: 1970 on rp2 and unix, 2000 on esp32, pyboard and most others.

def _time_text(mtime: int, epoch_offset: int) -> str:
    if not mtime:
        return " " * 16
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(mtime + epoch_offset))


def _iso_time(mtime: int, epoch_offset: int) -> str | None:
    if not mtime:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(mtime + epoch_offset))


@click.command("cat")
@click.argument("paths", nargs=-1, required=True)
@board_command
def cat_command(settings, paths):
    """Print board files."""
    fs = board_fs(settings)
    for argument in paths:
        data = fs.read_file(remote_path(argument))
        sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@click.command("cp")
@click.argument("arguments", nargs=-1, required=True)
@click.option("-r", "recursive", is_flag=True, help="Copy folders.")
@click.option("-q", "--quiet", is_flag=True, help="Do not report each file.")
@board_command
def cp_command(settings, arguments, recursive, quiet):
    """Copy files: SOURCE... DEST, board paths marked with ':'.

    \b
    mpt cp main.py :            host -> board folder
    mpt cp -r lib :lib          folder, recursively
    mpt cp :data.csv .          board -> host
    """
    from mpt.fs.copy import copy
    if len(arguments) < 2:
        raise UsageError("cp needs SOURCE... DEST")
    progress = Progress(not quiet)
    copy(board_fs(settings), list(arguments[:-1]), arguments[-1], recursive=recursive,
         on_file=None if quiet else progress.file, on_progress=progress)


@click.command("rm")
@click.argument("paths", nargs=-1, required=True)
@click.option("-r", "recursive", is_flag=True, help="Remove folders and what they hold.")
@board_command
def rm_command(settings, paths, recursive):
    """Remove board files (folders with -r)."""
    fs = board_fs(settings)
    for argument in paths:
        fs.remove(remote_path(argument), recursive=recursive)


@click.command("mkdir")
@click.argument("paths", nargs=-1, required=True)
@click.option("-p", "--parents", is_flag=True, help="Make parent folders too; no error if "
                                                     "the folder exists.")
@board_command(short_port=False)
def mkdir_command(settings, paths, parents):
    """Make board folders."""
    fs = board_fs(settings)
    for argument in paths:
        fs.mkdir(remote_path(argument), parents=parents)


@click.command("rmdir")
@click.argument("paths", nargs=-1, required=True)
@board_command
def rmdir_command(settings, paths):
    """Remove empty board folders."""
    fs = board_fs(settings)
    for argument in paths:
        fs.rmdir(remote_path(argument))


@click.command("mv")
@click.argument("source")
@click.argument("target")
@board_command
def mv_command(settings, source, target):
    """Rename or move a board file or folder."""
    fs = board_fs(settings)
    destination = remote_path(target)
    if target.endswith("/") or fs.is_dir(destination):
        from mpt.fs.paths import basename, join
        destination = join(destination, basename(remote_path(source)))
    fs.rename(remote_path(source), destination)


@click.command("touch")
@click.argument("paths", nargs=-1, required=True)
@board_command
def touch_command(settings, paths):
    """Create empty board files (existing ones are left as they are)."""
    fs = board_fs(settings)
    for argument in paths:
        fs.touch(remote_path(argument))


@click.command("tree")
@click.argument("path", default=":")
@board_command
def tree_command(settings, path):
    """Show a board folder and everything below it."""
    fs = board_fs(settings)
    kind, entries = fs.walk(remote_path(path))
    if kind is None:
        raise missing_on_board(path)
    click.echo(path)
    children: dict[str, list] = {}
    for entry in entries:
        head = entry.name.rsplit("/", 1)[0] if "/" in entry.name else ""
        children.setdefault(head, []).append(entry)

    def show(folder: str, indent: str) -> None:
        items = sorted(children.get(folder, []), key=lambda e: e.name)
        for index, entry in enumerate(items):
            last = index == len(items) - 1
            name = entry.name.rsplit("/", 1)[-1]
            size = "" if entry.is_dir else f" ({entry.size})"
            click.echo(f"{indent}{'└── ' if last else '├── '}{name}{'/' if entry.is_dir else ''}{size}")
            if entry.is_dir:
                show(entry.name, indent + ("    " if last else "│   "))

    if kind == "dir":
        show("", "")


@click.command("sha256sum")
@click.argument("paths", nargs=-1, required=True)
@board_command
def sha256sum_command(settings, paths):
    """SHA-256 of board files, computed on the board."""
    import hashlib
    fs = board_fs(settings)
    for argument in paths:
        digest = fs.sha256(remote_path(argument))
        if digest is None:  # firmware without hashlib: hash a downloaded copy
            digest = hashlib.sha256(fs.read_file(remote_path(argument))).hexdigest()
        click.echo(f"{digest}  {argument}")


@click.command("df")
@click.argument("path", default=":/")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@board_command
def df_command(settings, path, as_json):
    """Size and free space of the board's file system."""
    usage = board_fs(settings).df(remote_path(path) or "/")
    if as_json:
        click.echo(json.dumps(usage))
        return
    click.echo(f"{'size':>10} {'used':>10} {'free':>10} mounted on")
    click.echo(f"{usage['size']:>10} {usage['used']:>10} {usage['free']:>10} {usage['path']}")
