"""A Value Change Dump (IEEE 1364 §18) of pin levels and PWM settings.

Pins are 1-bit wires. A PWM output is recorded as two real variables, its duty cycle as a
fraction (0.0-1.0) and its frequency in Hz, rather than as a sampled square wave: that keeps
the file small for long runs and shows exactly what the program set. Variables are only known
once the program touches them, so changes are collected and the file is written on close.
"""

from __future__ import annotations

import datetime
import re
from typing import TextIO, cast

from mpt.runtime.board.trace import HardwareEvent

_IDENT_CHARS = [chr(c) for c in range(33, 127)]


def _identifier(index: int) -> str:
    chars = []
    while True:
        index, rem = divmod(index, len(_IDENT_CHARS))
        chars.append(_IDENT_CHARS[rem])
        if index == 0:
            return "".join(chars)
        index -= 1


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name) or "_"


class VcdRecorder:
    """Listens to hardware events; ``write`` produces the VCD text."""

    def __init__(self, timescale_ns: int = 1000):
        self.timescale_ns = timescale_ns
        self._vars: dict[str, tuple[str, str]] = {}  # name -> (kind "wire"/"real", identifier)
        self._changes: list[tuple[int, str, str, str]] = []  # (time, identifier, value, kind)
        self._last: dict[str, str] = {}

    def __call__(self, event: HardwareEvent) -> None:
        if event.kind == "pin":
            self._change(event.time_ns, event.source, "wire", str(int(bool(event.value))))
        elif event.kind == "pwm":
            if event.value is None:  # deinit
                self._change(event.time_ns, event.source + "_duty", "real", "0")
                return
            freq, duty_u16 = cast("tuple[float, int]", event.value)
            self._change(event.time_ns, event.source + "_duty", "real", _real(duty_u16 / 65535))
            self._change(event.time_ns, event.source + "_freq", "real", _real(freq))

    def _change(self, time_ns: int, name: str, kind: str, value: str) -> None:
        name = _safe_name(name)
        if name not in self._vars:
            self._vars[name] = (kind, _identifier(len(self._vars)))
        ident = self._vars[name][1]
        if self._last.get(ident) == value:
            return
        self._last[ident] = value
        self._changes.append((time_ns // self.timescale_ns, ident, value, self._vars[name][0]))

    def write(self, stream: TextIO, *, board_name: str = "board") -> None:
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        stream.write(f"$date {now} $end\n")
        stream.write("$version mpt emulated board $end\n")
        stream.write(f"$timescale {_timescale_text(self.timescale_ns)} $end\n")
        stream.write(f"$scope module {_safe_name(board_name)} $end\n")
        for name, (kind, ident) in self._vars.items():
            width = 1 if kind == "wire" else 64
            stream.write(f"$var {kind} {width} {ident} {name} $end\n")
        stream.write("$upscope $end\n$enddefinitions $end\n")
        stream.write("#0\n$dumpvars\n")
        first_at_zero = {ident for t, ident, _, _ in self._changes if t == 0}
        for kind, ident in self._vars.values():
            if ident not in first_at_zero:
                stream.write("x" + ident + "\n" if kind == "wire" else f"r0 {ident}\n")
        stream.write("$end\n")
        current = 0
        for time, ident, value, kind in self._changes:
            if time != current:
                stream.write(f"#{time}\n")
                current = time
            stream.write(value + ident + "\n" if kind == "wire" else f"r{value} {ident}\n")

    @property
    def variables(self) -> dict[str, str]:
        return {name: kind for name, (kind, _) in self._vars.items()}


def _real(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _timescale_text(ns: int) -> str:
    for unit, size in (("s", 10**9), ("ms", 10**6), ("us", 10**3), ("ns", 1)):
        if ns % size == 0 and ns // size in (1, 10, 100):
            return f"{ns // size}{unit}"
    raise ValueError("timescale must be 1, 10 or 100 of a unit")
