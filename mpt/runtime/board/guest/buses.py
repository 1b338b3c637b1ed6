"""machine.I2C/SoftI2C and SPI/SoftSPI for the guest.

The classes are port-neutral; how each port sets up its hardware buses (pins, rates,
defaults) and prints them are methods of its :class:`~mpt.runtime.board.ports.Port`.
"""

from __future__ import annotations

from mpt.runtime.board.flash import EINVAL
from mpt.runtime.board.guest.hardware import GuestHardware, bind
from mpt.runtime.board.i2c import NoAcknowledge
from mpt.runtime.board.ports.base import ENODEV

_UNSET = object()


def _buffer_bytes(buf) -> bytes:
    if isinstance(buf, str):
        raise TypeError("object with buffer protocol required")
    return bytes(buf)


def gpio_of(Pin, pin) -> int:
    return pin._gpio if isinstance(pin, Pin) else Pin(pin)._gpio


def bind_i2c_classes(hw: GuestHardware, Pin) -> tuple[type, type]:
    """machine.I2C and SoftI2C for one interpreter; the hardware buses' settings persist
    (the firmware's static bus objects)."""
    soft = bind(SoftI2C, hw, _Pin=Pin)
    return bind(I2C, hw, _Pin=Pin, _states={}, _soft=soft,
                _nack_errno=hw.port.i2c_nack_errno), soft


def bind_spi_classes(hw: GuestHardware, Pin) -> tuple[type, type]:
    msb, lsb = hw.port.spi_bit_order
    return (bind(SPI, hw, _Pin=Pin, _states={}, MSB=msb, LSB=lsb),
            bind(SoftSPI, hw, _Pin=Pin, MSB=msb, LSB=lsb))


class _Bus:
    _hw: GuestHardware  # bound per interpreter
    _Pin: type

    def _gpio_of(self, pin) -> int:
        return gpio_of(self._Pin, pin)

    def _pin_label(self, pin) -> str:
        """How a bit-banged bus prints a pin."""
        return self._hw.port.pin_label(self._gpio_of(pin))


