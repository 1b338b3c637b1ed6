"""machine.I2C/SoftI2C, SPI/SoftSPI and UART for the guest."""

from __future__ import annotations

from mpt.runtime.board.flash import EINVAL
from mpt.runtime.board.guest.hardware import GuestHardware
from mpt.runtime.board.guest.bus_ports import (ESP32_I2C_PINS, ESP32_SPI_PINS,
                                               ESP32_UART_PINS, RP2_I2C_PINS,
                                               RP2_SPI_PINS, RP2_UART_PINS,
                                               esp32_uart_actual_baudrate,
                                               rp2_uart_pin_ok,
                                               esp32_spi_actual_baudrate,
                                               stm32_spi_actual_baudrate,
                                               rp2_i2c_actual_freq, rp2_i2c_scl_ok,
                                               rp2_i2c_sda_ok, rp2_spi_actual_baudrate,
                                               rp2_spi_pin_ok)
from mpt.runtime.board.i2c import NoAcknowledge
from mpt.runtime.board.pins import PULL_UP

ENODEV, EIO, ETIMEDOUT = 19, 5, 110
_UNSET = object()


def _buffer_bytes(buf) -> bytes:
    if isinstance(buf, str):
        raise TypeError("object with buffer protocol required")
    return bytes(buf)


PYBOARD_I2C_PINS = {1: ("B6", "B7"), 2: ("B10", "B11")}


def _gpio_of(Pin, pin) -> int:
    return pin._gpio if isinstance(pin, Pin) else Pin(pin)._gpio


