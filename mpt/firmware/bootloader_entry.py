"""Ways to put a running MicroPython board into its bootloader before flashing.

Each is a callable taking the serial port: `touch_1200` (the TinyUSB 1200-baud convention, in
flash_uf2) or `repl_bootloader` (runs `machine.bootloader()` over the raw REPL, which every port
that has a bootloader implements).
"""

from __future__ import annotations

from mpt.errors import ConnectionFailed, MptError
from mpt.firmware.flash_uf2 import touch_1200


def repl_bootloader(port: str) -> None:
    from mpt.transport.serial_transport import SerialTransport  # lazy (start-up): pyserial

    transport = SerialTransport(port)
    try:
        transport.enter_raw_repl()
        # the board resets as it runs this: there is no answer to wait for
        transport.repl.send(b"import machine\nmachine.bootloader()\n")
    except ConnectionFailed:
        raise
    except MptError as exc:
        raise ConnectionFailed(f"could not ask the board on {port} to enter its bootloader: {exc}") from None
    finally:
        try:
            transport.link.close()
        except Exception:
            pass


def entry_method(name: str):

    return {"touch": touch_1200, "repl": repl_bootloader}[name]
