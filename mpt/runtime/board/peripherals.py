"""Host models of the simpler peripherals: PWM outputs, ADC inputs, SPI, UART."""

from __future__ import annotations

from typing import Callable

from mpt.runtime.board.trace import Tracer

Source = Callable[[float], float]


class PwmChannel:
    """A PWM output on one pin: frequency and duty (16-bit), traced on every change."""

    def __init__(self, label: str, tracer: Tracer):
        self.label = label
        self._tracer = tracer
        self.freq = 0
        self.duty_u16 = 0
        self.active = False

    def set(self, *, freq: int | None = None, duty_u16: int | None = None) -> None:
        if freq is not None:
            self.freq = freq
        if duty_u16 is not None:
            self.duty_u16 = duty_u16
        self.active = True
        self._tracer.emit("pwm", self.label, (self.freq, self.duty_u16))

    def stop(self) -> None:
        if self.active:
            self.active = False
            self._tracer.emit("pwm", self.label, None, "deinit")


class AdcInputs:
    """Analog levels per channel key (GPIO number or internal channel), as 16-bit readings."""

    def __init__(self, now_s: Callable[[], float], tracer: Tracer):
        self._now_s = now_s
        self._tracer = tracer
        self.sources: dict[object, Source] = {}

    def read_u16(self, key: object, label: str) -> int:
        source = self.sources.get(key)
        value = 0 if source is None else int(round(source(self._now_s())))
        value = max(0, min(0xFFFF, value))
        self._tracer.emit("adc", label, value)
        return value


class SpiBus:
    """A SPI bus; with no device attached MISO idles high, so reads give 0xFF bytes."""

    def __init__(self, name: str, tracer: Tracer):
        self.name = name
        self._tracer = tracer
        self.device: Callable[[bytes], bytes] | None = None
        self.loopback = False

    def transfer(self, out: bytes) -> bytes:
        if self.loopback:
            data = bytes(out)
        elif self.device is not None:
            data = bytes(self.device(bytes(out)))[: len(out)].ljust(len(out), b"\xff")
        else:
            data = b"\xff" * len(out)
        self._tracer.emit("spi", self.name, bytes(out), "in " + (data.hex(" ") or "(none)"))
        return data


class UartPort:
    """A UART: bytes the program writes go to listeners; bytes fed by the host wait in RX."""

    def __init__(self, name: str, tracer: Tracer):
        self.name = name
        self._tracer = tracer
        self.rx = bytearray()
        self.loopback = False
        self.tx_listeners: list[Callable[[bytes], None]] = []
        self.host_output: str | None = None  # "stdout"/"stderr": where `mpt run` copies TX
        self.rx_listeners: list[Callable[[], None]] = []  # told when bytes arrive

    def feed(self, data: bytes) -> None:
        self.rx += data
        if data:
            for listener in self.rx_listeners:
                listener()

    def write(self, data: bytes) -> int:
        data = bytes(data)
        self._tracer.emit("uart", self.name, data, "tx")
        if self.loopback:
            self.feed(data)
        for listener in self.tx_listeners:
            listener(data)
        return len(data)

    def any(self) -> int:
        return len(self.rx)

    def read(self, nbytes: int | None = None) -> bytes:
        if nbytes is None or nbytes > len(self.rx):
            nbytes = len(self.rx)
        data = bytes(self.rx[:nbytes])
        del self.rx[:nbytes]
        if data:
            self._tracer.emit("uart", self.name, data, "rx")
        return data

    def readline(self) -> bytes:
        end = self.rx.find(b"\n")
        return self.read(len(self.rx) if end < 0 else end + 1)
