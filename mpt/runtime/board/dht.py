"""DHT11/DHT22 temperature and humidity sensors on a pin: the 5 bytes they answer with.

A DHT22 sends humidity and temperature in tenths (16 bits each, the temperature's top bit
its sign), a DHT11 whole numbers; the fifth byte is the sum of the other four.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from mpt.errors import UsageError

Source = Callable[[float], float]
MODELS = ("DHT11", "DHT22")
# the host's start signal: 250 ms high, 18 ms low, then about 4 ms of answer
READ_DURATION_NS = 272_000_000


@dataclass
class DhtSensor:
    model: str
    temperature: Source
    humidity: Source

    def __post_init__(self):
        if self.model not in MODELS:
            raise UsageError(f"board file: dht model must be DHT11 or DHT22, not "
                             f"{self.model!r}")

    def reading(self, t: float) -> bytes:
        temperature = self.temperature(t)
        humidity = max(0.0, min(100.0, self.humidity(t)))
        if self.model == "DHT11":
            data = [int(round(humidity)) & 0xFF, 0, int(round(temperature)) & 0xFF, 0]
        else:
            tenths = min(0x7FFF, int(round(abs(temperature) * 10)))
            raw_t = tenths | (0x8000 if temperature < 0 else 0)
            raw_h = int(round(humidity * 10))
            data = [raw_h >> 8, raw_h & 0xFF, raw_t >> 8, raw_t & 0xFF]
        return bytes(data + [sum(data) & 0xFF])
