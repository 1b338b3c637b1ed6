"""Command-line options shared by the commands that build an emulated board."""

from __future__ import annotations

from typing import Callable

import click


def trace_options(command: Callable) -> Callable:
    """--trace and --vcd FILE (passed on as ``trace`` and ``vcd``)."""
    command = click.option(
        "--vcd", "vcd", default=None, metavar="FILE", type=click.Path(dir_okay=False),
        help="Write a Value Change Dump of pins and PWM outputs to FILE.")(command)
    command = click.option(
        "--trace", is_flag=True,
        help="Print each pin/PWM/I2C/SPI/UART event with its time on stderr.")(command)
    return command
