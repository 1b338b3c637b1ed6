"""A 1-Wire bus on a pin with DS18B20/DS18S20 temperature sensors, at the byte level.

After a reset pulse the master sends a ROM command (SKIP 0xCC: all devices, MATCH 0x55 +
8 ROM bytes: one device, READ 0x33: the only device's ROM), then a function command:
CONVERT 0x44 (sample the temperature; ready 750 ms later, until then the scratchpad keeps
the previous value, 85 C after power-on), READ SCRATCHPAD 0xBE (9 bytes with a CRC),
WRITE SCRATCHPAD 0x4E (3 bytes). Reading with no device talking gives 0xFF (the pull-up).
"""

from __future__ import annotations

from typing import Callable

from mpt.errors import UsageError

Source = Callable[[float], float]
SKIP_ROM, MATCH_ROM, READ_ROM, SEARCH_ROM = 0xCC, 0x55, 0x33, 0xF0
CONVERT_T, READ_SCRATCHPAD, WRITE_SCRATCHPAD = 0x44, 0xBE, 0x4E
CONVERSION_S = 0.75
POWER_ON_CELSIUS = 85.0
FAMILIES = {0x28: "DS18B20", 0x10: "DS18S20", 0x22: "DS1822"}


def crc8(data: bytes) -> int:
    """The Dallas/Maxim CRC-8 (polynomial x^8 + x^5 + x^4 + 1, bits LSB first)."""
    crc = 0
    for byte in data:
        for _ in range(8):
            mix = (crc ^ byte) & 1
            crc >>= 1
            if mix:
                crc ^= 0x8C
            byte >>= 1
    return crc


class TemperatureSensor:
    def __init__(self, rom: bytes, temperature: Source):
        if len(rom) != 8 or rom[0] not in FAMILIES:
            raise UsageError(f"board file: 1-Wire ROM {rom.hex()} is not 8 bytes of a "
                             f"DS18x20 (family 28, 10 or 22)")
        self.rom = rom
        self.temperature = temperature
        self.celsius = POWER_ON_CELSIUS
        self.pending: tuple[float, float] | None = None  # (ready at, value)
        self.user = bytearray([0x4B, 0x46, 0x7F])  # TH, TL, configuration (12 bits)

    def convert(self, now_s: float) -> None:
        self.pending = (now_s + CONVERSION_S, self.temperature(now_s))

    def scratchpad(self, now_s: float) -> bytes:
        if self.pending is not None and now_s >= self.pending[0]:
            self.celsius = self.pending[1]
            self.pending = None
        if self.rom[0] == 0x10:  # DS18S20: half degrees, plus COUNT_REMAIN for precision
            halves = int(round(self.celsius * 2))
            whole = halves >> 1  # the whole degrees the extended formula starts from
            remain = 16 - int(round((self.celsius - whole + 0.25) * 16))
            raw = halves & 0xFFFF
            data = bytes([raw & 0xFF, raw >> 8, self.user[0], self.user[1], 0xFF, 0xFF,
                          max(0, min(16, remain)), 0x10])
        else:
            raw = int(round(self.celsius * 16)) & 0xFFFF
            data = bytes([raw & 0xFF, raw >> 8, *self.user, 0xFF, 0x0C, 0x10])
        return data + bytes([crc8(data)])


class OneWireBus:
    def __init__(self, now_s: Callable[[], float]):
        self.now_s = now_s
        self.devices: list[TemperatureSensor] = []
        self._selected: list[TemperatureSensor] = []
        self._state = "idle"
        self._rom_bytes = bytearray()
        self._outgoing = bytearray()
        self._incoming_left = 0
        self._target: TemperatureSensor | None = None

    def roms(self) -> list[bytes]:
        """The devices' ROMs in the order MicroPython's ROM search finds them: it takes the
        1 branch first at each discrepancy, bits going out LSB first."""
        def bits(rom: bytes) -> str:
            return "".join(format(byte, "08b")[::-1] for byte in rom)
        return [d.rom for d in sorted(self.devices, key=lambda d: bits(d.rom), reverse=True)]

    def reset(self) -> bool:
        self._state = "rom"
        self._selected = []
        self._outgoing.clear()
        return bool(self.devices)

    def write_byte(self, value: int) -> None:
        value &= 0xFF
        if self._state == "rom":
            if value == SKIP_ROM:
                self._selected, self._state = list(self.devices), "function"
            elif value == MATCH_ROM:
                self._rom_bytes.clear()
                self._state = "match"
            elif value == READ_ROM and len(self.devices) == 1:
                self._outgoing[:] = self.devices[0].rom
                self._state = "idle"
            else:
                self._state = "idle"
        elif self._state == "match":
            self._rom_bytes.append(value)
            if len(self._rom_bytes) == 8:
                rom = bytes(self._rom_bytes)
                self._selected = [d for d in self.devices if d.rom == rom]
                self._state = "function"
        elif self._state == "function":
            now = self.now_s()
            if value == CONVERT_T:
                for device in self._selected:
                    device.convert(now)
                self._state = "idle"
            elif value == READ_SCRATCHPAD and len(self._selected) == 1:
                self._outgoing[:] = self._selected[0].scratchpad(now)
                self._state = "idle"
            elif value == WRITE_SCRATCHPAD and self._selected:
                self._state, self._incoming_left = "write", 3
            else:
                self._state = "idle"
        elif self._state == "write":
            for device in self._selected:
                device.user[3 - self._incoming_left] = value
            self._incoming_left -= 1
            if self._incoming_left == 0:
                self._state = "idle"

    def read_byte(self) -> int:
        if self._outgoing:
            return self._outgoing.pop(0)
        return 0xFF
