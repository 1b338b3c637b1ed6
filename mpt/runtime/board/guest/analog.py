"""machine.PWM and machine.ADC for the guest.

The classes are port-neutral; each port's pins, channels, checks and reprs are methods of
its :class:`~mpt.runtime.board.ports.Port` (pwm_*, adc_*).
"""

from __future__ import annotations

from mpt.runtime.board.guest.hardware import GuestHardware, bind
from mpt.runtime.board.guest.pwm_rp2 import bind_rp2_pwm_class
from mpt.runtime.board.ports.base import clamp_u16, twelve_bit

_UNSET = object()


def bind_pwm_class(hw: GuestHardware, Pin) -> type:
    """machine.PWM: the rp2 models the RP2040's slices; the others a channel per pin."""
    if hw.port.pwm_model == "slices":
        return bind_rp2_pwm_class(hw, Pin)
    return bind(PWM, hw, mixins=hw.port.pwm_mixins, _Pin=Pin)


class PWM:
    """machine.PWM over one board PWM channel (esp32 LEDC, stm32 timer channels)."""
    _hw: GuestHardware  # bound per interpreter
    _Pin: type

    def __init__(self, dest, freq=_UNSET, *, duty_u16=_UNSET, duty_ns=_UNSET,
                 invert=False, duty=_UNSET):
        board = self._hw.board
        port = self._hw.port
        pin = dest if isinstance(dest, self._Pin) else self._Pin(dest)
        gpio = pin._gpio
        allowed = board.profile.pwm_gpios
        if allowed is not None and gpio not in allowed:
            raise ValueError("pin can only be input")
        self._timer = port.pwm_attach(board, gpio)
        self._pin = pin
        self._channel = board.pwm_channel(gpio)
        self._invert = bool(invert)
        self._scale = None  # which duty form was set last (the esp32 prints that one)
        if not self._channel.active and self._channel.freq == 0:
            self._channel.freq = port.pwm_default_freq
        self.init(freq=freq, duty_u16=duty_u16, duty_ns=duty_ns, duty=duty)

    def init(self, freq=_UNSET, *, duty_u16=_UNSET, duty_ns=_UNSET, duty=_UNSET,
             invert=_UNSET):
        port = self._hw.port
        if invert is not _UNSET:
            self._invert = bool(invert)
        if freq is not _UNSET:
            port.pwm_check_freq(int(freq))
        new_freq = self._channel.freq if freq is _UNSET else int(freq)
        new_duty = None
        if duty_u16 is not _UNSET:
            port.pwm_check_duty_u16(int(duty_u16))
            new_duty = clamp_u16(duty_u16)
            self._scale = "duty_u16"
        elif duty_ns is not _UNSET:
            new_duty = self._ns_to_u16(duty_ns, new_freq)
            self._scale = "duty_ns"
        elif duty is not _UNSET and port.pwm_has_duty:
            new_duty = port.pwm_duty_to_u16(int(duty))
            self._scale = "duty"
        elif self._scale is None and port.pwm_start_duty_u16 is not None:
            new_duty, self._scale = port.pwm_start_duty_u16, "duty_u16"
        self._channel.set(freq=new_freq, duty_u16=new_duty)

    def _ns_to_u16(self, ns, freq):
        if freq <= 0:
            return 0
        period_ns = 1_000_000_000 / freq
        return clamp_u16(round(int(ns) * 65535 / period_ns))

    def freq(self, value=_UNSET):
        if value is _UNSET:
            return self._channel.freq
        self.init(freq=value)

    def duty_u16(self, value=_UNSET):
        if value is _UNSET:
            return self._channel.duty_u16
        self.init(duty_u16=value)

    def duty_ns(self, value=_UNSET):
        if value is _UNSET:
            if self._channel.freq <= 0:
                return 0
            return round(self._channel.duty_u16 * 1_000_000_000
                         / self._channel.freq / 65535)
        self.init(duty_ns=value)

    def deinit(self):
        self._channel.stop()

    def __repr__(self):
        return self._hw.port.pwm_repr(self)


def bind_adc_class(hw: GuestHardware, Pin) -> type:
    """machine.ADC: a 12-bit converter on every port; read_u16() scales the sample to 16
    bits as the ports do. rp2 takes a channel (0-4) or an ADC pin; the esp32 adds
    atten/width/read/read_uv; the pyboard also reads internal channels by number."""
    port = hw.port
    port.adc_setup(hw.board)
    # _shared: the ADC block's settings, common to its channels (the esp32's width)
    return bind(ADC, hw, mixins=port.adc_mixins, _Pin=Pin, _shared={"width": 12},
                **port.adc_constants)


class ADC:
    _hw: GuestHardware  # bound per interpreter
    _Pin: type
    _shared: dict

    def __init__(self, source, *args, atten=-1):
        port = self._hw.port
        profile = self._hw.board.profile
        port.adc_check_args(args, atten)
        self._atten = 3
        self._channel = None
        if isinstance(source, int) and not isinstance(source, bool):
            channel = port.adc_channel(source)
            if channel is not None:
                self._channel, self._key = source, channel
                self._label = "ADC%d" % source
                return
        pin = source if isinstance(source, self._Pin) else self._Pin(source)
        if pin._gpio not in profile.adc_gpios:
            raise ValueError(port.adc_pin_error(pin._gpio))
        self._key = pin._gpio
        self._label = profile.gpio_label(pin._gpio)
        self._gpio = pin._gpio
        self._channel = port.adc_pin_channel(pin._gpio)
        port.adc_attach(self, pin._gpio, atten)

    def _sample(self) -> tuple[int, int]:
        """(raw 12-bit sample, the 16-bit value the ports report for it)."""
        self._hw.touch()
        return twelve_bit(self._hw.board.adc.read_u16(self._key, self._label))

    def read_u16(self):
        return self._hw.port.adc_read_u16(self)

    def __repr__(self):
        return self._hw.port.adc_repr(self)
