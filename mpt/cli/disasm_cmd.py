"""`mpt disasm FILE.mpy`: print a readable dump of a .mpy file."""

from __future__ import annotations

import click


@click.command("disasm")
@click.argument("mpy_file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-x", "--bytes", "show_bytes", is_flag=True,
              help="Show each instruction's encoded bytes in hex.")
def disasm_command(mpy_file: str, show_bytes: bool) -> None:
    """Disassemble a .mpy (v6) file: header, qstr and object tables, and every function's
    prelude, line table and bytecode; native machine code as a hex dump and an instruction
    listing."""
    from mpt.mpy.disasm import disassemble_mpy
    from mpt.hostfiles import MPY, read_input

    data = read_input(mpy_file, MPY)
    click.echo(disassemble_mpy(data, show_bytes=show_bytes), nl=False)
