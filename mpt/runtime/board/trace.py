"""Hardware events as they happen: one stream, several listeners (text trace, VCD)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, TextIO


@dataclass(frozen=True)
class HardwareEvent:
    time_ns: int
    kind: str      # "pin", "pwm", "i2c", "spi", "uart", "adc", "wdt", "board"
    source: str    # e.g. "GP25", "I2C0", "UART1"
    value: object  # pin level, (freq, duty_u16), bytes, ...
    detail: str = ""


Listener = Callable[[HardwareEvent], None]


class Tracer:
    def __init__(self, now_ns: Callable[[], int]):
        self._now_ns = now_ns
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @property
    def active(self) -> bool:
        return bool(self._listeners)

    def emit(self, kind: str, source: str, value: object, detail: str = "") -> None:
        if not self._listeners:
            return
        event = HardwareEvent(self._now_ns(), kind, source, value, detail)
        for listener in self._listeners:
            listener(event)


def format_event(event: HardwareEvent) -> str:
    """One line: seconds since boot with microsecond resolution, kind, source, value."""
    seconds = event.time_ns / 1e9
    value = event.value
    if isinstance(value, (bytes, bytearray)):
        shown = value.hex(" ") if value else "(none)"
    elif isinstance(value, tuple) and event.kind == "pwm":
        freq, duty = value
        shown = f"freq={freq} duty_u16={duty}"
    else:
        shown = str(value)
    line = f"[{seconds:12.6f}] {event.kind:<4} {event.source} {shown}"
    if event.detail:
        line += f" ({event.detail})"
    return line


class TextTrace:
    """Writes each event as one line to a text stream (stderr for `--trace`)."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def __call__(self, event: HardwareEvent) -> None:
        self._stream.write(format_event(event) + "\n")
        self._stream.flush()
