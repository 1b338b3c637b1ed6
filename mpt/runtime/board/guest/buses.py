"""machine.I2C/SoftI2C and SPI/SoftSPI for the guest."""

from __future__ import annotations

from mpt.runtime.board.flash import EINVAL
from mpt.runtime.board.guest.hardware import GuestHardware
from mpt.runtime.board.guest.bus_ports import (ESP32_I2C_PINS, ESP32_SPI_PINS,
                                               RP2_I2C_PINS, RP2_SPI_PINS,
                                               esp32_spi_actual_baudrate,
                                               rp2_i2c_actual_freq, rp2_i2c_scl_ok,
                                               rp2_i2c_sda_ok, rp2_spi_actual_baudrate,
                                               rp2_spi_pin_ok, stm32_spi_actual_baudrate)
from mpt.runtime.board.i2c import NoAcknowledge
from mpt.runtime.board.pins import PULL_UP

ENODEV, EIO, ETIMEDOUT = 19, 5, 110
_UNSET = object()


def _buffer_bytes(buf) -> bytes:
    if isinstance(buf, str):
        raise TypeError("object with buffer protocol required")
    return bytes(buf)


PYBOARD_I2C_PINS = {1: ("B6", "B7"), 2: ("B10", "B11")}


def gpio_of(Pin, pin) -> int:
    return pin._gpio if isinstance(pin, Pin) else Pin(pin)._gpio