def _pin_label(port: str, Pin, pin) -> str:
    """How a bit-banged bus prints a pin: its number, or its cpu name on the pyboard."""
    gpio = _gpio_of(Pin, pin)
    if port == "pyboard":
        return "ABCD"[gpio // 16] + str(gpio % 16)
    return str(gpio)


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
                gpio = _gpio_of(Pin, scl)
                if not rp2_i2c_scl_ok(self._id, gpio):
                    raise ValueError("bad SCL pin")
                state["scl"] = gpio
            if sda is not None:
                gpio = _gpio_of(Pin, sda)
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
                state["scl"] = _gpio_of(Pin, scl)
            if sda is not None:
                state["sda"] = _gpio_of(Pin, sda)
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
    port = hw.port

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
                    gpio = _gpio_of(Pin, pin)
                    if not rp2_spi_pin_ok(self._id, gpio, role):
                        raise ValueError("bad %s pin" % role.upper())
                    state[role] = gpio
            if miso is None:
                state["miso"] = None
            elif not (isinstance(miso, int) and miso == -1):
                gpio = _gpio_of(Pin, miso)
                if not rp2_spi_pin_ok(self._id, gpio, "miso"):
                    raise ValueError("bad MISO pin")
                state["miso"] = gpio
            if reinit or state["baudrate"] == 0:
                state.update(polarity=int(polarity), phase=int(phase), bits=int(bits),
                             firstbit=int(firstbit))
                if firstbit == lsb:
                    raise NotImplementedError("LSB")
                state["baudrate"] = rp2_spi_actual_baudrate(board.cpu_freq, int(baudrate))
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
                state[role] = _gpio_of(Pin, pin) if pin is not None else default

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


UART_IRQ_FLAGS = {
    # port: (IRQ_RX, IRQ_RXIDLE, IRQ_TXIDLE, IRQ_BREAK); None where the port has none
    "rp2": (None, 0x40, 0x20, 0x200),
    "esp32": (1, 0x1000, None, 2),
    "pyboard": (0x20, 0x10, None, None),
}
UART_INVERT = {"rp2": {"INV_TX": 1, "INV_RX": 2},
               "esp32": {"INV_TX": 0x20, "INV_RX": 0x4, "INV_RTS": 0x40, "INV_CTS": 0x8},
               "pyboard": {"INV_TX": 1, "INV_RX": 2}}
PYBOARD_FAST_UARTS = (1, 6)  # on APB2 (84 MHz); the others run from APB1 (42 MHz)


def build_uart_class(hw: GuestHardware, Pin):
    board = hw.board
    port = hw.port
    states: dict[int, dict] = {}
    irq_rx, irq_rxidle, irq_txidle, irq_break = UART_IRQ_FLAGS[port]
    allowed_triggers = sum(f for f in UART_IRQ_FLAGS[port] if f)

    class UARTIRQ:
        def __init__(self, uart):
            self._uart = uart

        def flags(self):
            return self._uart._state["irq_flags"]

        def trigger(self, new=None):
            current = self._uart._state["irq_trigger"]
            if new is not None:
                self._uart._state["irq_trigger"] = int(new)
            return current

        def __call__(self):
            self._uart._call_irq()

    class UART:
        def __init__(self, id, *args, **kwargs):
            id = {"XA": 4, "XB": 1, "YA": 2, "YB": 3}.get(id, id) if port == "pyboard" else id
            if id not in board.profile.uart_ids:
                wording = "does not exist" if port == "esp32" else "doesn't exist"
                raise ValueError("UART(%s) %s" % (id, wording))
            self._id = id
            self._port = board.uart("UART%d" % id)
            fresh = id not in states
            self._state = states.setdefault(id, self._defaults(id))
            if port == "rp2":  # creating the object resets its buffers
                self._state.update(txbuf=256, rxbuf=256)
            if fresh:
                self._port.rx_listeners.append(lambda: self._received())
            if args or kwargs or port != "pyboard":
                self.init(*args, **kwargs)

        @staticmethod
        def _defaults(id):
            state = {"baudrate": 0, "bits": 8, "parity": None, "stop": 1, "timeout": 0,
                     "timeout_char": 0, "txbuf": 256, "rxbuf": 256, "invert": 0,
                     "irq_trigger": 0, "irq_flags": 0, "irq_handler": None,
                     "irq_hard": False, "tx": -1, "rx": -1}
            if port == "rp2":
                state["tx"], state["rx"] = RP2_UART_PINS[id]
            elif port == "esp32":
                state["tx"], state["rx"] = ESP32_UART_PINS[id]
            return state

        def init(self, baudrate=-1, bits=-1, parity=-1, stop=-1, *, tx=None, rx=None,
                 timeout=-1, timeout_char=-1, txbuf=-1, rxbuf=-1, invert=-1, flow=-1,
                 cts=None, rts=None, read_buf_len=-1):
            st = self._state
            if port == "pyboard" and baudrate == -1:
                raise TypeError("'baudrate' argument required")
            if baudrate != -1 and int(baudrate) > 0:
                st["baudrate"] = int(baudrate)
            elif st["baudrate"] == 0:
                st["baudrate"] = 115200
            if bits != -1:
                if port == "esp32" and bits not in (5, 6, 7, 8):
                    raise ValueError("invalid data bits")
                st["bits"] = int(bits)
            if not (isinstance(parity, int) and parity == -1):
                st["parity"] = None if parity is None else int(parity) & 1
            if stop != -1:
                if port == "esp32" and stop not in (1, 1.5, 2):
                    raise ValueError("invalid stop bits")
                st["stop"] = int(stop)
            for role, pin in (("tx", tx), ("rx", rx)):
                if pin is None:
                    continue
                gpio = _gpio_of(Pin, pin)
                if port == "rp2" and not rp2_uart_pin_ok(self._id, gpio, role):
                    raise ValueError("bad %s pin" % role.upper())
                st[role] = gpio
            if timeout != -1:
                st["timeout"] = int(timeout)
            if timeout_char != -1:
                st["timeout_char"] = int(timeout_char)
            if invert != -1:
                if port == "rp2" and int(invert) & ~3:
                    raise ValueError("bad inversion mask")
                st["invert"] = int(invert)
            for name, value in (("txbuf", txbuf), ("rxbuf", rxbuf)):
                if value != -1 and int(value) > 0:
                    if port == "rp2" and int(value) > 32766:
                        raise ValueError("%s too large" % name)
                    st[name] = max(32, int(value)) if port == "rp2" else int(value)
            if port == "pyboard":
                st["rxbuf"] = 64 if read_buf_len == -1 and rxbuf == -1 else st["rxbuf"]
            # a whole character must fit in timeout_char (13 bits on rp2/stm32)
            minimum = {"rp2": 13000 // st["baudrate"] + 1,
                       "pyboard": 13000 // st["baudrate"] + 2}.get(port, 0)
            st["timeout_char"] = max(st["timeout_char"], minimum)
            if port == "rp2":
                for role in ("tx", "rx"):
                    board.gpio.line(st[role]).select_function("UART")

        def deinit(self):
            if port == "rp2":
                self._state["baudrate"] = 0
                self._state["irq_trigger"] = 0
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
            count = self._port.write(bytes(buf))
            if irq_txidle and self._state["irq_trigger"] & irq_txidle:
                self._fire(irq_txidle)
            return count

        def flush(self):
            return None  # transmission is instantaneous in the emulation

        def txdone(self):
            return True

        def sendbreak(self):
            board.tracer.emit("uart", self._port.name, b"", "break")
            return None

        def irq(self, handler=None, trigger=0, hard=False):
            st = self._state
            if handler is not None or trigger or hard:
                if handler is not None and not callable(handler):
                    raise ValueError("handler must be None or callable")
                not_supported = int(trigger) & ~allowed_triggers
                if trigger and not_supported:
                    raise ValueError("trigger 0x%04x unsupported" % not_supported)
                if port == "esp32" and hard:
                    raise ValueError("hard IRQ is not supported")
                st.update(irq_handler=handler, irq_trigger=int(trigger),
                          irq_hard=bool(hard))
            if "irq_object" not in st:
                st["irq_object"] = UARTIRQ(self)
            return st["irq_object"]

        def _received(self):
            st = self._state
            if st["irq_handler"] is None:
                return
            if irq_rx and st["irq_trigger"] & irq_rx:
                self._fire(irq_rx)
            elif irq_rxidle and st["irq_trigger"] & irq_rxidle:
                self._fire(irq_rxidle)

        def _fire(self, flag):
            st = self._state
            st["irq_flags"] = flag
            if st["irq_handler"] is not None:
                self._call_irq()

        def _call_irq(self):
            st = self._state
            handler = st["irq_handler"]
            if handler is None:
                return
            if st["irq_hard"]:
                hw.call_hard_irq(handler, self)
            else:
                hw.schedule(handler, self)

        def _wait_for_data(self):
            hw.touch()
            if not self._port.any() and self._state["timeout"]:
                hw.sleep_ms(self._state["timeout"])

        def __repr__(self):
            st = self._state
            parity = "None" if st["parity"] is None else str(st["parity"])
            if port == "rp2":
                invert = {0: "None", 1: "INV_TX", 2: "INV_RX", 3: "INV_TX|INV_RX"}[st["invert"]]
                return ("UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d, tx=%d, rx=%d, "
                        "txbuf=%d, rxbuf=%d, timeout=%d, timeout_char=%d, invert=%s, irq=%d)"
                        % (self._id, st["baudrate"], st["bits"], parity, st["stop"], st["tx"],
                           st["rx"], st["txbuf"], st["rxbuf"], st["timeout"],
                           st["timeout_char"], invert, st["irq_trigger"]))
            if port == "esp32":
                text = ("UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d, tx=%d, rx=%d, "
                        "rts=-1, cts=-1, txbuf=%d, rxbuf=%d, timeout=%d, timeout_char=%d, "
                        "irq=%d" % (self._id, esp32_uart_actual_baudrate(st["baudrate"]),
                                    st["bits"], parity, st["stop"], st["tx"], st["rx"],
                                    st["txbuf"], st["rxbuf"], st["timeout"],
                                    st["timeout_char"], st["irq_trigger"]))
                if st["invert"]:
                    names = [n for n, bit in UART_INVERT["esp32"].items()
                             if st["invert"] & bit]
                    text += ", invert=" + "|".join(names)
                return text + ")"
            if st["baudrate"] == 0:
                return "UART(%d)" % self._id
            clock = 84_000_000 if self._id in PYBOARD_FAST_UARTS else 42_000_000
            actual = clock // round(clock / st["baudrate"])
            text = ("UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d, flow=0, timeout=%d, "
                    "timeout_char=%d, rxbuf=%d" % (self._id, actual, st["bits"], parity,
                                                   st["stop"], st["timeout"],
                                                   st["timeout_char"], st["rxbuf"]))
            if st["irq_trigger"]:
                text += "; irq=0x%x" % st["irq_trigger"]
            return text + ")"

    for name, value in UART_INVERT[port].items():
        setattr(UART, name, value)
    for name, value in zip(("IRQ_RX", "IRQ_RXIDLE", "IRQ_TXIDLE", "IRQ_BREAK"),
                           UART_IRQ_FLAGS[port]):
        if value is not None:
            setattr(UART, name, value)
    if port == "rp2":
        UART.CTS, UART.RTS = 1, 2
    return UART
