"""The guest's `neopixel` module, which the rp2 and esp32 firmware include (frozen).

An own implementation of its documented API: NeoPixel(pin, n, bpp=3, timing=1) holding
GRB(W) bytes in ``buf``, item access in RGB(W) order, fill() and write(), which sends the
buffer with machine.bitstream (so --trace shows each write's bytes).
"""

from __future__ import annotations

from mpt.runtime.board.guest.hardware import bind, guest_classes, hardware_for
from mpt.runtime.board.guest.machine import make_module as machine_module

# where each of R, G, B, W goes in a pixel's bytes (the LEDs take green first)
ORDER = (1, 0, 2, 3)
TIMING_800KHZ = (400, 850, 800, 450)
TIMING_400KHZ = (800, 1700, 1600, 900)


def make_module(ctx):
    hw = hardware_for(ctx)
    bitstream = machine_module(ctx)["bitstream"]

    return guest_classes({"NeoPixel": bind(NeoPixel, hw, _bitstream=staticmethod(bitstream))})


class NeoPixel:
    """neopixel.NeoPixel: bound per interpreter to its machine.bitstream."""
    _bitstream: staticmethod
    ORDER = ORDER

    def __init__(self, pin, n, bpp=3, timing=1):
        self.pin = pin
        self.n = n
        self.bpp = bpp
        self.buf = bytearray(n * bpp)
        self.pin.init(pin.OUT)
        if isinstance(timing, int):
            self.timing = TIMING_800KHZ if timing else TIMING_400KHZ
        else:
            self.timing = timing

    def __len__(self):
        return self.n

    def __setitem__(self, index, value):
        offset = index * self.bpp
        for i in range(self.bpp):
            self.buf[offset + ORDER[i]] = value[i]

    def __getitem__(self, index):
        offset = index * self.bpp
        return tuple(self.buf[offset + ORDER[i]] for i in range(self.bpp))

    def fill(self, value):
        for index in range(self.n):
            self[index] = value

    def write(self):
        self._bitstream(self.pin, 0, self.timing, self.buf)
