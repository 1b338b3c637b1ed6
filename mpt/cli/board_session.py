"""Shared options of the board commands and the connections they share within one invocation.

A connection opened by one command is kept for the next one of a chain (`mpt ls + cat x`)
and closed when mpt exits.
"""

from __future__ import annotations

import atexit
import functools
import sys
import time

import click

from mpt.errors import ConnectionFailed

TYPE_CHECKING = False  # (no typing import at start-up)
if TYPE_CHECKING:
    from mpt.transport.serial_transport import SerialTransport

_open: dict[tuple, SerialTransport] = {}


def port_options(function, short_port: bool = True):
    """-p/--port and the serial-line options every board command takes."""
    names = ("-p", "--port") if short_port else ("--port",)
    options = [
        click.option(*names, "port", default=None, metavar="PORT",
                     help="Board to talk to: a device path (/dev/ttyACM0, COM3, a0, u0), a URL "
                          "(socket://HOST:PORT, rfc2217://..., emu:// or just emu), or auto. "
                          "Default: the global -p, $MPT_PORT, the config file, then auto."),
        click.option("--baud", type=int, default=115200, show_default=True,
                     help="Baud rate of a UART connection."),
        click.option("--dtr/--no-dtr", default=None,
                     help="Set (or clear) DTR when opening; leave unset to keep the driver's "
                          "default. --no-dtr --no-rts keeps many ESP boards from resetting."),
        click.option("--rts/--no-rts", default=None, help="Set (or clear) RTS when opening."),
        click.option("--raw-paste/--no-raw-paste", default=None,
                     help="Use raw-paste if the board has it (the default: probed once) or "
                          "never (plain raw REPL, for firmware with a broken raw-paste)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def connection_settings(ctx: click.Context, port, baud, dtr, rts, raw_paste) -> dict:
    root = ctx.find_root()
    global_port = root.obj.get("port") if isinstance(root.obj, dict) else None
    if not (port or global_port) and _mounted:
        return _mounted[-1]  # `mpt mount -p X DIR + exec ...`: the board the folder is on
    return {"port": port or global_port, "baud": baud, "dtr": dtr, "rts": rts,
            "raw_paste": raw_paste}


def connect(settings: dict):
    """The open Transport for these settings, opening it on first use."""
    from mpt.transport.ports import resolve_port
    from mpt.transport.serial_transport import SerialTransport

    device = resolve_port(settings["port"])
    key = (device, settings["baud"], settings["dtr"], settings["rts"], settings["raw_paste"])
    transport = _open.get(key)
    if transport is None:
        # an emulated board runs in a child process, confined by the OS as under `mpt run`
        transport = SerialTransport(device, baudrate=settings["baud"], dtr=settings["dtr"],
                                    rts=settings["rts"], raw_paste=settings["raw_paste"],
                                    emulator_process=True)
        _open[key] = transport
    return transport


_mounted: list[dict] = []  # settings of the connections `mpt mount` mounted a folder on


def note_mounted(settings: dict) -> None:
    _mounted.append(settings)


def mounted_settings() -> dict | None:
    """The connection a `mpt mount` earlier in this chain mounted on (the last one), if any:
    `mpt run` then runs there rather than on a fresh emulated board."""
    return _mounted[-1] if _mounted else None


def forget(transport) -> None:
    for key, value in list(_open.items()):
        if value is transport:
            del _open[key]


@atexit.register
def close_all() -> None:
    try:
        while _open:
            _key, transport = _open.popitem()
            try:
                transport.close()
            except ConnectionFailed:
                pass
    except KeyboardInterrupt:  # Ctrl-C while mpt exits: the exit status is already set
        pass


def board_command(function=None, *, short_port: bool = True):
    """Give the command its connection settings as first argument, after the port options.

    `short_port=False` for commands whose own -p means something else (mkdir -p).
    """
    def decorate(function):
        @click.pass_context
        @functools.wraps(function)
        def wrapper(ctx, port, baud, dtr, rts, raw_paste, **kwargs):
            settings = connection_settings(ctx, port, baud, dtr, rts, raw_paste)
            return function(settings, **kwargs)

        return port_options(wrapper, short_port)

    return decorate(function) if function is not None else decorate


# -- helpers shared by the board commands ----------------------------------------------------

def board_fs(settings):
    from mpt.fs.remote import BoardFS
    return BoardFS(connect(settings))


def remote_path(argument: str) -> str:
    from mpt.fs.paths import strip_mark
    return strip_mark(argument)


def missing_on_board(argument: str):
    from mpt.fs.answers import missing_on_board as missing
    return missing(argument)


def write_stdout(data: bytes) -> None:
    out = sys.stdout.buffer
    out.write(data.replace(b"\r\n", b"\n"))
    out.flush()


class Progress:
    """A one-line progress display on stderr when it is a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.label = ""
        self.started = time.monotonic()

    def file(self, source: str, target: str, size: int) -> None:
        self.label = f"{source} -> {target}"
        self.started = time.monotonic()
        if not self.enabled:
            click.echo(f"cp {source} {target}", err=True)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        percent = 100 * done // total if total else 100
        rate = done / max(time.monotonic() - self.started, 1e-6) / 1024
        click.echo(f"\r{self.label} {percent:3d}% {rate:7.1f} KiB/s", err=True, nl=done >= total)
