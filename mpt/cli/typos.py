"""Unknown options in commands that pass unknown options through (run SCRIPT ARGS...)."""

from __future__ import annotations

import click


def reject_option_as_argument(ctx: click.Context, value: str) -> None:
    """A command taking `SCRIPT [ARGS]...` with unknown options allowed gets a mistyped option
    (`--bord`) as its SCRIPT: report it as the unknown option it is, with click's suggestion."""
    if not value.startswith("-") or value == "-":
        return
    name = value.split("=", 1)[0]
    known = [opt for param in ctx.command.params if isinstance(param, click.Option)
             for opt in param.opts + param.secondary_opts]
    raise click.NoSuchOption(name, possibilities=known, ctx=ctx)
