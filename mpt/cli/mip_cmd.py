"""`mpt mip install PKG[@VERSION]...`: install packages onto the board, as mpremote's mip does.

Exit codes: 0 installed, 1 a package cannot be installed (bad description, hash mismatch,
.mpy for another MicroPython), 2 package/version/file not found, 3 the package server or the
board cannot be reached, 4 the board refused a write (see the README).
"""

from __future__ import annotations

import click

from mpt.cli.board_session import board_command, board_fs


@click.group("mip")
def mip_group():
    """Install packages from micropython-lib (or another index, GitHub, GitLab, a URL, a path)."""


@mip_group.command("install")
@click.argument("packages", nargs=-1, required=True, metavar="PKG[@VERSION]...")
@click.option("--target", default=None, metavar="DIR",
              help="Board folder to install into (default: the board's sys.path lib folder).")
@click.option("--index", default=None, metavar="URL",
              help="Package index (default: $MPT_MIP_INDEX, else micropython.org/pi/v2).")
@click.option("--mpy/--no-mpy", default=True, show_default=True,
              help="Take .mpy builds for the board's .mpy version (--no-mpy: .py sources).")
@click.option("-q", "--quiet", is_flag=True, help="Do not report each file.")
@board_command
def install_command(settings, packages, target, index, mpy, quiet):
    """Install PKG (a micropython-lib name, github:ORG/REPO[/PATH], gitlab:..., codeberg:...,
    an http(s) URL of a package.json, package folder or .py/.mpy file, or a local path),
    with its dependencies. PKG@VERSION picks a version (for github: and the like, a branch
    or tag)."""
    import os

    from mpt.fs.mip import DEFAULT_INDEX, Installer, default_target

    fs = board_fs(settings)
    index = index or os.environ.get("MPT_MIP_INDEX") or DEFAULT_INDEX

    def report(event: str, text: str) -> None:
        if not quiet:
            label = {"install": "installing", "file": "  wrote", "exists": "  exists",
                     "dep": "  needs"}[event]
            click.echo(f"{label} {text}", err=True)

    target = target if target is not None else default_target(fs)
    installer = Installer(fs, index=index, target=target, mpy=mpy, on_event=report)
    for spec in packages:
        name, _, version = spec.partition("@")
        if not name:
            from mpt.errors import UsageError
            raise UsageError(f"{spec!r}: expected PKG or PKG@VERSION")
        installer.install(name, version or None)
    if not quiet:
        click.echo(f"installed {len(installer.written)} file(s)", err=True)