def _pin_label(port: str, Pin, pin) -> str:
    """How a bit-banged bus prints a pin: its number, or its cpu name on the pyboard."""
    gpio = gpio_of(Pin, pin)
    if port == "pyboard":
        return "ABCD"[gpio // 16] + str(gpio % 16)
    return str(gpio)


def build_i2c_classes(hw: GuestHardware, Pin):
    board = hw.board
    port = hw.port.name
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

    states: dict[int, dict] = {}  # the firmware's static bus objects: settings persist

    class I2C(_I2CBase):
        _nack_errno = nack_errno

        def __new__(cls, *args, **kwargs):
            if port == "esp32" and args and args[0] == -1:
                # the deprecated I2C(-1, ...) form makes a SoftI2C, with a warning
                hw.ctx.write_stdout("Warning: I2C(-1, ...) is deprecated, use SoftI2C(...) "
                                    "instead\n")
                return SoftI2C(*args[1:], **kwargs)
            return object.__new__(cls)

        def __init__(self, *args, **kwargs):
            if port == "rp2":
                # the bus is set up again only when settings are given (or never was)
                self._init_rp2(len(args) > 1 or bool(kwargs), *args, **kwargs)
            elif port == "esp32":
                self._init_esp32(*args, **kwargs)
            else:
                self._init_pyboard(*args, **kwargs)
            self._bus = board.i2c_bus("I2C%d" % self._id)

        def _state(self, bus_id, defaults):
            if bus_id not in board.profile.i2c_ids:
                raise ValueError("I2C(%s) doesn't exist" % (bus_id,))
            self._id = bus_id
            if bus_id not in states:
                states[bus_id] = dict(defaults)
            return states[bus_id]

        def _init_rp2(self, reinit, id=0, freq=400_000, *, scl=None, sda=None,
                      timeout=50_000):
            scl_default, sda_default = RP2_I2C_PINS.get(int(id), (0, 0))
            state = self._state(int(id), {"scl": scl_default, "sda": sda_default, "freq": 0,
                                          "timeout": 0})
            if scl is not None:
                gpio = gpio_of(Pin, scl)
                if not rp2_i2c_scl_ok(self._id, gpio):
                    raise ValueError("bad SCL pin")
                state["scl"] = gpio
            if sda is not None:
                gpio = gpio_of(Pin, sda)
                if not rp2_i2c_sda_ok(self._id, gpio):
                    raise ValueError("bad SDA pin")
                state["sda"] = gpio
            if reinit or state["freq"] == 0:
                state["freq"] = rp2_i2c_actual_freq(board.cpu_freq, int(freq))
                state["timeout"] = int(timeout)
                for gpio in (state["scl"], state["sda"]):
                    board.gpio.line(gpio).select_function("I2C", pull=PULL_UP)

        def _init_esp32(self, id=0, *, scl=None, sda=None, freq=-1, timeout=-1):
            scl_default, sda_default = ESP32_I2C_PINS.get(int(id), (0, 0))
            state = self._state(int(id), {"scl": scl_default, "sda": sda_default,
                                          "freq": 400_000, "timeout": 50_000})
            if scl is not None:
                state["scl"] = gpio_of(Pin, scl)
            if sda is not None:
                state["sda"] = gpio_of(Pin, sda)
            if freq != -1:
                state["freq"] = int(freq)
            if timeout != -1:
                state["timeout"] = int(timeout)

        def _init_pyboard(self, id, *, scl=None, sda=None, freq=400_000, timeout=50_000):
            bus_id = {"X": 1, "Y": 2}.get(id, id)
            if scl is not None or sda is not None:
                raise ValueError("explicit choice of scl/sda is not implemented")
            state = self._state(bus_id, {})
            state["freq"], state["timeout"] = int(freq), int(timeout)

        def __repr__(self):
            state = states[self._id]
            if port == "rp2":
                return "I2C(%d, freq=%d, scl=%d, sda=%d, timeout=%d)" % (
                    self._id, state["freq"], state["scl"], state["sda"], state["timeout"])
            if port == "esp32":
                return "I2C(%d, scl=%d, sda=%d, freq=%d, timeout=%d)" % (
                    self._id, state["scl"], state["sda"], state["freq"], state["timeout"])
            scl, sda = PYBOARD_I2C_PINS[self._id]
            return "I2C(%d, scl=%s, sda=%s, freq=%d)" % (self._id, scl, sda, state["freq"])

    class SoftI2C(_I2CBase):
        _nack_errno = ENODEV

        def __init__(self, scl, sda, *, freq=400_000, timeout=50_000):
            self._scl = scl if isinstance(scl, Pin) else Pin(scl)
            self._sda = sda if isinstance(sda, Pin) else Pin(sda)
            self._freq = 500_000 // max(1, 500_000 // int(freq))
            self._bus = board.i2c_bus("SoftI2C")
            self._transaction = None  # [address, reading, bytes written] between start/stop

        def __repr__(self):
            return "SoftI2C(scl=%s, sda=%s, freq=%d)" % (
                _pin_label(port, Pin, self._scl), _pin_label(port, Pin, self._sda),
                self._freq)

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
    port = hw.port.name

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

    states: dict[int, dict] = {}
    msb, lsb = {"rp2": (1, 0), "esp32": (0, 1), "pyboard": (0, 0x80)}[port]
    _SPIBase.MSB, _SPIBase.LSB = msb, lsb

    class SPI(_SPIBase):
        def __init__(self, *args, **kwargs):
            if port == "rp2":
                self._init_rp2(len(args) > 1 or bool(kwargs), *args, **kwargs)
            else:
                self._init_other(*args, **kwargs)
            self._bus = board.spi_bus("SPI%d" % self._id)

        def _state(self, bus_id, defaults):
            if bus_id not in board.profile.spi_ids:
                raise ValueError("SPI(%s) doesn't exist" % (bus_id,))
            self._id = bus_id
            return states.setdefault(bus_id, dict(defaults))

        def _init_rp2(self, reinit, id=0, baudrate=1_000_000, *, polarity=0, phase=0,
                      bits=8, firstbit=msb, sck=None, mosi=None, miso=-1):
            sck0, mosi0, miso0 = RP2_SPI_PINS.get(int(id), (0, 0, 0))
            state = self._state(int(id), {"sck": sck0, "mosi": mosi0, "miso": miso0,
                                          "baudrate": 0})
            for role, pin in (("sck", sck), ("mosi", mosi)):
                if pin is not None:
                    gpio = gpio_of(Pin, pin)
                    if not rp2_spi_pin_ok(self._id, gpio, role):
                        raise ValueError("bad %s pin" % role.upper())
                    state[role] = gpio
            if miso is None:
                state["miso"] = None
            elif not (isinstance(miso, int) and miso == -1):
                gpio = gpio_of(Pin, miso)
                if not rp2_spi_pin_ok(self._id, gpio, "miso"):
                    raise ValueError("bad MISO pin")
                state["miso"] = gpio
            if reinit or state["baudrate"] == 0:
                state.update(polarity=int(polarity), phase=int(phase), bits=int(bits),
                             firstbit=int(firstbit))
                if firstbit == lsb:
                    raise NotImplementedError("LSB")
                state["baudrate"] = rp2_spi_actual_baudrate(board.peri_freq, int(baudrate))
                for role in ("sck", "miso", "mosi"):
                    if state[role] is not None:
                        board.gpio.line(state[role]).select_function("SPI")

        def _init_other(self, id, baudrate=-1, *, polarity=-1, phase=-1, bits=-1,
                        firstbit=-1, sck=None, mosi=None, miso=None):
            pins = ESP32_SPI_PINS.get(id, (-1, -1, -1)) if port == "esp32" else (-1, -1, -1)
            if port == "pyboard":
                id = {"X": 1, "Y": 2}.get(id, id)
                if sck is not None or mosi is not None or miso is not None:
                    raise ValueError("explicit choice of sck/mosi/miso is not implemented")
            state = self._state(id, {})
            given = {"baudrate": baudrate, "polarity": polarity, "phase": phase,
                     "bits": bits, "firstbit": firstbit}
            defaults = {"baudrate": 500_000, "polarity": 0,
                        "phase": 0, "bits": 8, "firstbit": msb}
            for name, value in given.items():
                state[name] = defaults[name] if value == -1 else int(value)
            if port == "esp32":
                state["baudrate"] = esp32_spi_actual_baudrate(state["baudrate"])
            else:
                state["baudrate"] = stm32_spi_actual_baudrate(self._id, state["baudrate"])
            for role, pin, default in zip(("sck", "mosi", "miso"), (sck, mosi, miso), pins):
                state[role] = gpio_of(Pin, pin) if pin is not None else default

        def __repr__(self):
            st = states[self._id]
            if port == "rp2":
                return ("SPI(%d, baudrate=%d, polarity=%d, phase=%d, bits=%d, sck=%d, "
                        "mosi=%d, miso=%s)" % (self._id, st["baudrate"], st["polarity"],
                                               st["phase"], st["bits"], st["sck"],
                                               st["mosi"], st["miso"]))
            if port == "esp32":
                return ("SPI(id=%d, baudrate=%d, polarity=%d, phase=%d, bits=%d, "
                        "firstbit=%d, sck=%d, mosi=%d, miso=%d)" % (
                            self._id, st["baudrate"], st["polarity"], st["phase"],
                            st["bits"], st["firstbit"], st["sck"], st["mosi"], st["miso"]))
            return "SPI(%d, baudrate=%d, polarity=%d, phase=%d, bits=%d)" % (
                self._id, st["baudrate"], st["polarity"], st["phase"], st["bits"])

    class SoftSPI(_SPIBase):
        def __init__(self, baudrate=500_000, *, polarity=0, phase=0, bits=8, firstbit=msb,
                     sck=None, mosi=None, miso=None):
            if sck is None or mosi is None or miso is None:
                raise ValueError("must specify all of sck/mosi/miso")
            self._pins = [_pin_label(port, Pin, p) for p in (sck, mosi, miso)]
            half = 500_000 // int(baudrate) + (1 if 500_000 % int(baudrate) else 0)
            self._settings = (500_000 // half, int(polarity), int(phase), int(firstbit))
            self._bus = board.spi_bus("SoftSPI")

        def __repr__(self):
            return ("SoftSPI(baudrate=%d, polarity=%d, phase=%d, firstbit=%d, sck=%s, "
                    "mosi=%s, miso=%s)" % (self._settings + tuple(self._pins)))

    return SPI, SoftSPI
