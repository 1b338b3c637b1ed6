"""pyserial URL handlers of mpt: `emu://` opens the emulated board like any serial port."""

import serial

PACKAGE = __name__


def register() -> None:
    """Make `serial.serial_for_url` know our URL schemes (idempotent)."""
    if PACKAGE not in serial.protocol_handler_packages:
        serial.protocol_handler_packages.append(PACKAGE)
