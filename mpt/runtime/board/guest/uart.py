"""machine.UART for the guest: settings, reprs and IRQs over the board's UartPort.

The class is port-neutral; each port's differences (default pins, checks, buffer sizes,
repr) are methods of its :class:`~mpt.runtime.board.ports.Port`. References:
ports/rp2/machine_uart.c, ports/esp32/machine_uart.c, ports/stm32/machine_uart.c.
"""

from __future__ import annotations

from typing import Any

from mpt.runtime.board.guest.buses import gpio_of
from mpt.runtime.board.guest.hardware import GuestHardware, bind


def bind_uart_class(hw: GuestHardware, Pin) -> type:
    """machine.UART for one interpreter: the bus objects persist as in the firmware."""
    port = hw.port
    flags = port.uart_irq_flags
    allowed = sum(f for f in flags if f)
    return bind(UART, hw, _Pin=Pin, _states={}, _irq_flags=flags, _allowed_triggers=allowed,
                **port.uart_constants())


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


def _defaults(port, id) -> dict[str, Any]:
    state = {"baudrate": 0, "bits": 8, "parity": None, "stop": 1, "timeout": 0,
             "timeout_char": 0, "txbuf": 256, "rxbuf": 256, "invert": 0,
             "irq_trigger": 0, "irq_flags": 0, "irq_handler": None,
             "irq_hard": False, "tx": -1, "rx": -1}
    state["tx"], state["rx"] = port.uart_default_pins(id)
    return state


class UART:
    _hw: GuestHardware  # these five are bound per interpreter (bind_uart_class)
    _Pin: type
    _states: dict[int, dict]
    _irq_flags: tuple
    _allowed_triggers: int

    def __init__(self, id, *args, **kwargs):
        port = self._hw.port
        id = port.uart_id(id)
        if id not in self._hw.board.profile.uart_ids:
            raise ValueError("UART(%s) %s" % (id, port.uart_missing_wording))
        self._id = id
        self._port = self._hw.board.uart("UART%d" % id)
        fresh = id not in self._states
        self._state = self._states.setdefault(id, _defaults(port, id))
        port.uart_created(self._state)
        if fresh:
            self._port.rx_listeners.append(lambda: self._received())
        if port.uart_inits_on_create(args, kwargs):
            self.init(*args, **kwargs)

    def init(self, baudrate=-1, bits=-1, parity=-1, stop=-1, *, tx=None, rx=None,
             timeout=-1, timeout_char=-1, txbuf=-1, rxbuf=-1, invert=-1, flow=-1,
             cts=None, rts=None, read_buf_len=-1):
        st = self._state
        port = self._hw.port
        if port.uart_baudrate_required and baudrate == -1:
            raise TypeError("'baudrate' argument required")
        if baudrate != -1 and int(baudrate) > 0:
            st["baudrate"] = int(baudrate)
        elif st["baudrate"] == 0:
            st["baudrate"] = 115200
        if bits != -1:
            port.uart_check_bits(bits)
            st["bits"] = int(bits)
        if not (isinstance(parity, int) and parity == -1):
            st["parity"] = None if parity is None else int(parity) & 1
        if stop != -1:
            port.uart_check_stop(stop)
            st["stop"] = int(stop)
        for role, pin in (("tx", tx), ("rx", rx)):
            if pin is not None:
                gpio = gpio_of(self._Pin, pin)
                port.uart_check_pin(self._id, gpio, role)
                st[role] = gpio
        if timeout != -1:
            st["timeout"] = int(timeout)
        if timeout_char != -1:
            st["timeout_char"] = int(timeout_char)
        if invert != -1:
            port.uart_check_invert(int(invert))
            st["invert"] = int(invert)
        for name, value in (("txbuf", txbuf), ("rxbuf", rxbuf)):
            if value != -1 and int(value) > 0:
                st[name] = port.uart_buffer_size(name, int(value))
        st["timeout_char"] = max(st["timeout_char"], port.uart_min_timeout_char(st["baudrate"]))
        port.uart_after_init(self._hw.board, st, read_buf_len != -1 or rxbuf != -1)

    def deinit(self):
        self._hw.port.uart_deinit(self._state)
        return None

    def any(self):
        self._hw.touch()
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
        irq_txidle = self._irq_flags[2]
        if irq_txidle and self._state["irq_trigger"] & irq_txidle:
            self._fire(irq_txidle)
        return count

    def flush(self):
        return None  # transmission is instantaneous in the emulation

    def txdone(self):
        return True

    def sendbreak(self):
        self._hw.board.tracer.emit("uart", self._port.name, b"", "break")
        return None

    def irq(self, handler=None, trigger=0, hard=False):
        st = self._state
        if handler is not None or trigger or hard:
            if handler is not None and not callable(handler):
                raise ValueError("handler must be None or callable")
            not_supported = int(trigger) & ~self._allowed_triggers
            if trigger and not_supported:
                raise ValueError("trigger 0x%04x unsupported" % not_supported)
            self._hw.port.uart_check_irq(hard)
            st.update(irq_handler=handler, irq_trigger=int(trigger), irq_hard=bool(hard))
        if "irq_object" not in st:
            st["irq_object"] = UARTIRQ(self)
        return st["irq_object"]

    def _received(self):
        st = self._state
        if st["irq_handler"] is None:
            return
        irq_rx, irq_rxidle = self._irq_flags[:2]
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
            self._hw.call_hard_irq(handler, self)
        else:
            self._hw.schedule(handler, self)

    def _wait_for_data(self):
        self._hw.touch()
        if not self._port.any() and self._state["timeout"]:
            self._hw.sleep_ms(self._state["timeout"])

    def __repr__(self):
        return self._hw.port.uart_repr(self._id, self._state)
