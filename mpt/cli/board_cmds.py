"""Commands that run code on a board and manage it: exec, eval, run -p, reset, bootloader, info, devs.

Exit codes: 0 success, 1 the code run on the board raised, n its sys.exit(n), 2 usage,
3 connection, 4 device error (see the README).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from mpt.cli.board_session import board_command, connect, connection_settings, write_stdout
from mpt.hostfiles import MPY, SOURCE, read_input
from mpt.errors import EXIT_FAILURE, RemoteException, UsageError
from mpt.transport.program import exit_guard, exit_status, run_program


# -- running code -----------------------------------------------------------------------------

@click.command("exec")
@click.argument("code", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False),
              help="Run this host file on the board instead of CODE.")
@click.option("--timeout", type=float, default=None,
              help="Give up if the board prints nothing for this many seconds.")
@click.option("--no-follow", is_flag=True,
              help="Start the code and return at once, leaving it running on the board.")
@board_command
def exec_command(settings, code, file, timeout, no_follow):
    """Run Python CODE (or a host file) on the board, streaming its output."""
    if (code is None) == (file is None):
        raise UsageError("give CODE (- reads it from stdin) or --file FILE")
    if file or code == "-":
        source = read_input(file or "-", SOURCE)
    else:
        source = code.encode()
    transport = connect(settings)
    if no_follow:
        transport.start(source)
        return
    status = _run_reporting(lambda: run_program(transport, source, on_output=write_stdout,
                                                timeout=timeout))
    if status:
        raise click.exceptions.Exit(status)


def _run_reporting(run) -> int:
    """Run guest code; its traceback goes to stderr and gives status 1 (guest exception)."""
    try:
        return run()
    except RemoteException as exc:
        sys.stdout.flush()
        click.echo(exc.traceback_text.replace("\r\n", "\n"), err=True, nl=False)
        return EXIT_FAILURE


def run_on_port(port: str | None, script: str, args, settings: dict | None = None) -> int:
    """`mpt run -p PORT SCRIPT`: run a host .py or .mpy file on a board; return an exit status.

    A .mpy file is copied to the board as a temporary module and imported. The board's
    sys.argv is set to [SCRIPT, *ARGS] first. `settings`: an open connection's (the board
    a `mpt mount` of the same chain mounted on).
    """
    if settings is None:
        settings = connection_settings(click.get_current_context(), port, 115200, None, None,
                                       None)
    transport = connect(settings)
    path = Path(script)
    data = read_input(script, MPY if path.suffix == ".mpy" else SOURCE)
    argv = [script, *args]
    transport.exec(f"import sys\ntry:\n    sys.argv[:] = {argv!r}\nexcept Exception:\n    pass")
    module = None
    if path.suffix == ".mpy":
        from mpt.fs.remote import BoardFS
        module = "_mpt_run"
        BoardFS(transport).write_file(f"/{module}.mpy", data)
        # found through sys.path even when the board's current folder is elsewhere (mount)
        code = exit_guard(f"import sys\nsys.path.append('/')\ntry:\n    import {module}\n"
                          f"finally:\n    sys.modules.pop({module!r}, None)\n"
                          f"    if sys.path[-1:] == ['/']:\n        sys.path.pop()")

        def run():
            transport.run_streaming(code, on_output=write_stdout)
            return exit_status(transport)
    else:
        def run():
            return run_program(transport, data, on_output=write_stdout)
    try:
        return _run_reporting(run)
    finally:
        if module is not None:
            try:
                transport.exec(f"import os\nos.remove('/{module}.mpy')")
            except RemoteException:
                pass


@click.command("eval")
@click.argument("expression")
@click.option("--json", "as_json", is_flag=True, help="Print the value as JSON.")
@board_command
def eval_command(settings, expression, as_json):
    """Evaluate EXPRESSION on the board and print its value."""
    transport = connect(settings)
    if as_json:
        def run():
            click.echo(json.dumps(transport.eval(expression), default=repr))
            return 0
    else:
        def run():
            return run_program(transport, f"print(repr({expression}))".encode(),
                               on_output=write_stdout)
    status = _run_reporting(run)
    if status:
        raise click.exceptions.Exit(status)


# -- resets -----------------------------------------------------------------------------------

@click.command("reset")
@click.option("--soft", is_flag=True, help="Soft reset (restart the interpreter; boot.py and "
                                          "main.py run) instead of a hard reset.")
@board_command
def reset_command(settings, soft):
    """Reset the board."""
    transport = connect(settings)
    if soft:
        transport.enter_raw_repl()
        transport.leave_raw_repl()
        transport.write(b"\x04")
        # see the reset start (boot.py and main.py then run on their own), so that what
        # watches the line (a mount to restore) knows of it before the next command
        transport.link.read_until(b"soft reboot\r\n", 10.0, what="to the soft reset")
    else:
        transport.hard_reset()


@click.command("bootloader")
@board_command
def bootloader_command(settings):
    """Restart the board into its bootloader (for flashing)."""
    from mpt.cli.board_session import forget
    transport = connect(settings)
    forget(transport)
    transport.enter_bootloader()


# -- information ------------------------------------------------------------------------------

INFO_CODE = """\
import sys, os, gc
i = {'platform': sys.platform, 'version': '.'.join(str(v) for v in sys.implementation[1][:3])}
try:
    u = os.uname()
    i['machine'] = u[4]
    i['release'] = u[2]
except Exception:
    pass
gc.collect()
try:
    i['mem_free'] = gc.mem_free()
    i['mem_alloc'] = gc.mem_alloc()
except Exception:
    pass
try:
    s = os.statvfs('/')
    i['fs_size'] = s[0] * s[2]
    i['fs_free'] = s[0] * s[4]
except Exception:
    pass
try:
    import machine
    i['freq'] = machine.freq() if not isinstance(machine.freq(), tuple) else machine.freq()[0]
    i['unique_id'] = ''.join('%02x' % b for b in machine.unique_id())
except Exception:
    pass
print(repr(i))
"""


@click.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@board_command
def info_command(settings, as_json):
    """What the board is: firmware, machine, memory, file system."""
    import ast

    from mpt.fs.answers import unexpected_answer
    transport = connect(settings)
    text = transport.exec(INFO_CODE).decode("utf-8", "replace").strip()
    try:
        info = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        info = None
    if not isinstance(info, dict):
        raise unexpected_answer(text)
    info = {"port": transport.name, **info}
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    for key, value in info.items():
        click.echo(f"{key:10} {value}")


@click.command("devs")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def devs_command(as_json):
    """List serial ports; recognised MicroPython boards are marked."""
    from mpt.transport.ports import list_ports
    ports = list_ports()
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in ports], indent=2))
        return
    if not ports:
        click.echo("no serial ports found (the emulated board is always available: -p emu)")
    for port in ports:
        mark = "*" if port.board else " "
        click.echo(f"{mark} {port.device:20} {port.usb_id:9} {port.serial_number or '-':20} "
                   f"{port.board or port.description}")
