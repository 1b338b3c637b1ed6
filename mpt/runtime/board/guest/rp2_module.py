"""The guest's `rp2` module on the Pico profiles.

Emulated: ``bootsel_button()`` (the BOOTSEL input a board file can drive: ``pin = "BOOTSEL"``,
level 1 = pressed) and, on the Pico W, the deprecated ``country()``. The programmable I/O
(PIO, StateMachine, ``asm_pio``), DMA and the raw Flash block device are not emulated:
the names exist so programs import and define their PIO programs, and using one of them
raises ``OSError(ENODEV)`` with a message saying so (as the firmware raises OSError when
hardware is unavailable), rather than behaving like hardware that does nothing.
"""

from __future__ import annotations

from mpt.runtime.board.guest.hardware import guest_classes, hardware_for
from mpt.runtime.vm.builtins_table import OSError as GuestOSError
from mpt.runtime.board.guest.network import make_country

ENODEV = 19
BOOTSEL_LINE = "BOOTSEL"


def _not_emulated(what: str):
    return GuestOSError(ENODEV, f"{what} is not emulated by mpt")


def make_module(ctx):
    hw = hardware_for(ctx)
    board = hw.board
    bootsel = board.gpio.line(board.profile.virtual_inputs[BOOTSEL_LINE])

    def bootsel_button():
        hw.touch()
        return bootsel.level()

    attrs = {
        "bootsel_button": bootsel_button,
        "PIO": _unavailable("PIO", PIO), "StateMachine": _unavailable("StateMachine"),
        "DMA": _unavailable("DMA"), "DMATimer": _unavailable("DMATimer"),
        "Flash": _unavailable("Flash"),
        "PIOASMError": type("PIOASMError", (PIOASMError,), {}), "asm_pio": asm_pio,
        "asm_pio_encode": asm_pio_encode,
    }
    if board.profile.has_wifi:
        attrs["country"] = make_country(board)
    return guest_classes(attrs)


class Unavailable:
    """A class of the rp2 module whose hardware is not emulated: creating one fails."""

    _name = "Unavailable"

    def __init__(self, *args, **kwargs):
        raise _not_emulated("rp2." + self._name)


def _unavailable(name: str, base: type = Unavailable) -> type:
    """A fresh class per interpreter, named as the firmware names it."""
    return type(name, (base,), {"_name": name})


class PIO(Unavailable):
    IN_LOW, IN_HIGH, OUT_LOW, OUT_HIGH = 0, 1, 2, 3
    SHIFT_LEFT, SHIFT_RIGHT = 0, 1
    JOIN_NONE, JOIN_TX, JOIN_RX = 0, 1, 2
    IRQ_SM0, IRQ_SM1, IRQ_SM2, IRQ_SM3 = 0x100, 0x200, 0x400, 0x800


class PIOASMError(Exception):
    pass


def asm_pio(**settings):
    # a program is only assembled when a StateMachine loads it, which is not emulated
    def decorator(program):
        return program
    return decorator


def asm_pio_encode(instr, sideset_count, sideset_opt=False):
    raise _not_emulated("rp2.asm_pio_encode")
