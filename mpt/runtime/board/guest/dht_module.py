"""The guest's `dht` module (frozen into the rp2 and esp32 firmware): DHT11 and DHT22.

An own implementation of its documented API: measure() reads the sensor through
machine.dht_readinto and checks the checksum; temperature() and humidity() decode the last
reading (whole numbers on a DHT11, tenths on a DHT22).
"""

from __future__ import annotations

from mpt.runtime.board.guest.hardware import bind, guest_classes, hardware_for
from mpt.runtime.board.guest.machine import make_module as machine_module


def make_module(ctx):
    hw = hardware_for(ctx)
    dht_readinto = machine_module(ctx)["dht_readinto"]

    base = bind(DHTBase, hw, _readinto=staticmethod(dht_readinto))
    return guest_classes({"DHTBase": base, "DHT11": type("DHT11", (DHT11, base), {}),
                          "DHT22": type("DHT22", (DHT22, base), {}),
                          "dht_readinto": dht_readinto})


class DHTBase:
    """dht.DHTBase: bound per interpreter to its machine.dht_readinto."""
    _hw: object
    _readinto: staticmethod

    def __init__(self, pin):
        self.pin = pin
        self.buf = bytearray(5)

    def measure(self):
        buf = self.buf
        self._readinto(self.pin, buf)
        if (buf[0] + buf[1] + buf[2] + buf[3]) & 0xFF != buf[4]:
            raise Exception("checksum error")


class DHT11(DHTBase):
    def humidity(self):
        return self.buf[0]

    def temperature(self):
        return self.buf[2]


class DHT22(DHTBase):
    def humidity(self):
        return (self.buf[0] << 8 | self.buf[1]) * 0.1

    def temperature(self):
        value = ((self.buf[2] & 0x7F) << 8 | self.buf[3]) * 0.1
        return -value if self.buf[2] & 0x80 else value
