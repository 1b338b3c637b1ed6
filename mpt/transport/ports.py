"""Which port to talk to: listing serial devices, recognising MicroPython boards, choosing one."""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from mpt.errors import ConnectionFailed, UsageError

# USB vendor:product ids of MicroPython boards and of the USB-serial chips they carry.
# A product id of None matches every product of that vendor.
KNOWN_BOARD_IDS: dict[tuple[int, int | None], str] = {
    (0x2E8A, 0x0005): "Raspberry Pi Pico (MicroPython)",
    (0x2E8A, None): "Raspberry Pi RP2 board",
    (0x303A, None): "Espressif (native USB)",
    (0x10C4, 0xEA60): "Silicon Labs CP210x",
    (0x1A86, 0x7523): "WCH CH340",
    (0x1A86, 0x55D4): "WCH CH9102",
    (0x0403, 0x6001): "FTDI FT232R",
    (0x0403, 0x6015): "FTDI FT231X",
    (0xF055, 0x9800): "pyboard (MicroPython)",
    (0xF055, 0x9801): "pyboard (MicroPython)",
    (0xF055, 0x9802): "MicroPython board",
    (0x239A, None): "Adafruit board",
    (0x2341, None): "Arduino board",
    (0x1209, 0xADDA): "MicroPython board (pid.codes)",
}

ENV_PORT = "MPT_PORT"

# mpremote-style shortcuts: a0 = /dev/ttyACM0, u1 = /dev/ttyUSB1, c3 = COM3
_SHORTCUT = re.compile(r"^([auc])(\d+)$")


@dataclass
class PortInfo:
    device: str
    description: str = ""
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    manufacturer: str | None = None
    product: str | None = None
    location: str | None = None
    board: str | None = None  # what we recognise it as, or None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["vid"] = f"{self.vid:04x}" if self.vid is not None else None
        data["pid"] = f"{self.pid:04x}" if self.pid is not None else None
        return data

    @property
    def usb_id(self) -> str:
        if self.vid is None:
            return ""
        return f"{self.vid:04x}:{self.pid or 0:04x}"


def recognise(vid: int | None, pid: int | None) -> str | None:
    if vid is None:
        return None
    return KNOWN_BOARD_IDS.get((vid, pid)) or KNOWN_BOARD_IDS.get((vid, None))


def list_ports() -> list[PortInfo]:
    """Every serial port the system reports, MicroPython candidates first."""
    from serial.tools import list_ports as pyserial_list_ports

    ports = []
    for entry in pyserial_list_ports.comports():
        ports.append(PortInfo(
            device=entry.device, description=entry.description or "", vid=entry.vid,
            pid=entry.pid, serial_number=entry.serial_number, manufacturer=entry.manufacturer,
            product=entry.product, location=entry.location, board=recognise(entry.vid, entry.pid)))
    ports.sort(key=lambda p: (p.board is None, p.device))
    return ports


def find_port_info(device: str) -> PortInfo | None:
    real = os.path.realpath(device)
    for info in list_ports():
        if info.device in (device, real):
            return info
    return None


def find_by_serial_number(serial_number: str) -> str | None:
    for info in list_ports():
        if info.serial_number == serial_number:
            return info.device
    return None


def choose_auto(ports: list[PortInfo]) -> str:
    """The single connected MicroPython board; refuse when there are none or several."""
    candidates = [p for p in ports if p.board is not None]
    if len(candidates) == 1:
        return candidates[0].device
    if not candidates:
        others = ", ".join(p.device for p in ports) or "none"
        raise ConnectionFailed(
            f"no MicroPython board found (serial ports present: {others}); "
            "give one with -p PORT, or use -p emu for the emulated board")
    listing = "; ".join(f"{p.device} ({p.board}, {p.usb_id}"
                        f"{', serial ' + p.serial_number if p.serial_number else ''})"
                        for p in candidates)
    raise UsageError(f"several boards are connected, choose one with -p: {listing}")


def expand_shortcut(port: str) -> str:
    """Turn user shorthand into a device path or URL pyserial understands."""
    if port in ("emu", "emu:"):
        return "emu://"
    match = _SHORTCUT.match(port)
    if match:
        kind, number = match.groups()
        if kind == "a":
            return f"/dev/ttyACM{number}"
        if kind == "u":
            return f"/dev/ttyUSB{number}"
        return f"COM{number}"
    if port.startswith("tcp:") and not port.startswith("tcp://"):
        return "socket://" + port[4:]
    return port


def configured_port(start: Path | None = None) -> str | None:
    """The port named by the project's mpt.toml / pyproject.toml or the user's config file."""
    for config in _config_files(start or Path.cwd()):
        port = _port_from_config(config)
        if port:
            return port
    return None


def _config_files(start: Path):
    directory = start.resolve()
    for folder in [directory, *directory.parents]:
        for name in ("mpt.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                yield candidate
        if (folder / ".git").exists():
            break
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    user = Path(base) / "mpt" / "config.toml"
    if user.is_file():
        yield user


def _port_from_config(path: Path) -> str | None:
    from mpt.projectconfig import port_in  # checks the file against the configuration schema
    return port_in(path)


def resolve_port(port: str | None, *, ports: list[PortInfo] | None = None) -> str:
    """The device path or URL to open: -p, else $MPT_PORT, else config, else auto."""
    chosen = port or os.environ.get(ENV_PORT) or configured_port() or "auto"
    if chosen == "auto":
        return choose_auto(list_ports() if ports is None else ports)
    return expand_shortcut(chosen)
