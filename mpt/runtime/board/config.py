"""Board files: TOML declaring the virtual world around the board.

    board = "rp2"                       # optional: the profile this file is written for

    [[pin]]                             # an input driven by a schedule
    pin = "GP14"
    events = [[0.5, 0], [0.55, 1]]      # [seconds since boot, level]

    [[i2c]]
    address = 0x48
    registers = { "0x01" = 0x60, "0x02" = [0x4B, 0x00] }   # a list fills consecutive registers

Every section and key ([[pin]], [[adc]], [[i2c]], [[uart]], [[spi]], [[dht]], [[onewire]],
[[wifi]]) is described in mpt.runtime.board.schema, which checks a file before anything is
applied and generates the reference in examples/README.md. Relative paths are relative to the
board file. The host code named by `handler` is trusted configuration (it runs on the host,
like the board file itself).
"""

from __future__ import annotations

import importlib.util
import os
from functools import partial
from pathlib import Path

from mpt.errors import InputFileError, UsageError
from mpt.hostfiles import BOARD_FILE as HOST_FILE, read_input
from mpt.runtime.board.board import Board
from mpt.runtime.board.dht import DhtSensor
from mpt.runtime.board.onewire import OneWireBus, TemperatureSensor, crc8
from mpt.runtime.board.i2c import RegisterDevice
from mpt.runtime.board.schema import BOARD_FILE
from mpt.runtime.board.signals import Recording, TimeExpression, constant
from mpt.schema import read_toml, validate

_BASE = "_base"        # the board file's folder (relative paths start there)
_CHECKED = "_checked"  # set on data that passed the schema
_NAME = "_name"        # how messages name the file


def load_board_file(path: str | os.PathLike) -> dict:
    """A board file's checked contents (ConfigError naming file and key if it is wrong)."""
    path = Path(path)
    data = check_board_file(read_toml(path, "board file"), f"board file {path}")
    data[_BASE] = path.resolve().parent
    return data


def check_board_file(data: dict, name: str = "board file") -> dict:
    """`data` checked against the board file schema; `name` starts the error messages."""
    data = {key: value for key, value in data.items() if key not in (_BASE, _CHECKED, _NAME)}
    checked = validate(BOARD_FILE, data, name)
    checked[_CHECKED] = True
    checked[_NAME] = name
    return checked


def board_name_in(config: dict) -> str | None:
    return config.get("board")


def apply_board_file(board: Board, config: dict) -> None:
    """Attach the virtual peripherals a loaded board file declares."""
    base: Path = config.get(_BASE, Path.cwd())
    if not config.get(_CHECKED):
        config = check_board_file(config)
    name = config.get(_NAME, "board file")
    for kind, apply in (("pin", _apply_pin), ("adc", _apply_adc), ("i2c", _apply_i2c),
                        ("uart", _apply_uart), ("wifi", _apply_wifi), ("spi", _apply_spi),
                        ("dht", _apply_dht), ("onewire", _apply_onewire)):
        for number, entry in enumerate(config.get(kind, []), 1):
            apply(board, entry, _Where(name, f"{kind} #{number}", base))


class _Where:
    """Where an entry is (for messages) and the folder its relative paths start from."""

    def __init__(self, file: str, entry: str, base: Path):
        self.file, self.entry, self.base = file, entry, base

    def error(self, key: str, problem: str, cls=UsageError):
        return cls(f"{self.file}: {self.entry}.{key}: {problem}" if key
                   else f"{self.file}: {self.entry}: {problem}")

    def path(self, relative: str) -> Path:
        return self.base / relative


def _bus_name(kind: str, bus_id) -> str:
    return f"{kind}{bus_id}"


def _resolve(board: Board, spec, where: _Where, key: str = "pin") -> int:
    if spec in board.profile.virtual_inputs:
        return board.profile.virtual_inputs[spec]
    try:
        return board.resolve_pin(spec)
    except (ValueError, TypeError) as exc:
        raise where.error(key, f"{spec!r} is not a pin of {board.profile.key}: {exc}") from None


def _apply_pin(board: Board, entry: dict, where: _Where) -> None:
    line = board.gpio.line(_resolve(board, entry["pin"], where))
    if "initial" in entry:
        line.drive(entry["initial"])
    events = entry.get("events", [])
    repeat = entry.get("repeat")
    clock = board.clock

    def schedule(offset_ns: int) -> None:
        for seconds, level in events:
            clock.call_at(offset_ns + int(seconds * 1e9), partial(line.drive, level))
        if repeat:
            period_ns = max(1, int(repeat * 1e9))
            clock.call_at(offset_ns + period_ns, lambda: schedule(offset_ns + period_ns))

    schedule(0)


def _apply_wifi(board: Board, entry: dict, where: _Where) -> None:
    board.wifi_networks.append(dict(entry))


def _apply_spi(board: Board, entry: dict, where: _Where) -> None:
    bus = board.spi_bus(_bus_name("SPI", entry.get("id", 0)))
    bus.loopback = entry.get("loopback", False)


