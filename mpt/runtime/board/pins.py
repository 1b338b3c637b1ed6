"""GPIO levels: what the program drives, what the outside world drives, and edge interrupts."""

from __future__ import annotations

from typing import Callable

from mpt.runtime.board.trace import Tracer

MODE_IN = 0
MODE_OUT = 1
MODE_OPEN_DRAIN = 2
MODE_ALT = 3

PULL_NONE = None
PULL_UP = 1
PULL_DOWN = 2

IRQ_FALLING = 1
IRQ_RISING = 2

IrqHandler = Callable[[int], None]  # called with the trigger flag that fired


class GpioLine:
    """One GPIO: its configuration, output latch, external drive and IRQ."""

    def __init__(self, gpio: int, label: str, tracer: Tracer):
        self.gpio = gpio
        self.label = label
        self._tracer = tracer
        self.mode: int = MODE_IN
        self.pull: int | None = PULL_NONE
        self.out_value = 0
        self.external: int | None = None  # level forced by a virtual peripheral or schedule
        self.irq_trigger = 0
        self.irq_handler: IrqHandler | None = None
        self.irq_flags = 0
        # the peripheral the pin is handed to ("PWM", "I2C", ...); None: plain GPIO
        self.function: str | None = None
        self._last_level = self.level()

    def level(self) -> int:
        """The electrical level on the pin as the MCU would read it."""
        if self.mode == MODE_OUT:
            return self.out_value
        if self.mode == MODE_OPEN_DRAIN and self.out_value == 0:
            return 0
        if self.external is not None:
            return self.external
        if self.pull == PULL_DOWN:
            return 0
        if self.pull == PULL_UP or self.mode == MODE_OPEN_DRAIN:
            return 1
        return 0  # a floating input reads low in the emulation

    def configure(self, mode: int | None = None, pull: int | None | bool = False,
                  value: int | None = None) -> None:
        if value is not None:
            self.out_value = 1 if value else 0
        if mode is not None:
            self.mode = mode
            self.function = None
        if pull is not False:
            self.pull = pull
        self._update()

    def select_function(self, name: str, pull: int | None | bool = False) -> None:
        """Hand the pin to a peripheral (its level is then the peripheral's business)."""
        self.configure(MODE_ALT, pull)
        self.function = name

    def write(self, value) -> None:
        self.out_value = 1 if value else 0
        self._update()

    def drive(self, level: int | None) -> None:
        """Set (or with None release) the level the outside world puts on the pin."""
        self.external = None if level is None else (1 if level else 0)
        self._update()

    def set_irq(self, trigger: int, handler: IrqHandler | None) -> None:
        self.irq_trigger = trigger
        self.irq_handler = handler

    def _update(self) -> None:
        level = self.level()
        if level == self._last_level:
            return
        self._last_level = level
        self._tracer.emit("pin", self.label, level)
        edge = IRQ_RISING if level else IRQ_FALLING
        if self.irq_handler is not None and self.irq_trigger & edge:
            self.irq_flags = edge
            self.irq_handler(edge)


class GpioBank:
    """All GPIOs of a board, created on first use."""

    def __init__(self, labeler: Callable[[int], str], tracer: Tracer):
        self._labeler = labeler
        self._tracer = tracer
        self._lines: dict[int, GpioLine] = {}

    def line(self, gpio: int) -> GpioLine:
        line = self._lines.get(gpio)
        if line is None:
            line = self._lines[gpio] = GpioLine(gpio, self._labeler(gpio), self._tracer)
        return line

    def reset(self) -> None:
        """A soft reset clears IRQ handlers (they belong to the old program) but not levels."""
        for line in self._lines.values():
            line.set_irq(0, None)
