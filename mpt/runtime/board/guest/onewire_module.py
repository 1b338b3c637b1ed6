"""The guest's `onewire` and `ds18x20` modules (frozen into the rp2 and esp32 firmware).

Own implementations of their documented APIs over the board's 1-Wire model
(:mod:`mpt.runtime.board.onewire`). Bus timing is approximated in virtual time: about 1 ms
per reset pulse and 0.6 ms per byte. scan() lists the bus's devices in the order the ROM
search finds them rather than running the search bit by bit.
"""

from __future__ import annotations

from mpt.runtime.board.guest.hardware import GuestHardware, bind, guest_classes, hardware_for
from mpt.runtime.board.onewire import MATCH_ROM, SEARCH_ROM, SKIP_ROM, OneWireBus, crc8

RESET_NS = 1_000_000
BYTE_NS = 600_000
CONVERT, READ_SCRATCH, WRITE_SCRATCH = 0x44, 0xBE, 0x4E
SENSOR_FAMILIES = (0x10, 0x22, 0x28)


def _onewire_classes(ctx):
    hw = hardware_for(ctx)
    cached = ctx.extra.get("onewire_classes")
    if cached is not None:
        return cached
    error = type("OneWireError", (Exception,), {})
    one_wire = bind(OneWire, hw, _error=error)
    classes = ctx.extra["onewire_classes"] = (one_wire, error)
    return classes


def make_onewire_module(ctx):
    OneWire, OneWireError = _onewire_classes(ctx)
    return guest_classes({"OneWire": OneWire, "OneWireError": OneWireError})


def make_ds18x20_module(ctx):
    return guest_classes({"DS18X20": type("DS18X20", (DS18X20,), {})})


class OneWire:
    """onewire.OneWire over the board's 1-Wire bus on a pin (bound per interpreter)."""
    _hw: GuestHardware
    _error: type  # this interpreter's OneWireError
    SEARCH_ROM = SEARCH_ROM
    MATCH_ROM = MATCH_ROM
    SKIP_ROM = SKIP_ROM

    def __init__(self, pin):
        self.pin = pin
        self.pin.init(pin.OPEN_DRAIN, pin.PULL_UP)
        board = self._hw.board
        gpio = pin._gpio
        if gpio not in board.onewire:
            board.onewire[gpio] = OneWireBus(board.seconds)
        self._bus = board.onewire[gpio]
        self._bits_out = []
        self._bits_in = []

    def reset(self, required=False):
        self._hw.clock.sleep_ns(RESET_NS)
        present = self._bus.reset()
        if required and not present:
            raise self._error
        return present

    def writebyte(self, value):
        self._hw.clock.sleep_ns(BYTE_NS)
        self._bus.write_byte(int(value))

    def readbyte(self):
        self._hw.clock.sleep_ns(BYTE_NS)
        return self._bus.read_byte()

    def write(self, buf):
        for byte in buf:
            self.writebyte(byte)

    def readinto(self, buf):
        for i in range(len(buf)):
            buf[i] = self.readbyte()

    def writebit(self, value):
        self._bits_out.append(1 if value else 0)
        if len(self._bits_out) == 8:
            self.writebyte(sum(bit << i for i, bit in enumerate(self._bits_out)))
            self._bits_out = []

    def readbit(self):
        if not self._bits_in:
            byte = self.readbyte()
            self._bits_in = [(byte >> i) & 1 for i in range(8)]
        return self._bits_in.pop(0)

    def select_rom(self, rom):
        self.reset()
        self.writebyte(MATCH_ROM)
        self.write(rom)

    def scan(self):
        self._hw.clock.sleep_ns(RESET_NS + 8 * 8 * BYTE_NS // 8 * len(self._bus.devices))
        return [bytearray(rom) for rom in self._bus.roms()]

    def crc8(self, data):
        return crc8(bytes(data))


class DS18X20:
    def __init__(self, onewire):
        self.ow = onewire
        self.buf = bytearray(9)

    def scan(self):
        return [rom for rom in self.ow.scan() if rom[0] in SENSOR_FAMILIES]

    def convert_temp(self):
        self.ow.reset(True)
        self.ow.writebyte(SKIP_ROM)
        self.ow.writebyte(CONVERT)

    def read_scratch(self, rom):
        self.ow.reset(True)
        self.ow.select_rom(rom)
        self.ow.writebyte(READ_SCRATCH)
        self.ow.readinto(self.buf)
        if self.ow.crc8(self.buf):
            raise Exception("CRC error")
        return self.buf

    def write_scratch(self, rom, buf):
        self.ow.reset(True)
        self.ow.select_rom(rom)
        self.ow.writebyte(WRITE_SCRATCH)
        self.ow.write(buf)

    def read_temp(self, rom):
        buf = self.read_scratch(rom)
        if rom[0] == 0x10:
            half = buf[0] >> 1
            if buf[1]:
                half = -((~(half | 0x80) + 1) & 0xFF)
            return half - 0.25 + (buf[7] - buf[6]) / buf[7]
        raw = buf[1] << 8 | buf[0]
        if raw & 0x8000:
            raw = -((raw ^ 0xFFFF) + 1)
        return raw / 16
