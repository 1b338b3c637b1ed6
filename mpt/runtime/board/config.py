"""Board files: TOML declaring the virtual world around the board.

    board = "rp2"                       # optional: the profile this file is written for

    [[pin]]                             # an input driven by a schedule
    pin = "GP14"
    initial = 1
    events = [[0.5, 0], [0.55, 1]]      # [seconds since boot, level]
    repeat = 2.0                        # optional: replay the schedule every 2 s

    [[adc]]
    pin = "GP26"                        # or `channel = 4` for an internal channel
    value = 30000                       # one of: value / expr / csv  (16-bit readings)
    # expr = "32768 + 20000 * sin(2 * pi * t)"
    # csv = "data/light.csv"  with interpolation = "step" | "linear", loop = true
    # scale = 65535 / 3.3               # optional factor applied to the source (e.g. volts)

    [[i2c]]
    address = 0x48
    bus = 0                             # optional: without it the device is on every bus
    addr_size = 8                       # bits of the register address the master sends
    reg_bytes = 1                       # width of one register (2 for 16-bit registers)
    order = "big"                       # byte order of multi-byte register values
    registers = { "0x01" = 0x60, "0x02" = [0x4B, 0x00] }   # a list fills consecutive registers
    computed = { "0x00" = { expr = "(22.5 + t / 60) * 256", bytes = 2 } }  # bytes: reg_bytes
    # or: handler = "sensors.py:Thermometer", options = { ... }  (a host class with
    #     write(data: bytes) and read(nbytes: int) -> bytes; attach_clock(now_s) if present)

    [[uart]]
    id = 1
    rx = "hello\\n"                     # bytes waiting to be read
    rx_file = "gps.nmea"                # more bytes waiting, from a host file
    rx_events = [[1.5, "OK\\r\\n"]]       # bytes arriving at a time (seconds since boot)
    loopback = false
    output = "stderr"                   # copy what the program sends to mpt's stdout/stderr

    [[spi]]
    id = 1
    loopback = true

    [[dht]]                             # a DHT11/DHT22 sensor (machine.dht_readinto, dht)
    pin = "GP15"
    model = "DHT22"
    temperature = { value = 21.5 }      # each one of value / expr / csv, as for [[adc]]
    humidity = { expr = "45 + 5 * sin(t / 60)" }

    [[onewire]]                         # a 1-Wire bus with DS18x20 sensors (onewire, ds18x20)
    pin = "GP22"
    devices = [{ rom = "28ff641e8216c3a5", temperature = { value = 21.5 } }]

    [[wifi]]                            # access points the WLAN can see (network module)
    ssid = "HomeNetwork"
    password = "secret"                 # a wrong key gives STAT_WRONG_PASSWORD
    rssi = -50
    channel = 6

Relative paths are relative to the board file. The host code named by `handler` is trusted
configuration (it runs on the host, like the board file itself).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from mpt.errors import InputFileError, UsageError
from mpt.runtime.board.board import Board
from mpt.runtime.board.dht import DhtSensor
from mpt.runtime.board.onewire import OneWireBus, TemperatureSensor, crc8
from mpt.runtime.board.i2c import RegisterDevice
from mpt.runtime.board.signals import Recording, TimeExpression, constant

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def load_board_file(path: str | Path) -> dict:
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise InputFileError(f"cannot read board file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(f"{path}: {exc}") from None
    data["_base"] = path.resolve().parent
    return data


def board_name_in(config: dict) -> str | None:
    return config.get("board")


def apply_board_file(board: Board, config: dict) -> None:
    """Attach the virtual peripherals a loaded board file declares."""
    base: Path = config.get("_base", Path.cwd())
    known = {"board", "pin", "adc", "i2c", "uart", "spi", "wifi", "dht", "onewire", "_base"}
    unknown = set(config) - known
    if unknown:
        raise UsageError(f"unknown board file section(s): {', '.join(sorted(unknown))}")
    for entry in config.get("pin", []):
        _apply_pin(board, entry)
    for entry in config.get("adc", []):
        _apply_adc(board, entry, base)
    for entry in config.get("i2c", []):
        _apply_i2c(board, entry, base)
    for entry in config.get("uart", []):
        _apply_uart(board, entry, base)
    for entry in config.get("wifi", []):
        if "ssid" not in entry:
            raise UsageError("board file: a [[wifi]] entry needs an ssid")
        board.wifi_networks.append(dict(entry))
    for entry in config.get("spi", []):
        bus = board.spi_bus(_bus_name("SPI", entry.get("id", 0)))
        bus.loopback = bool(entry.get("loopback", False))
    for entry in config.get("dht", []):
        _apply_dht(board, entry, base)
    for entry in config.get("onewire", []):
        _apply_onewire(board, entry, base)


def _bus_name(kind: str, bus_id) -> str:
    return f"{kind}{bus_id}"


def _resolve(board: Board, spec) -> int:
    if spec in board.profile.virtual_inputs:
        return board.profile.virtual_inputs[spec]
    try:
        return board.resolve_pin(spec)
    except (ValueError, TypeError) as exc:
        raise UsageError(f"board file: pin {spec!r}: {exc}") from None


def _apply_pin(board: Board, entry: dict) -> None:
    line = board.gpio.line(_resolve(board, entry["pin"]))
    if "initial" in entry:
        line.drive(int(entry["initial"]))
    events = [(float(t), int(level)) for t, level in entry.get("events", [])]
    repeat = entry.get("repeat")
    clock = board.clock

    def schedule(offset_ns: int) -> None:
        for seconds, level in events:
            clock.call_at(offset_ns + int(seconds * 1e9), lambda level=level: line.drive(level))
        if repeat:
            period_ns = int(float(repeat) * 1e9)
            clock.call_at(offset_ns + period_ns, lambda: schedule(offset_ns + period_ns))

    schedule(0)


def _as_bytes(value) -> bytes:
    return value.encode() if isinstance(value, str) else bytes(value)


def _apply_uart(board: Board, entry: dict, base: Path) -> None:
    port = board.uart(_bus_name("UART", entry.get("id", 0)))
    port.loopback = bool(entry.get("loopback", False))
    output = entry.get("output")
    if output not in (None, "stdout", "stderr"):
        raise UsageError("board file: a UART's output must be 'stdout' or 'stderr'")
    port.host_output = output
    port.feed(_as_bytes(entry.get("rx", "")))
    if "rx_file" in entry:
        path = base / entry["rx_file"]
        try:
            port.feed(path.read_bytes())
        except OSError as exc:
            raise InputFileError(f"board file: cannot read {path}: {exc.strerror}") from None
    for seconds, data in entry.get("rx_events", []):
        board.clock.call_at(int(float(seconds) * 1e9),
                            lambda data=_as_bytes(data): port.feed(data))


def _source(entry: dict, base: Path, what: str):
    kinds = [k for k in ("value", "expr", "csv") if k in entry]
    if len(kinds) != 1:
        raise UsageError(f"board file: {what} needs exactly one of value, expr, csv")
    if "value" in entry:
        source = constant(float(entry["value"]))
    elif "expr" in entry:
        source = TimeExpression(str(entry["expr"]))
    else:
        source = Recording.from_csv(base / entry["csv"],
                                    interpolation=entry.get("interpolation", "step"),
                                    loop=bool(entry.get("loop", False)))
    scale = float(entry.get("scale", 1.0))
    if scale != 1.0:
        return lambda t: source(t) * scale
    return source


def _apply_adc(board: Board, entry: dict, base: Path) -> None:
    if "channel" in entry:
        key = ("channel", int(entry["channel"]))
    else:
        key = _resolve(board, entry["pin"])
    board.adc.sources[key] = _source(entry, base, "adc")


def _apply_dht(board: Board, entry: dict, base: Path) -> None:
    readings = {}
    for quantity in ("temperature", "humidity"):
        spec = entry.get(quantity)
        if not isinstance(spec, dict):
            raise UsageError(f"board file: a [[dht]] entry needs {quantity} = {{ value = ... }}"
                             f" (or expr/csv)")
        readings[quantity] = _source(spec, base, f"dht {quantity}")
    gpio = _resolve(board, entry["pin"])
    board.dht[gpio] = DhtSensor(str(entry.get("model", "DHT22")), **readings)


def _apply_onewire(board: Board, entry: dict, base: Path) -> None:
    gpio = _resolve(board, entry["pin"])
    bus = board.onewire.setdefault(gpio, OneWireBus(board.seconds))
    for number, device in enumerate(entry.get("devices", [])):
        spec = device.get("temperature")
        if not isinstance(spec, dict):
            raise UsageError("board file: a 1-Wire device needs temperature = { value = ... }"
                             " (or expr/csv)")
        rom = device.get("rom")
        if rom is None:  # a DS18B20 with a serial number from its position
            body = bytes([0x28, number + 1, 0, 0, 0, 0, 0])
            rom_bytes = body + bytes([crc8(body)])
        else:
            try:
                rom_bytes = bytes.fromhex(str(rom))
            except ValueError:
                raise UsageError(f"board file: bad 1-Wire ROM {rom!r}") from None
        bus.devices.append(TemperatureSensor(rom_bytes, _source(spec, base, "onewire")))


def _register_number(text) -> int:
    try:
        return int(text, 0) if isinstance(text, str) else int(text)
    except ValueError:
        raise UsageError(f"board file: bad register number {text!r}") from None


def _apply_i2c(board: Board, entry: dict, base: Path) -> None:
    address = int(entry["address"])
    if "handler" in entry:
        device = _load_handler(entry["handler"], base, entry.get("options", {}))
        if hasattr(device, "attach_clock"):
            device.attach_clock(board.seconds)
    else:
        width = int(entry.get("reg_bytes", 1))
        order = entry.get("order", "big")
        registers: dict[int, int] = {}
        for reg, value in entry.get("registers", {}).items():
            values = value if isinstance(value, list) else [value]
            offset = _register_number(reg) * width
            for item in values:
                for byte in (int(item) & ((1 << (8 * width)) - 1)).to_bytes(width, order):
                    registers[offset] = byte
                    offset += 1
        dynamic = {}
        for reg, spec in entry.get("computed", {}).items():
            dynamic[_register_number(reg) * width] = (
                _source(spec, base, "computed register"), int(spec.get("bytes", width)),
                spec.get("order", order))
        device = RegisterDevice(registers, addr_size=int(entry.get("addr_size", 8)),
                                dynamic=dynamic, now_s=board.seconds, reg_bytes=width)
    if "bus" in entry:
        board.i2c_on_bus.setdefault(_bus_name("I2C", entry["bus"]), {})[address] = device
    else:
        board.i2c_any_bus[address] = device


def _load_handler(spec: str, base: Path, options: dict):
    file_part, _, class_name = spec.rpartition(":")
    if not file_part or not class_name:
        raise UsageError(f"board file: handler must be 'file.py:ClassName', not {spec!r}")
    path = base / file_part
    module_spec = importlib.util.spec_from_file_location(f"mpt_board_handler_{path.stem}", path)
    if module_spec is None or not path.is_file():
        raise InputFileError(f"board file: cannot load handler file {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    try:
        cls = getattr(module, class_name)
    except AttributeError:
        raise UsageError(f"board file: {path} has no class {class_name}") from None
    return cls(**options)
