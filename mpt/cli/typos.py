"""Mistyped options and commands: name them with the nearest known names."""

from __future__ import annotations


import click


class ScriptCommand(click.Command):
    """A command taking `SCRIPT [ARGS]...` that remembers whether its arguments came after
    `--` (which makes `mpt run -- -x.py` run the file `-x.py`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["mpt.after_dashes"] = args[args.index("--") + 1:] if "--" in args else []
        return super().parse_args(ctx, args)


def reject_option_as_argument(ctx: click.Context, value: str) -> None:
    """A command taking `SCRIPT [ARGS]...` with unknown options allowed gets a mistyped option
    (`--bord`) as its SCRIPT: report it as the unknown option it is, with click's suggestion.
    After `--` it is a file name, as on every command line."""
    if not value.startswith("-") or value == "-":
        return
    if ctx.meta.get("mpt.after_dashes", [None])[:1] == [value]:
        return
    name = value.split("=", 1)[0]
    known = [opt for param in ctx.command.params if isinstance(param, click.Option)
             for opt in param.opts + param.secondary_opts]
    raise click.NoSuchOption(name, possibilities=known, ctx=ctx)


class SuggestingGroup(click.Group):
    """A group that answers a mistyped command name with the names it resembles."""

    def resolve_command(self, ctx, args):
        name = args[0] if args else None
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib  # only for a mistyped command

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3, cutoff=0.6)
            if close:
                ctx.fail(f"No such command {name!r}. Did you mean {' or '.join(map(repr, close))}?")
        return super().resolve_command(ctx, args)