def _apply_uart(board: Board, entry: dict, where: _Where) -> None:
    port = board.uart(_bus_name("UART", entry.get("id", 0)))
    port.loopback = entry.get("loopback", False)
    port.host_output = entry.get("output")
    port.feed(entry.get("rx", "").encode())
    if "rx_file" in entry:
        path = where.path(entry["rx_file"])
        try:
            port.feed(read_input(path, HOST_FILE))
        except InputFileError as exc:
            raise where.error("rx_file", exc.message, InputFileError) from None
    for seconds, data in entry.get("rx_events", []):
        board.clock.call_at(int(seconds * 1e9), partial(port.feed, data.encode()))


def _source(entry: dict, where: _Where, key: str = ""):
    """The signal a checked value/expr/csv table describes."""
    prefix = f"{key}." if key else ""
    if "value" in entry:
        source = constant(entry["value"])
    elif "expr" in entry:
        try:
            source = _reported(TimeExpression(entry["expr"]), where, prefix + "expr")
        except UsageError as exc:
            raise where.error(prefix + "expr", str(exc)) from None
    else:
        try:
            source = Recording.from_csv(where.path(entry["csv"]),
                                        interpolation=entry.get("interpolation", "step"),
                                        loop=entry.get("loop", False))
        except UsageError as exc:
            raise where.error(prefix + "csv", str(exc), type(exc)) from None
    scale = entry.get("scale", 1.0)
    if scale != 1.0:
        return lambda t: source(t) * scale
    return source


def _reported(expression: TimeExpression, where: _Where, key: str):
    """The expression as a signal whose math errors (log(0) at some t) name the board file's
    key instead of surfacing as a Python error inside the guest's hardware read."""
    def signal(t: float) -> float:
        try:
            return expression(t)
        except (ArithmeticError, ValueError) as exc:
            raise where.error(key, f"{expression.text!r} fails at t = {t:g} s: {exc}") from None
    return signal


def _apply_adc(board: Board, entry: dict, where: _Where) -> None:
    key: int | tuple[str, int]
    if "channel" in entry:
        key = ("channel", entry["channel"])
    else:
        key = _resolve(board, entry["pin"], where)
    board.adc.sources[key] = _source(entry, where)


def _apply_dht(board: Board, entry: dict, where: _Where) -> None:
    readings = {quantity: _source(entry[quantity], where, quantity)
                for quantity in ("temperature", "humidity")}
    gpio = _resolve(board, entry["pin"], where)
    board.dht[gpio] = DhtSensor(entry.get("model", "DHT22"), **readings)


def _apply_onewire(board: Board, entry: dict, where: _Where) -> None:
    gpio = _resolve(board, entry["pin"], where)
    bus = board.onewire.setdefault(gpio, OneWireBus(board.seconds))
    for number, device in enumerate(entry.get("devices", [])):
        rom = device.get("rom")
        if rom is None:  # a DS18B20 with a serial number from its position
            body = bytes([0x28, number + 1, 0, 0, 0, 0, 0])
            rom_bytes = body + bytes([crc8(body)])
        else:
            rom_bytes = bytes.fromhex(rom)
        source = _source(device["temperature"], where, f"devices #{number + 1}.temperature")
        bus.devices.append(TemperatureSensor(rom_bytes, source))


def _apply_i2c(board: Board, entry: dict, where: _Where) -> None:
    address = entry["address"]
    if "handler" in entry:
        device = _load_handler(entry["handler"], where, entry.get("options", {}))
        if hasattr(device, "attach_clock"):
            device.attach_clock(board.seconds)
    else:
        width = entry.get("reg_bytes", 1)
        order = entry.get("order", "big")
        registers: dict[int, int] = {}
        for reg, value in entry.get("registers", {}).items():
            values = value if isinstance(value, list) else [value]
            offset = int(reg, 0) * width
            for item in values:
                for byte in (item & ((1 << (8 * width)) - 1)).to_bytes(width, order):
                    registers[offset] = byte
                    offset += 1
        dynamic = {}
        for reg, spec in entry.get("computed", {}).items():
            dynamic[int(reg, 0) * width] = (
                _source(spec, where, f"computed.{reg}"), spec.get("bytes", width),
                spec.get("order", order))
        device = RegisterDevice(registers, addr_size=entry.get("addr_size", 8),
                                dynamic=dynamic, now_s=board.seconds, reg_bytes=width)
    if "bus" in entry:
        board.i2c_on_bus.setdefault(_bus_name("I2C", entry["bus"]), {})[address] = device
    else:
        board.i2c_any_bus[address] = device


def _load_handler(spec: str, where: _Where, options: dict):
    file_part, _, class_name = spec.rpartition(":")
    path = where.path(file_part)
    module_spec = importlib.util.spec_from_file_location(f"mpt_board_handler_{path.stem}", path)
    if module_spec is None or module_spec.loader is None or not path.is_file():
        raise where.error("handler", f"cannot load handler file {path}", InputFileError)
    module = importlib.util.module_from_spec(module_spec)
    try:  # the handler is host code the user wrote: its failures are reported, not crashed on
        module_spec.loader.exec_module(module)
        cls = getattr(module, class_name)
        return cls(**options)
    except AttributeError as exc:
        if not hasattr(module, class_name):
            raise where.error("handler", f"{path} has no class {class_name}") from None
        raise where.error("handler", f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - any error of the user's host code
        raise where.error("handler", f"{type(exc).__name__}: {exc}") from None
