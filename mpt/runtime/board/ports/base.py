"""The Port base class: what every port shares, and the defaults the ports override."""

from __future__ import annotations

from typing import Any


class Port:
    """A MicroPython port (sys.platform): constant tables as class attributes, behaviour
    differences as methods. One instance per board profile; it holds no guest state."""

    name = ""  # sys.platform
    # the board-level modules this port's firmware has (besides machine, time, ...)
    modules: frozenset[str] = frozenset()
    soft_reboot_text = b"MPY: soft reboot\r\n"

    # --- machine.Pin ----------------------------------------------------------------------
    pin_constants: dict[str, int] = {}
    # Pin methods this port's Pin class lacks
    pin_missing_methods: tuple[str, ...] = ()
    pin_irq_has_flags = True

    # --- machine -------------------------------------------------------------------------
    reset_causes: dict[str, int] = {}

    # --- machine.UART --------------------------------------------------------------------
    # (IRQ_RX, IRQ_RXIDLE, IRQ_TXIDLE, IRQ_BREAK); None where the port has none
    uart_irq_flags: tuple[int | None, ...] = (None, None, None, None)
    uart_invert: dict[str, int] = {}
    uart_extra_constants: dict[str, int] = {}
    uart_missing_wording = "doesn't exist"
    uart_baudrate_required = False

    def uart_constants(self) -> dict[str, int]:
        """The UART class's constants: inversion masks, IRQ triggers, flow control."""
        names = ("IRQ_RX", "IRQ_RXIDLE", "IRQ_TXIDLE", "IRQ_BREAK")
        consts = dict(self.uart_invert)
        consts.update((n, v) for n, v in zip(names, self.uart_irq_flags) if v is not None)
        consts.update(self.uart_extra_constants)
        return consts

    def uart_id(self, id: Any) -> Any:
        """The bus number a UART(id) names."""
        return id

    def uart_default_pins(self, id: int) -> tuple[int, int]:
        """(tx, rx) of a UART before any are given."""
        return (-1, -1)

    def uart_created(self, state: dict) -> None:
        """Creating a UART object (the firmware's static bus object may be reused)."""

    def uart_inits_on_create(self, args: tuple, kwargs: dict) -> bool:
        """Whether UART(id, ...) runs init() even without settings."""
        return True

    def uart_check_bits(self, bits: int) -> None:
        pass

    def uart_check_stop(self, stop) -> None:
        pass

    def uart_check_pin(self, bus: int, gpio: int, role: str) -> None:
        pass

    def uart_check_invert(self, invert: int) -> None:
        pass

    def uart_buffer_size(self, name: str, value: int) -> int:
        return value

    def uart_check_irq(self, hard: bool) -> None:
        pass

    def uart_min_timeout_char(self, baudrate: int) -> int:
        """The shortest timeout_char the port allows (a whole character must fit)."""
        return 0

    def uart_after_init(self, board: Any, state: dict, buffer_given: bool) -> None:
        """What init() does to the pins and buffers after taking the settings."""

    def uart_deinit(self, state: dict) -> None:
        pass

    def uart_repr(self, id: int, state: dict) -> str:
        raise NotImplementedError
