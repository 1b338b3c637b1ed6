"""machine.I2C/SoftI2C, SPI/SoftSPI and UART for the guest."""

from __future__ import annotations

from mpt.runtime.board.flash import EINVAL
from mpt.runtime.board.guest.hardware import GuestHardware
from mpt.runtime.board.i2c import NoAcknowledge

ENODEV, EIO, ETIMEDOUT = 19, 5, 110
_UNSET = object()


def _buffer_bytes(buf) -> bytes:
    if isinstance(buf, str):
        raise TypeError("object with buffer protocol required")
    return bytes(buf)


def build_i2c_classes(hw: GuestHardware, Pin):
    board = hw.board
    port = hw.port
    nack_errno = EIO if port == "rp2" else ENODEV

    class _I2CBase:
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
        _nack_errno = nack_errno

        def __init__(self, id=-1, *, scl=None, sda=None, freq=400_000, timeout=50_000):
            if id == -1 and port != "pyboard":
                raise ValueError("I2C(%d) doesn't exist" % id)
            if id not in board.profile.i2c_ids:
                raise ValueError("I2C(%s) doesn't exist" % (id,))
            for pin in (scl, sda):
                if pin is not None and not isinstance(pin, Pin):
                    Pin(pin)
            self._id = id
            self._freq = freq
            self._bus = board.i2c_bus("I2C%d" % id)

        def __repr__(self):
            return "I2C(%d, freq=%d)" % (self._id, self._freq)

    class SoftI2C(_I2CBase):
        _nack_errno = ENODEV

        def __init__(self, scl, sda, *, freq=400_000, timeout=50_000):
            self._scl = scl if isinstance(scl, Pin) else Pin(scl)
            self._sda = sda if isinstance(sda, Pin) else Pin(sda)
            self._bus = board.i2c_bus("SoftI2C")
            self._transaction = None  # [address, reading, bytes written] between start/stop

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

    return I2C, SoftI2C


def build_spi_classes(hw: GuestHardware, Pin):
    board = hw.board

    class _SPIBase:
        MSB, LSB = 0, 1

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
        def __init__(self, id, baudrate=1_000_000, *, polarity=0, phase=0, bits=8,
                     firstbit=0, sck=None, mosi=None, miso=None):
            if id not in board.profile.spi_ids:
                raise ValueError("SPI(%s) doesn't exist" % (id,))
            self._id = id
            self._baudrate = baudrate
            self._bus = board.spi_bus("SPI%d" % id)

    class SoftSPI(_SPIBase):
        def __init__(self, baudrate=500_000, *, polarity=0, phase=0, bits=8, firstbit=0,
                     sck=None, mosi=None, miso=None):
            if sck is None or mosi is None or miso is None:
                raise ValueError("must specify all of sck/mosi/miso")
            self._bus = board.spi_bus("SoftSPI")

    return SPI, SoftSPI


def build_uart_class(hw: GuestHardware, Pin):
    board = hw.board
    port = hw.port

    class UART:
        INV_TX, INV_RX = 1, 2

        def __init__(self, id, baudrate=115200, bits=8, parity=None, stop=1, *, tx=None,
                     rx=None, timeout=0, timeout_char=0, txbuf=256, rxbuf=256, **kwargs):
            if id not in board.profile.uart_ids:
                wording = "does not exist" if port == "esp32" else "doesn't exist"
                raise ValueError("UART(%s) %s" % (id, wording))
            self._id = id
            self._baudrate = baudrate
            self._bits, self._parity, self._stop = bits, parity, stop
            self._timeout = timeout
            self._port = board.uart("UART%d" % id)

        def init(self, baudrate=_UNSET, bits=8, parity=None, stop=1, **kwargs):
            if baudrate is not _UNSET:
                self._baudrate = baudrate

        def deinit(self):
            return None

        def any(self):
            hw.touch()
            return self._port.any()

        def read(self, nbytes=None):
            self._wait_for_data()
            data = self._port.read(nbytes)
            return data or None

        def readinto(self, buf, nbytes=None):
            self._wait_for_data()
            count = len(buf) if nbytes is None else min(nbytes, len(buf))
            data = self._port.read(count)
            if not data:
                return None
            buf[:len(data)] = data
            return len(data)

        def readline(self):
            self._wait_for_data()
            return self._port.readline() or None

        def write(self, buf):
            if isinstance(buf, str):
                buf = buf.encode()
            return self._port.write(bytes(buf))

        def flush(self):
            return None

        def txdone(self):
            return True

        def sendbreak(self):
            return None

        def _wait_for_data(self):
            hw.touch()
            if not self._port.any() and self._timeout:
                hw.sleep_ms(self._timeout)

        def __repr__(self):
            return "UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d)" % (
                self._id, self._baudrate, self._bits, self._parity, self._stop)

    return UART
