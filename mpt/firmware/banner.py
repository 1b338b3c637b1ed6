"""Find which firmware an image holds from the texts compiled into it.

MicroPython's REPL banner is `MICROPY_BANNER_NAME_AND_VERSION` ("MicroPython <tag> on <date>") then
"; " + `MICROPY_BANNER_MACHINE` ("<board> with <mcu>"): two separate C strings in the binary, so
they are searched for separately and joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from mpt.firmware.chips import BOARD_TARGETS

_VERSION = rb"v?\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.+_-]*)?"
_DATE = rb"\d{4}-\d{2}-\d{2}"
_PRINTABLE = rb"[\x20-\x7e]"

MICROPYTHON_BANNER = re.compile(
    rb"MicroPython (?:\(with v2\.0 preview\) )?(" + _VERSION + rb") on (" + _DATE + rb")"
    rb"(?:; (" + _PRINTABLE + rb"{1,80}?) with (" + _PRINTABLE + rb"{1,40}?)[\r\n\x00])?")
MACHINE_TEXT = re.compile(rb"(?:^|\x00); (" + _PRINTABLE + rb"{1,80}?) with (" + _PRINTABLE + rb"{1,40}?)\x00")
CIRCUITPYTHON_BANNER = re.compile(
    rb"Adafruit CircuitPython (" + _VERSION + rb") on (" + _DATE + rb")(?:; (" + _PRINTABLE +
    rb"{1,80}?) with (" + _PRINTABLE + rb"{1,40}?)[\r\n\x00])?")
# sys.implementation._machine: "<board> with <mcu>" as a string of its own
MACHINE_ALONE = re.compile(rb"\x00([\x21-\x7e][\x20-\x7e]{0,60}?) with ([\x21-\x7e][\x20-\x7e]{0,30}?)\x00")
BUILD_NAME = re.compile(rb"(?<=\x00)([A-Z][A-Z0-9_]{2,40}(?:-[A-Z0-9_]{1,20})?)(?=\x00)")
LONE_VERSION = re.compile(rb"\x00(v\d+\.\d+\.\d+(?:-[0-9A-Za-z._-]+)?)\x00")
LONE_DATE = re.compile(rb"\x00(" + _DATE + rb")\x00")


@dataclass(frozen=True)
class FirmwareIdentity:
    name: str                  # "MicroPython", "CircuitPython" or "unknown"
    version: str | None = None
    build_date: str | None = None
    board: str | None = None
    mcu: str | None = None
    board_id: str | None = None    # the build name (sys.implementation._build), e.g. ESP32_GENERIC-SPIRAM

    @property
    def is_micropython(self) -> bool:
        return self.name == "MicroPython"

    @property
    def banner(self) -> str | None:
        if self.version is None:
            return None
        text = f"{self.name} {self.version}"
        if self.build_date:
            text += f" on {self.build_date}"
        if self.board:
            text += f"; {self.board} with {self.mcu}"
        return text

    def as_dict(self) -> dict:
        return {"firmware": self.name, "version": self.version, "build_date": self.build_date,
                "board": self.board, "mcu": self.mcu, "board_id": self.board_id, "banner": self.banner}


def identify(content: bytes) -> FirmwareIdentity:
    identity = _identify(content)
    if identity.is_micropython:
        from dataclasses import replace
        identity = replace(identity, board_id=find_board_id(content))
    return identity


def find_board_id(content: bytes) -> str | None:
    """MicroPython 1.22+ stores its build name as a string of its own; look for known board ids."""

    for match in BUILD_NAME.finditer(content):
        name = match.group(1).decode("ascii")
        if name.split("-")[0] in BOARD_TARGETS:
            return name
    return None


def _identify(content: bytes) -> FirmwareIdentity:
    circuit = CIRCUITPYTHON_BANNER.search(content)
    if circuit:
        board, mcu = (_text(circuit.group(3)), _text(circuit.group(4))) if circuit.group(3) else _machine(content)
        return FirmwareIdentity("CircuitPython", _text(circuit.group(1)), _text(circuit.group(2)), board, mcu)
    banners = list(MICROPYTHON_BANNER.finditer(content))
    if banners:
        banner = next((b for b in banners if b.group(3)), banners[0])
        if banner.group(3):
            board, mcu = _text(banner.group(3)), _text(banner.group(4))
        else:
            board, mcu = _machine(content)
        return FirmwareIdentity("MicroPython", _text(banner.group(1)), _text(banner.group(2)), board, mcu)
    if b"MicroPython" in content:
        # banner pieces stored apart (the tag and date as their own strings)
        version = LONE_VERSION.search(content)
        date = LONE_DATE.search(content)
        board, mcu = _machine(content)
        if version or board:
            return FirmwareIdentity("MicroPython", _text(version.group(1)) if version else None,
                                    _text(date.group(1)) if date else None, board, mcu)
    return FirmwareIdentity("unknown")


def _machine(content: bytes) -> tuple[str | None, str | None]:
    match = MACHINE_TEXT.search(content) or MACHINE_ALONE.search(content)
    if not match:
        return None, None
    return _text(match.group(1)), _text(match.group(2))


def _text(raw: bytes) -> str:
    return raw.decode("ascii", "replace")
