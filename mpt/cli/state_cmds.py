"""Board state commands as mpremote has them: rtc, soft-reset, resume, edit.

Exit codes: 0 success, 1 the editor failed (edit), 2 usage, 3 connection, 4 device error
(see the README).
"""

from __future__ import annotations

import click

from mpt.cli.board_session import board_command, board_fs, connect


def host_datetime_tuple(now) -> tuple:
    """machine.RTC().datetime()'s order: year, month, day, weekday (Monday 0), hour, minute,
    second, subseconds (microseconds, as mpremote sets them)."""
    return (now.year, now.month, now.day, now.weekday(), now.hour, now.minute, now.second,
            now.microsecond)


@click.command("rtc")
@click.option("--set", "set_clock", is_flag=True,
              help="Set the board's clock from the host's local time.")
@board_command
def rtc_command(settings, set_clock):
    """Print the board's real-time clock (machine.RTC().datetime()), or set it from the host."""
    transport = connect(settings)
    if set_clock:
        import datetime
        value = host_datetime_tuple(datetime.datetime.now())
        transport.exec(f"import machine\nmachine.RTC().datetime({value!r})")
    else:
        click.echo(transport.exec("import machine\nprint(machine.RTC().datetime())")
                   .decode().strip())


@click.command("soft-reset")
@board_command
def soft_reset_command(settings):
    """Soft-reset the board in the raw REPL: the interpreter restarts with a fresh state and
    boot.py runs, but main.py does not (mpt reset --soft runs main.py too)."""
    connect(settings).soft_reset()


@click.command("resume")
@board_command
def resume_command(settings):
    """Go on with the board's running state. mpt never soft-resets a board before a command,
    so this only makes chains written for mpremote (`resume exec ...`) work unchanged."""
    connect(settings)


@click.command("edit")
@click.argument("files", nargs=-1, required=True, metavar=":FILE...")
@board_command
def edit_command(settings, files):
    """Edit board files with $EDITOR (or $VISUAL) on a local copy; a file is written back,
    atomically, only if it was changed."""
    from mpt.cli.board_session import remote_path
    from mpt.errors import UsageError
    from mpt.fs.edit import edit, editor_command

    editor = editor_command()
    fs = board_fs(settings)
    for argument in files:
        if not argument.startswith(":"):
            raise UsageError(f"edit takes board paths: :{argument}")
        path = remote_path(argument)
        changed = edit(fs, path, editor)
        click.echo(f"{'wrote' if changed else 'unchanged'} {argument}", err=True)
