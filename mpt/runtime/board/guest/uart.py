"""machine.UART for the guest: per-port settings, reprs and IRQs over the board's UartPort.

References: ports/rp2/machine_uart.c, ports/esp32/machine_uart.c, ports/stm32/machine_uart.c.
"""

from __future__ import annotations

from mpt.runtime.board.guest.bus_ports import (ESP32_UART_PINS, RP2_UART_PINS,
                                               esp32_uart_actual_baudrate, rp2_uart_pin_ok)
from mpt.runtime.board.guest.buses import gpio_of
from mpt.runtime.board.guest.hardware import GuestHardware

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
                gpio = gpio_of(Pin, pin)
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
