"""The esp32 port (ESP32 generic). Reference: ports/esp32/machine_*.c."""

from __future__ import annotations

from mpt.runtime.board.guest.bus_ports import ESP32_UART_PINS, esp32_uart_actual_baudrate
from mpt.runtime.board.ports.base import Port


class Esp32Port(Port):
    name = "esp32"
    modules = frozenset({"esp32", "dht", "neopixel", "onewire"})

    pin_constants = {"IN": 1, "OUT": 3, "OPEN_DRAIN": 7, "PULL_UP": 2, "PULL_DOWN": 1,
                     "IRQ_RISING": 1, "IRQ_FALLING": 2, "WAKE_LOW": 4, "WAKE_HIGH": 5,
                     "DRIVE_0": 0, "DRIVE_1": 1, "DRIVE_2": 2, "DRIVE_3": 3}
    pin_missing_methods = ("low", "high", "mode", "pull")
    pin_irq_has_flags = False  # the esp32's pin IRQ object has trigger() only
    reset_causes = {"PWRON_RESET": 1, "HARD_RESET": 2, "WDT_RESET": 3, "DEEPSLEEP_RESET": 4,
                    "SOFT_RESET": 5}

    # --- machine.UART --------------------------------------------------------------------
    uart_irq_flags = (1, 0x1000, None, 2)
    uart_invert = {"INV_TX": 0x20, "INV_RX": 0x4, "INV_RTS": 0x40, "INV_CTS": 0x8}
    uart_missing_wording = "does not exist"

    def uart_default_pins(self, id: int) -> tuple[int, int]:
        return ESP32_UART_PINS[id]

    def uart_check_bits(self, bits: int) -> None:
        if bits not in (5, 6, 7, 8):
            raise ValueError("invalid data bits")

    def uart_check_stop(self, stop) -> None:
        if stop not in (1, 1.5, 2):
            raise ValueError("invalid stop bits")

    def uart_check_irq(self, hard: bool) -> None:
        if hard:
            raise ValueError("hard IRQ is not supported")

    def uart_repr(self, id: int, st: dict) -> str:
        parity = "None" if st["parity"] is None else str(st["parity"])
        text = ("UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d, tx=%d, rx=%d, "
                "rts=-1, cts=-1, txbuf=%d, rxbuf=%d, timeout=%d, timeout_char=%d, "
                "irq=%d" % (id, esp32_uart_actual_baudrate(st["baudrate"]),
                            st["bits"], parity, st["stop"], st["tx"], st["rx"],
                            st["txbuf"], st["rxbuf"], st["timeout"],
                            st["timeout_char"], st["irq_trigger"]))
        if st["invert"]:
            names = [n for n, bit in self.uart_invert.items() if st["invert"] & bit]
            text += ", invert=" + "|".join(names)
        return text + ")"
