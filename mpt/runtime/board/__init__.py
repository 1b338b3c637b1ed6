"""The emulated board: profiles, flash folder, pins and peripherals, port modules, device REPL
and the run/emulate session.

It exists to keep everything about one piece of (virtual) hardware apart from the VM and the
guest library, which know nothing of it: importing this package registers the board's guest
modules (machine, time, network, the port modules in ``guest/``) with the VM, after the
library's.
"""

import mpt.runtime.library  # noqa: F401 - the library's modules are registered first
from mpt.runtime.vm.native import register_lazy as _register_lazy


def register_guest_modules() -> None:
    """Make machine, time, network and the port modules importable by guests.

    machine and time are "extensible" built-ins in MicroPython, so `umachine` and `utime`
    reach them too; network is not, so there is no `unetwork`.
    """
    for name, target in (("machine", "machine"), ("umachine", "machine"), ("time", "time"),
                         ("utime", "time"), ("network", "network")):
        _register_lazy(name, f"mpt.runtime.board.guest.{target}:make_module")
    # each port's own module; importing another port's fails as on that board
    for name in ("rp2", "esp32", "pyb", "neopixel", "dht"):
        _register_lazy(name, f"mpt.runtime.board.guest.{name}_module:make_module")
    for name in ("onewire", "ds18x20"):
        _register_lazy(name, f"mpt.runtime.board.guest.onewire_module:make_{name}_module")


register_guest_modules()
