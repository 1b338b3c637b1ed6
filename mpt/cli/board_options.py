"""Command-line options shared by the commands that build an emulated board."""

from __future__ import annotations

import re
from typing import Callable

import click

from mpt.errors import UsageError


def trace_options(command: Callable) -> Callable:
    """--trace and --vcd FILE (passed on as ``trace`` and ``vcd``)."""
    command = click.option(
        "--vcd", "vcd", default=None, metavar="FILE", type=click.Path(dir_okay=False),
        help="Write a Value Change Dump of pins and PWM outputs to FILE.")(command)
    command = click.option(
        "--trace", is_flag=True,
        help="Print each pin/PWM/I2C/SPI/UART event with its time on stderr.")(command)
    return command


def romfs_options(command: Callable) -> Callable:
    """--romfs-size BYTES and --romfs IMAGE (passed on as ``romfs_size``, ``romfs``): emulate
    a firmware built with a ROMFS partition."""
    command = click.option(
        "--romfs", "romfs", default=None, metavar="IMAGE", type=click.Path(dir_okay=False),
        help="Emulate firmware built with a ROMFS partition holding IMAGE (from `mpt romfs "
             "build`), mounted at /rom at boot.")(command)
    command = click.option(
        "--romfs-size", "romfs_size", default=None, metavar="BYTES",
        help="Emulate firmware built with a ROMFS partition of BYTES (e.g. 128K; default "
             "with --romfs: the image's size in whole erase blocks). It holds what it held "
             "at the end of the last run (kept in FLASH.romfs beside the flash folder).")(command)
    return command


SIZE = re.compile(r"(\d+)([kKmM]?)$")


def size_in_bytes(value: str | None, option: str) -> int | None:
    """A size in bytes: a number, or one with K or M (binary units)."""
    if value is None:
        return None
    m = SIZE.match(value.strip())
    if not m:
        raise UsageError(f"{option}: not a size: {value!r} (e.g. 4096, 848K, 2M)")
    return int(m.group(1)) * {"": 1, "k": 1024, "m": 1024 * 1024}[m.group(2).lower()]
