"""`mpt run SCRIPT.py|FILE.mpy [ARGS]...`: run a program on the emulated board's VM."""

from __future__ import annotations

import sys

import click


@click.command("run", context_settings={"ignore_unknown_options": True})
@click.argument("script", type=click.Path(dir_okay=False))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def run_command(script: str, args: tuple[str, ...]) -> None:
    """Run SCRIPT (.py source or .mpy) with MicroPython semantics; exit with its status."""
    from mpt.runtime.interpreter import Interpreter

    out = sys.stdout
    interp = Interpreter(stdout=out.write, stderr=sys.stderr.write)
    try:
        status = interp.run_file(script, argv=[script, *args])
    finally:
        out.flush()
    sys.exit(status)
