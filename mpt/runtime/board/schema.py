"""The board file's schema: every section and key, its kind, default and meaning.

Validation (mpt.runtime.board.config), error messages and the board file reference in
examples/README.md all come from this one description.
"""

from __future__ import annotations

from mpt.schema import (Anything, Bool, Either, Entries, Float, Int, Key, ListOf, MapOf, Pair,
                        Str, Table)


def _board_name(text: str) -> bool:
    from mpt.runtime.board.profiles import ALIASES, PROFILES
    return text.lower() in PROFILES or text.lower() in ALIASES


def _register_number(text: str) -> bool:
    try:
        return int(text, 0) >= 0
    except ValueError:
        return False


def _hex_rom(text: str) -> bool:
    try:
        return len(bytes.fromhex(text)) == 8
    except ValueError:
        return False


def _handler(text: str) -> bool:
    file_part, _, class_name = text.rpartition(":")
    return bool(file_part) and class_name.isidentifier()


PIN = Either([Str(what="a pin name", nonempty=True), Int(min=0)])
SECONDS = Float(min=0, max=1e9)   # seconds since boot (up to about 31 years)
BUS_ID = Int(min=0, max=15)

SOURCE_KEYS = [
    Key("value", Float(), "a constant reading", example="30000"),
    Key("expr", Str(what="an expression of t", nonempty=True),
        "an arithmetic expression of t (seconds since boot)",
        example='"32768 + 20000 * sin(2 * pi * t)"'),
    Key("csv", Str(what="a file name", nonempty=True),
        "a recording: rows of seconds,value (relative to the board file)",
        example='"data/light.csv"'),
    Key("interpolation", Str(choices=("step", "linear")),
        "between csv rows: hold each sample or interpolate", default="step"),
    Key("loop", Bool(), "replay the csv recording from the start when it ends", default=False),
    Key("scale", Float(), "factor applied to the source (e.g. volts to 16-bit)", default=1.0),
]
SOURCE = Table(SOURCE_KEYS, one_of=[("value", "expr", "csv")],
               what="a table with one of value, expr, csv")
COMPUTED = Table([*SOURCE_KEYS,
                  Key("bytes", Int(min=1, max=8), "bytes of the value (default: reg_bytes)"),
                  Key("order", Str(choices=("big", "little")),
                      "byte order (default: the device's order)")],
                 one_of=[("value", "expr", "csv")], what="a table with one of value, expr, csv")

PIN_SECTION = Table([
    Key("pin", PIN, 'the input: a pin name ("GP14"), a GPIO number, "BOOTSEL" (rp2) or '
        '"SW" (pyboard)', required=True),
    Key("initial", Int(min=0, max=1), "level at boot"),
    Key("events", ListOf(Pair(SECONDS, Int(min=0, max=1), names=("seconds", "level"))),
        "level changes: [seconds since boot, level]", default=[]),
    Key("repeat", Float(min=0.001, max=1e9), "replay the events every so many seconds"),
], what="a table", doc="An input driven by a schedule (fires pin IRQs).")

ADC_SECTION = Table([
    Key("pin", PIN, "the ADC pin", example='"GP26"'),
    Key("channel", Int(min=0, max=15), "or an internal channel (4: temperature on rp2)"),
    *SOURCE_KEYS,
], one_of=[("pin", "channel"), ("value", "expr", "csv")],
    doc="16-bit levels for an ADC input (the 12-bit ADC samples them).")

I2C_SECTION = Table([
    Key("address", Int(min=0, max=127, hint="a 7-bit address such as 0x48, without quotes"),
        "the device's 7-bit address", required=True),
    Key("bus", BUS_ID, "the bus (default: the device is on every bus)"),
    Key("addr_size", Int(min=8, max=32, step=8), "bits of the register address the master sends",
        default=8),
    Key("reg_bytes", Int(min=1, max=8), "width of one register in bytes", default=1),
    Key("order", Str(choices=("big", "little")), "byte order of multi-byte registers",
        default="big"),
    Key("registers", MapOf(Str(valid=_register_number, what='a register number ("0x01")'),
                           Either([Int(), ListOf(Int())])),
        "register values; a list fills consecutive registers", example='{ "0x01" = 0x60 }'),
    Key("computed", MapOf(Str(valid=_register_number, what='a register number ("0x00")'),
                          COMPUTED),
        "registers computed from a value, expr or csv (plus bytes, order)",
        example='{ "0x00" = { expr = "(21.5 + t / 60) * 256", bytes = 2 } }'),
    Key("handler", Str(valid=_handler, what='"file.py:ClassName"'),
        "a host class instead of registers: write(data), read(n) -> bytes"),
    Key("options", MapOf(Str(), Anything()), "keyword arguments for the handler class",
        example="{ base = 20 }"),
], one_of=[("?", "handler", "registers"), ("?", "handler", "computed")],
    doc="A register-map device (or a host Python class as handler).")

