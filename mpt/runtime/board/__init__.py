"""The emulated board: profiles, flash folder, pins and peripherals, port modules, device REPL
and the run/emulate session.

It exists to keep everything about one piece of (virtual) hardware apart from the VM and the
guest library, which know nothing of it: importing this package registers the board's guest
modules (machine, time, network, the port modules in ``guest/``) with the VM, after the
library's.
"""

import mpt.runtime.library  # noqa: F401 - the library's modules are registered first
from mpt.runtime.vm.native import register_clock_source as _register_clock_source
from mpt.runtime.vm.native import register_lazy as _register_lazy
from mpt.runtime.vm.native import register_module_filter as _register_module_filter


def register_guest_modules() -> None:
    """Make machine, time, network and the port modules importable by guests.

    machine and time are "extensible" built-ins in MicroPython, so `umachine` and `utime`
    reach them too; network is not, so there is no `unetwork`.
    """
    for name, target in (("machine", "machine"), ("umachine", "machine"), ("time", "time"),
                         ("utime", "time"), ("network", "network")):
        _register_lazy(name, f"mpt.runtime.board.guest.{target}:make_module")
    # each port's own module; importing another port's fails as on that board (the filter)
    for name in ("rp2", "esp32", "pyb", "neopixel", "dht"):
        _register_lazy(name, f"mpt.runtime.board.guest.{name}_module:make_module")
    # the boards with a radio: sockets over the host's (mpt.runtime.board.hostnet)
    for name in ("socket", "ssl", "tls"):
        _register_lazy(name, f"mpt.runtime.board.guest.{name}_module:make_module")
    for name in ("onewire", "ds18x20"):
        _register_lazy(name, f"mpt.runtime.board.guest.onewire_module:make_{name}_module")

    _register_clock_source(_guest_clock)
    _register_module_filter(_board_has_module)


def _board_has_module(ctx, name: str) -> bool:
    """A board-level module (rp2, esp32, pyb, network...) exists only on the boards whose
    firmware has it, and without a board on none; the library's modules exist everywhere."""
    # lazy: the profiles (and the port classes under them) load only when a guest imports
    from mpt.runtime.board.profiles import BOARD_LEVEL_MODULES
    if name not in BOARD_LEVEL_MODULES:
        return True
    profile = getattr(ctx.board, "profile", None)
    return profile is not None and name in profile.modules


def _guest_clock(ctx):
    """With a board, guest code waits on the board's clock with its hardware attached (pin
    and timer callbacks run while it waits); without one, on the interpreter's clock."""
    if ctx.board is None:
        return None
    # lazy: the guest hardware (and the board model under it) loads only when a board runs
    from mpt.runtime.board.guest.hardware import hardware_for
    return hardware_for(ctx).clock


register_guest_modules()
