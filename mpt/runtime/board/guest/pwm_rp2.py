"""machine.PWM on the RP2040, with the chip's arithmetic.

Each of the 8 slices has one counter (divider ``div16``/16 and wrap value ``top``) shared
by its two channels A and B, so setting the frequency on one pin changes it on the other
pin of the slice; each channel compares the counter with its own level ``cc``. Values read
back (freq, duty_u16, duty_ns) are computed from those registers, so they show the
rounding a real Pico shows (ports/rp2/machine_pwm.c).
"""

from __future__ import annotations

from mpt.runtime.board.guest.hardware import GuestHardware, bind

TOP_MAX = 65534
NOT_SET, DUTY_U16, DUTY_NS = 0, 1, 2


class _Slice:
    def __init__(self):
        self.div16 = 16
        self.top = 0xFFFF
        self.cc = [0, 0]
        self.freq_set = False
        self.enabled = False


def _slice_hz(source_hz: int, offset: int, div16: int) -> int:
    return (16 * source_hz + offset) // div16


def bind_rp2_pwm_class(hw: GuestHardware, Pin) -> type:
    return bind(PWM, hw, _Pin=Pin, _slices=[_Slice() for _ in range(8)], _channels={},
                _shared={"defer": False})


class PWM:
    """machine.PWM on the RP2040 (bound per interpreter: bind_rp2_pwm_class)."""
    _hw: GuestHardware
    _Pin: type
    _slices: list[_Slice]
    _channels: dict[tuple[int, int], "PWM"]
    _shared: dict  # "defer": init() publishes once, after all its settings
    _slice_no: int  # (set by __new__, once per channel, with _channel)
    _channel: int
    def __new__(cls, dest, *args, **kwargs):
        gpio = dest._gpio if isinstance(dest, cls._Pin) else cls._Pin(dest)._gpio
        key = ((gpio >> 1) & 7, gpio & 1)
        self = cls._channels.get(key)
        if self is None:
            self = cls._channels[key] = object.__new__(cls)
            self._slice_no, self._channel = key
            self._duty = 0
        self._gpio = gpio
        return self

    def __init__(self, dest, freq=-1, *, duty_u16=-1, duty_ns=-1, invert=-1):
        self._invert = 0
        self._duty_type = NOT_SET
        self.init(freq, duty_u16=duty_u16, duty_ns=duty_ns, invert=invert)
        line = self._hw.board.gpio.line(self._gpio)
        line.select_function("PWM")

    @property
    def _slice(self) -> _Slice:
        return self._slices[self._slice_no]

    def init(self, freq=-1, *, duty_u16=-1, duty_ns=-1, invert=-1):
        self._shared["defer"] = True
        try:
            if freq != -1:
                self._set_freq(int(freq))
            if duty_u16 != -1:
                self._set_duty_u16(int(duty_u16))
            if duty_ns != -1:
                self._set_duty_ns(int(duty_ns))
            if invert != -1:
                self._invert = 1 if invert else 0
        finally:
            self._shared["defer"] = False
        self._start()

    def _start(self):
        s = self._slice
        if not self._shared["defer"] and s.freq_set and self._duty_type != NOT_SET:
            s.enabled = True
            self._publish()

    def _set_freq(self, freq):
        hz = self._hw.board.cpu_freq
        if freq <= 0:
            raise ValueError("freq too small")
        if (hz + freq // 2) // freq < TOP_MAX:
            div16 = 16
            top = (hz + freq // 2) // freq - 1
        else:
            div16 = _slice_hz(hz, TOP_MAX * freq - 1, TOP_MAX * freq)
            top = _slice_hz(hz, div16 * freq // 2, div16 * freq) - 1
        if div16 < 16:
            raise ValueError("freq too large")
        if div16 >= 256 * 16:
            raise ValueError("freq too small")
        s = self._slice
        s.div16, s.top, s.freq_set = div16, top, True
        for channel in (0, 1):  # both channels keep their duty at the new frequency
            other = self._channels.get((self._slice_no, channel))
            if other is None:
                continue
            if other._duty_type == DUTY_U16:
                other._set_duty_u16(other._duty)
            elif other._duty_type == DUTY_NS:
                other._set_duty_ns(other._duty)

    def _set_duty_u16(self, duty_u16):
        s = self._slice
        duty_u16 = min(duty_u16, 65535)
        s.cc[self._channel] = (duty_u16 * (s.top + 1) + 65535 // 2) // 65535 & 0xFFFF
        self._duty, self._duty_type = duty_u16, DUTY_U16
        self._start()

    def _set_duty_ns(self, duty_ns):
        s = self._slice
        slice_hz = _slice_hz(self._hw.board.cpu_freq, s.div16 // 2, s.div16)
        cc = (duty_ns * slice_hz + 500_000_000) // 1_000_000_000
        s.cc[self._channel] = min(cc, s.top + 1) & 0xFFFF
        self._duty, self._duty_type = duty_ns, DUTY_NS
        self._start()

    def freq(self, value=None):
        if value is None:
            s = self._slice
            if not s.freq_set:
                return 0
            div = s.div16 * (s.top + 1)
            return _slice_hz(self._hw.board.cpu_freq, div // 2, div)
        self._set_freq(int(value))
        self._publish()

    def duty_u16(self, value=None):
        if value is None:
            s = self._slice
            if self._duty_type == NOT_SET or not s.freq_set:
                return 0
            cc = s.cc[self._channel]
            return (cc * 65535 + (s.top + 1) // 2) // (s.top + 1)
        self._set_duty_u16(int(value))

    def duty_ns(self, value=None):
        if value is None:
            s = self._slice
            if self._duty_type == NOT_SET or not s.freq_set:
                return 0
            slice_hz = _slice_hz(self._hw.board.cpu_freq, s.div16 // 2, s.div16)
            return (s.cc[self._channel] * 1_000_000_000 + slice_hz // 2) // slice_hz
        self._set_duty_ns(int(value))

    def deinit(self):
        s = self._slice
        s.enabled = False
        for channel in (0, 1):
            pwm = self._channels.get((self._slice_no, channel))
            if pwm is not None:
                self._hw.board.pwm_channel(pwm._gpio).stop()

    def _publish(self):
        """Show the waveforms of the slice's started channels (trace, VCD)."""
        if not self._slice.enabled:
            return
        for channel in (0, 1):
            pwm = self._channels.get((self._slice_no, channel))
            if pwm is None or pwm._duty_type == NOT_SET:
                continue
            duty = pwm.duty_u16()
            self._hw.board.pwm_channel(pwm._gpio).set(
                freq=pwm.freq(), duty_u16=65535 - duty if pwm._invert else duty)

    def __repr__(self):
        return "<PWM slice=%d channel=%d invert=%d>" % (
            self._slice_no, self._channel, self._invert)

