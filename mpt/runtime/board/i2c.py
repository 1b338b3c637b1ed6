"""I2C buses and the virtual devices on them."""

from __future__ import annotations

from typing import Callable, Literal, Protocol

from mpt.runtime.board.trace import Tracer

ByteOrder = Literal["big", "little"]


class I2CDevice(Protocol):
    def write(self, data: bytes) -> None: ...
    def read(self, nbytes: int) -> bytes: ...


class NoAcknowledge(Exception):
    """No device answered at the address (the guest sees an OSError)."""


class RegisterDevice:
    """A device with a register file and an auto-incrementing register pointer.

    A write sends the register address (``addr_size`` bits, big-endian) then data bytes that
    land in consecutive registers; a read returns bytes from the pointer onward. Each
    register is ``reg_bytes`` wide (2 for sensors like the TMP102 whose registers are
    16-bit); ``registers`` and ``dynamic`` are keyed by *byte* offset (register * reg_bytes).
    Registers may be computed from time: ``dynamic[offset] = (fn(t) -> int, nbytes,
    byteorder)`` lays the value's bytes from that offset at each read.
    """

    def __init__(self, registers: dict[int, int] | None = None, *, addr_size: int = 8,
                 dynamic: dict[int, tuple[Callable[[float], float], int, ByteOrder]] | None = None,
                 now_s: Callable[[], float] = lambda: 0.0, reg_bytes: int = 1):
        self.registers: dict[int, int] = dict(registers or {})
        self.addr_size = addr_size
        self.reg_bytes = reg_bytes
        self.dynamic = dict(dynamic or {})
        self.now_s = now_s
        self.pointer = 0

    def write(self, data: bytes) -> None:
        nbytes = self.addr_size // 8
        if len(data) < nbytes:
            return
        self.pointer = int.from_bytes(data[:nbytes], "big") * self.reg_bytes
        for offset, byte in enumerate(data[nbytes:]):
            self.registers[self.pointer + offset] = byte
        self.pointer += len(data) - nbytes if len(data) > nbytes else 0

    def read(self, nbytes: int) -> bytes:
        values = dict(self.registers)
        t = self.now_s()
        for reg, (source, size, order) in self.dynamic.items():
            raw = int(round(source(t))) & ((1 << (8 * size)) - 1)
            for offset, byte in enumerate(raw.to_bytes(size, order)):
                values[reg + offset] = byte
        data = bytes(values.get(self.pointer + i, 0) & 0xFF for i in range(nbytes))
        self.pointer += nbytes
        return data


class I2CBus:
    def __init__(self, name: str, tracer: Tracer):
        self.name = name
        self._tracer = tracer
        self.devices: dict[int, I2CDevice] = {}

    def attach(self, address: int, device: I2CDevice) -> None:
        self.devices[address] = device

    def scan(self) -> list[int]:
        return sorted(a for a in self.devices if 0x08 <= a <= 0x77)

    def write(self, address: int, data: bytes) -> None:
        device = self.devices.get(address)
        if device is None:
            self._tracer.emit("i2c", self.name, bytes(data), f"write 0x{address:02x} NACK")
            raise NoAcknowledge(address)
        self._tracer.emit("i2c", self.name, bytes(data), f"write 0x{address:02x}")
        device.write(bytes(data))

    def read(self, address: int, nbytes: int) -> bytes:
        device = self.devices.get(address)
        if device is None:
            self._tracer.emit("i2c", self.name, b"", f"read 0x{address:02x} NACK")
            raise NoAcknowledge(address)
        data = bytes(device.read(nbytes))[:nbytes]
        data += b"\xff" * (nbytes - len(data))
        self._tracer.emit("i2c", self.name, data, f"read 0x{address:02x}")
        return data