UART_SECTION = Table([
    Key("id", BUS_ID, "the UART", default=0),
    Key("rx", Str(), "bytes waiting in the receive buffer", default=""),
    Key("rx_file", Str(what="a file name", nonempty=True),
        "more waiting bytes, from a host file", example='"gps.nmea"'),
    Key("rx_events", ListOf(Pair(SECONDS, Str(), names=("seconds", "data"))),
        "bytes arriving at a time: [seconds since boot, text]", default=[]),
    Key("loopback", Bool(), "what the program writes comes back", default=False),
    Key("output", Str(choices=("stdout", "stderr")),
        "copy what the program sends to mpt's stdout or stderr"),
], doc="A UART's receive side.")

SPI_SECTION = Table([
    Key("id", BUS_ID, "the SPI bus", default=0),
    Key("loopback", Bool(), "MISO reads what MOSI sends (else MISO idles high)",
        default=False),
], doc="An SPI bus.")

DHT_SECTION = Table([
    Key("pin", PIN, "the data pin", required=True),
    Key("model", Str(choices=("DHT11", "DHT22")), "the sensor", default="DHT22"),
    Key("temperature", SOURCE, "degrees C: { value = ... } (or expr, csv)", required=True),
    Key("humidity", SOURCE, "percent: { value = ... } (or expr, csv)", required=True),
], doc="A DHT11/DHT22 sensor (machine.dht_readinto, the dht module).")

ONEWIRE_DEVICE = Table([
    Key("rom", Str(valid=_hex_rom, what="16 hex digits"),
        "the ROM code (default: 28 <n> 00 ... + CRC)"),
    Key("temperature", SOURCE, "degrees C", required=True),
], what="a table { rom = ..., temperature = { ... } }")

ONEWIRE_SECTION = Table([
    Key("pin", PIN, "the bus pin", required=True),
    Key("devices", ListOf(ONEWIRE_DEVICE), "DS18x20 sensors: { rom, temperature }",
        default=[]),
], doc="A 1-Wire bus with DS18x20 sensors (onewire, ds18x20).")

WIFI_SECTION = Table([
    Key("ssid", Str(nonempty=True, what="a network name"), "the network name", required=True),
    Key("password", Str(), "the key (a wrong one gives STAT_WRONG_PASSWORD)"),
    Key("rssi", Int(min=-120, max=0), "signal strength in dBm"),
    Key("channel", Int(min=1, max=14), "the channel", default=6),
    Key("security", Int(min=0, max=7), "the security mode scan() reports", default=3),
], doc="An access point the WLAN sees (esp32, rp2w).")

SECTIONS = [("pin", PIN_SECTION), ("adc", ADC_SECTION), ("i2c", I2C_SECTION),
            ("uart", UART_SECTION), ("spi", SPI_SECTION), ("dht", DHT_SECTION),
            ("onewire", ONEWIRE_SECTION), ("wifi", WIFI_SECTION)]

BOARD_FILE = Table([
    Key("board", Str(valid=_board_name, what='a board name ("rp2", "rp2w", "esp32", "pyboard")'), "the board this file is written for"),
    *(Key(name, Entries(name, table), f"[[{name}]] entries", default=[])
      for name, table in SECTIONS),
], what="a board file", doc="Top level of a board file.", entry="section")


def reference_sections() -> list[tuple[str, Table]]:
    return [("Top level", Table([BOARD_FILE.key("board")],
                                doc="Optional; `--board` must agree with it.")),
            *((f"[[{name}]]", table) for name, table in SECTIONS)]
