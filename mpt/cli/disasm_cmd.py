"""`mpt disasm FILE.mpy`: print a readable dump of a .mpy file."""

from __future__ import annotations

import sys

import click


@click.command("disasm")
@click.argument("mpy_file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-x", "--bytes", "show_bytes", is_flag=True,
              help="Show each instruction's encoded bytes in hex.")
def disasm_command(mpy_file: str, show_bytes: bool) -> None:
    """Disassemble a .mpy (v6) file: header, qstr and object tables, and every function's
    prelude, line table and bytecode. Native machine code is summarised, not decoded."""
    from mpt.mpy.disasm import disassemble_mpy
    from mpt.errors import InputFileError

    try:
        if mpy_file == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(mpy_file, "rb") as f:
                data = f.read()
    except OSError as exc:
        raise InputFileError(f"cannot read {mpy_file}: {exc.strerror}") from None
    click.echo(disassemble_mpy(data, show_bytes=show_bytes), nl=False)