class _I2CBase(_Bus):
    _nack_errno = ENODEV

    def scan(self):
        return self._bus.scan()

    def writeto(self, addr, buf, stop=True):
        data = _buffer_bytes(buf)
        try:
            self._bus.write(int(addr), data)
        except NoAcknowledge:
            raise OSError(self._nack_errno) from None
        return len(data)

    def writevto(self, addr, vector, stop=True):
        data = b"".join(_buffer_bytes(b) for b in vector)
        return self.writeto(addr, data, stop)

    def readfrom(self, addr, nbytes, stop=True):
        try:
            return self._bus.read(int(addr), int(nbytes))
        except NoAcknowledge:
            raise OSError(self._nack_errno) from None

    def readfrom_into(self, addr, buf, stop=True):
        data = self.readfrom(addr, len(buf), stop)
        buf[:] = data if isinstance(buf, bytearray) else data
        return None

    def _mem_address(self, memaddr, addrsize):
        if addrsize not in (8, 16, 24, 32):
            raise OSError(EINVAL)
        return int(memaddr).to_bytes(addrsize // 8, "big")

    def writeto_mem(self, addr, memaddr, buf, *, addrsize=8):
        self.writeto(addr, self._mem_address(memaddr, addrsize) + _buffer_bytes(buf))

    def readfrom_mem(self, addr, memaddr, nbytes, *, addrsize=8):
        self.writeto(addr, self._mem_address(memaddr, addrsize), False)
        return self.readfrom(addr, nbytes)

    def readfrom_mem_into(self, addr, memaddr, buf, *, addrsize=8):
        data = self.readfrom_mem(addr, memaddr, len(buf), addrsize=addrsize)
        buf[:] = data

    def init(self, *args, **kwargs):
        return None

    def deinit(self):
        return None


class I2C(_I2CBase):
    """A hardware I2C bus; Port.i2c_configure takes the port's own arguments."""
    _states: dict[int, dict]
    _soft: type

    def __new__(cls, *args, **kwargs):
        if cls._hw.port.i2c_legacy_soft and args and args[0] == -1:
            # the deprecated I2C(-1, ...) form makes a SoftI2C, with a warning
            cls._hw.ctx.write_stdout("Warning: I2C(-1, ...) is deprecated, use SoftI2C(...) "
                                     "instead\n")
            return cls._soft(*args[1:], **kwargs)
        return object.__new__(cls)

    def __init__(self, *args, **kwargs):
        # the bus is set up again only when settings are given (or never was)
        self._hw.port.i2c_configure(self, len(args) > 1 or bool(kwargs), *args, **kwargs)
        self._bus = self._hw.board.i2c_bus("I2C%d" % self._id)

    def _state(self, bus_id, defaults):
        if bus_id not in self._hw.board.profile.i2c_ids:
            raise ValueError("I2C(%s) doesn't exist" % (bus_id,))
        self._id = bus_id
        if bus_id not in self._states:
            self._states[bus_id] = dict(defaults)
        return self._states[bus_id]

    def __repr__(self):
        return self._hw.port.i2c_repr(self._id, self._states[self._id])


class SoftI2C(_I2CBase):
    _nack_errno = ENODEV

    def __init__(self, scl, sda, *, freq=400_000, timeout=50_000):
        self._scl = scl if isinstance(scl, self._Pin) else self._Pin(scl)
        self._sda = sda if isinstance(sda, self._Pin) else self._Pin(sda)
        self._freq = 500_000 // max(1, 500_000 // int(freq))
        self._bus = self._hw.board.i2c_bus("SoftI2C")
        self._transaction = None  # [address, reading, bytes written] between start/stop

    def __repr__(self):
        return "SoftI2C(scl=%s, sda=%s, freq=%d)" % (
            self._pin_label(self._scl), self._pin_label(self._sda), self._freq)

    # the bit-level primitives: start, address byte, data bytes, stop
    def start(self):
        self._flush()
        self._transaction = []

    def stop(self):
        self._flush()
        self._transaction = None

    def write(self, buf):
        acks = 0
        for byte in _buffer_bytes(buf):
            transaction = self._transaction
            if transaction is None:
                return acks
            if not transaction:
                address, reading = byte >> 1, bool(byte & 1)
                if address not in self._bus.devices:
                    return acks  # no ACK: the address byte is where it stops
                transaction.extend([address, reading, bytearray()])
            elif transaction[1]:
                return acks
            else:
                transaction[2].append(byte)
            acks += 1
        return acks

    def readinto(self, buf, nack=True):
        transaction = self._transaction
        if not transaction or not transaction[1]:
            buf[:] = b"\xff" * len(buf)
            return None
        buf[:] = self._bus.read(transaction[0], len(buf))
        return None

    def _flush(self):
        transaction = self._transaction
        if transaction and not transaction[1] and transaction[2]:
            self._bus.write(transaction[0], bytes(transaction[2]))
        elif transaction and not transaction[1]:
            self._bus.write(transaction[0], b"")



class _SPIBase(_Bus):
    MSB, LSB = 0, 1  # bound per port

    def init(self, *args, **kwargs):
        return None

    def deinit(self):
        return None

    def write(self, buf):
        self._bus.transfer(_buffer_bytes(buf))
        return None

    def read(self, nbytes, write=0x00):
        return self._bus.transfer(bytes([write & 0xFF]) * int(nbytes))

    def readinto(self, buf, write=0x00):
        buf[:] = self._bus.transfer(bytes([write & 0xFF]) * len(buf))

    def write_readinto(self, write_buf, read_buf):
        if len(write_buf) != len(read_buf):
            raise ValueError("buffers must be the same length")
        read_buf[:] = self._bus.transfer(_buffer_bytes(write_buf))


class SPI(_SPIBase):
    """A hardware SPI bus; Port.spi_configure takes the port's own arguments."""
    _states: dict[int, dict]

    def __init__(self, *args, **kwargs):
        self._hw.port.spi_configure(self, len(args) > 1 or bool(kwargs), *args, **kwargs)
        self._bus = self._hw.board.spi_bus("SPI%d" % self._id)

    def _state(self, bus_id, defaults):
        if bus_id not in self._hw.board.profile.spi_ids:
            raise ValueError("SPI(%s) doesn't exist" % (bus_id,))
        self._id = bus_id
        return self._states.setdefault(bus_id, dict(defaults))

    def __repr__(self):
        return self._hw.port.spi_repr(self._id, self._states[self._id])


class SoftSPI(_SPIBase):
    def __init__(self, baudrate=500_000, *, polarity=0, phase=0, bits=8, firstbit=_UNSET,
                 sck=None, mosi=None, miso=None):
        if sck is None or mosi is None or miso is None:
            raise ValueError("must specify all of sck/mosi/miso")
        firstbit = self.MSB if firstbit is _UNSET else firstbit
        self._pins = [self._pin_label(p) for p in (sck, mosi, miso)]
        half = 500_000 // int(baudrate) + (1 if 500_000 % int(baudrate) else 0)
        self._settings = (500_000 // half, int(polarity), int(phase), int(firstbit))
        self._bus = self._hw.board.spi_bus("SoftSPI")

    def __repr__(self):
        return ("SoftSPI(baudrate=%d, polarity=%d, phase=%d, firstbit=%d, sck=%s, "
                "mosi=%s, miso=%s)" % (self._settings + tuple(self._pins)))
