"""The stm32 port as the pyboard (PYBv1.1, STM32F405) runs it.
Reference: ports/stm32/machine_*.c, pyb_*.c."""

from __future__ import annotations

from typing import Any

from mpt.runtime.board.ports.base import Port

PYBOARD_FAST_UARTS = (1, 6)  # on APB2 (84 MHz); the others run from APB1 (42 MHz)
PYBOARD_UART_NAMES = {"XA": 4, "XB": 1, "YA": 2, "YB": 3}
PYBOARD_UART_RXBUF = 64


class Stm32Port(Port):
    name = "pyboard"
    modules = frozenset({"pyb"})
    soft_reboot_text = b"MPY: sync filesystems\r\nMPY: soft reboot\r\n"  # syncs storage first

    pin_constants = {"IN": 0, "OUT": 1, "OPEN_DRAIN": 0x11, "ALT": 2, "ALT_OPEN_DRAIN": 0x12,
                     "ANALOG": 3, "PULL_NONE": 0, "PULL_UP": 1, "PULL_DOWN": 2,
                     "IRQ_RISING": 0x10110000, "IRQ_FALLING": 0x10210000, "OUT_PP": 1,
                     "OUT_OD": 0x11, "AF_PP": 2, "AF_OD": 0x12}
    pin_missing_methods = ("toggle",)
    reset_causes = {"PWRON_RESET": 1, "HARD_RESET": 2, "WDT_RESET": 3, "DEEPSLEEP_RESET": 4,
                    "SOFT_RESET": 0}

    # --- machine.UART --------------------------------------------------------------------
    uart_irq_flags = (0x20, 0x10, None, None)
    uart_invert = {"INV_TX": 1, "INV_RX": 2}
    uart_baudrate_required = True

    def uart_id(self, id: Any) -> Any:
        return PYBOARD_UART_NAMES.get(id, id)

    def uart_inits_on_create(self, args: tuple, kwargs: dict) -> bool:
        return bool(args or kwargs)

    def uart_min_timeout_char(self, baudrate: int) -> int:
        return 13000 // baudrate + 2  # 13 bits

    def uart_after_init(self, board: Any, state: dict, buffer_given: bool) -> None:
        if not buffer_given:
            state["rxbuf"] = PYBOARD_UART_RXBUF

    def uart_repr(self, id: int, st: dict) -> str:
        if st["baudrate"] == 0:
            return "UART(%d)" % id
        parity = "None" if st["parity"] is None else str(st["parity"])
        clock = 84_000_000 if id in PYBOARD_FAST_UARTS else 42_000_000
        actual = clock // round(clock / st["baudrate"])
        text = ("UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d, flow=0, timeout=%d, "
                "timeout_char=%d, rxbuf=%d" % (id, actual, st["bits"], parity, st["stop"],
                                               st["timeout"], st["timeout_char"],
                                               st["rxbuf"]))
        if st["irq_trigger"]:
            text += "; irq=0x%x" % st["irq_trigger"]
        return text + ")"
