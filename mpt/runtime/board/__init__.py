"""The emulated board: profiles, clock, flash folder, pins and peripherals, trace output.

Everything here is plain host-side Python; the guest modules (machine, time, os, network)
in ``mpt/runtime/board/guest`` and ``mpt/runtime/library`` expose it to code running in the VM.
"""

from mpt.runtime.vm.native import register_lazy as _register_lazy


def register_guest_modules() -> None:
    """Make machine, time, os, network and the port modules importable by guests.

    machine, time and os are "extensible" built-ins in MicroPython, so `umachine`, `utime`
    and `uos` reach them too; network is not, so there is no `unetwork`.
    """
    for name, target in (("machine", "board.guest.machine"), ("umachine", "board.guest.machine"),
                         ("time", "board.guest.time"), ("utime", "board.guest.time"),
                         ("os", "library.os"), ("uos", "library.os"),
                         ("network", "board.guest.network")):
        _register_lazy(name, f"mpt.runtime.{target}:make_module")
    # each port's own module; importing another port's fails as on that board
    for name in ("rp2", "esp32", "pyb", "neopixel", "dht"):
        _register_lazy(name, f"mpt.runtime.board.guest.{name}_module:make_module")
    for name in ("onewire", "ds18x20"):
        _register_lazy(name, f"mpt.runtime.board.guest.onewire_module:make_{name}_module")


register_guest_modules()
