"""machine.PWM and machine.ADC for the guest."""

from __future__ import annotations

from mpt.runtime.board.guest.hardware import GuestHardware
from mpt.runtime.board.guest.pwm_rp2 import build_rp2_pwm_class

_UNSET = object()
ADC_VREF_UV = 3_300_000
RP2_TEMPERATURE_CHANNEL = 4
# the RP2040 sensor reads about 0.706 V at 27 C
RP2_TEMPERATURE_U16 = round(0.706 / 3.3 * 65535)


# the STM32F405's timer channel for each PWM-capable pin, as the stm32 port picks it (the
# second TIMx_CHy alternate function of the pin, or its only one)
STM32_PWM_CHANNELS = {
    "A0": (5, 1), "A1": (5, 2), "A2": (5, 3), "A3": (5, 4), "A5": (2, 1), "A6": (13, 1),
    "A7": (14, 1), "A8": (1, 1), "A9": (1, 2), "A10": (1, 3), "A11": (1, 4), "A15": (2, 1),
    "B0": (3, 3), "B1": (3, 4), "B3": (2, 2), "B4": (3, 1), "B5": (3, 2), "B6": (4, 1),
    "B7": (4, 2), "B8": (10, 1), "B9": (11, 1), "B10": (2, 3), "B11": (2, 4), "B14": (12, 1),
    "B15": (12, 2), "C6": (8, 1), "C7": (8, 2), "C8": (8, 3), "C9": (8, 4)}


def build_pwm_class(hw: GuestHardware, Pin):
    if hw.port.name == "rp2":
        return build_rp2_pwm_class(hw, Pin)
    board = hw.board
    port = hw.port.name
    default_freq = {"esp32": 5000, "rp2": 0, "pyboard": 0}[port]

    class PWM:
        def __init__(self, dest, freq=_UNSET, *, duty_u16=_UNSET, duty_ns=_UNSET,
                     invert=False, duty=_UNSET):
            pin = dest if isinstance(dest, Pin) else Pin(dest)
            gpio = pin._gpio
            allowed = board.profile.pwm_gpios
            if allowed is not None and gpio not in allowed:
                raise ValueError("pin can only be input")
            if port == "pyboard":
                self._timer = STM32_PWM_CHANNELS.get(_stm32_name(gpio))
                if self._timer is None:
                    raise ValueError("Pin(%s) doesn't have PWM capabilities"
                                     % _stm32_name(gpio))
                timer = self._timer[0]
                af = 1 if timer <= 2 else 2 if timer <= 5 else 3 if timer <= 11 else 9
                board.gpio.line(gpio).select_function("AF%d_TIM%d" % (af, timer), pull=None)
            self._pin = pin
            self._channel = board.pwm_channel(gpio)
            self._invert = bool(invert)
            self._scale = None  # which duty form was set last (the esp32 prints that one)
            if not self._channel.active and self._channel.freq == 0:
                self._channel.freq = default_freq
            self.init(freq=freq, duty_u16=duty_u16, duty_ns=duty_ns, duty=duty)

        def init(self, freq=_UNSET, *, duty_u16=_UNSET, duty_ns=_UNSET, duty=_UNSET,
                 invert=_UNSET):
            if invert is not _UNSET:
                self._invert = bool(invert)
            if freq is not _UNSET:
                self._check_freq(freq)
            new_freq = self._channel.freq if freq is _UNSET else int(freq)
            new_duty = None
            if duty_u16 is not _UNSET:
                if port == "esp32" and not 0 <= int(duty_u16) <= 65535:
                    raise ValueError("duty_u16 must be from 0 to 65536")
                new_duty = _clamp_u16(duty_u16)
                self._scale = "duty_u16"
            elif duty_ns is not _UNSET:
                new_duty = self._ns_to_u16(duty_ns, new_freq)
                self._scale = "duty_ns"
            elif duty is not _UNSET and port == "esp32":
                if not 0 <= int(duty) <= 1023:
                    raise ValueError("duty must be from 0 to 1023")
                new_duty = 65535 if int(duty) == 1023 else int(duty) << 6
                self._scale = "duty"
            elif self._scale is None and port == "esp32":
                new_duty, self._scale = 32768, "duty_u16"  # the port starts at 50 %
            self._channel.set(freq=new_freq, duty_u16=new_duty)

        def _check_freq(self, freq):
            freq = int(freq)
            if port == "rp2":
                if freq > 62_500_000:
                    raise ValueError("freq too large")
                if freq < 8:
                    raise ValueError("freq too small")
            elif port == "esp32":
                if not 0 < freq <= 40_000_000:
                    raise ValueError("frequency must be from 1Hz to 40MHz")
            elif freq <= 0:
                raise ValueError("freq must be positive")

        def _ns_to_u16(self, ns, freq):
            if freq <= 0:
                return 0
            period_ns = 1_000_000_000 / freq
            return _clamp_u16(round(int(ns) * 65535 / period_ns))

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

        if port == "esp32":
            def duty(self, value=_UNSET):
                if value is _UNSET:
                    return self._channel.duty_u16 >> 6
                self.init(duty=value)

        def deinit(self):
            self._channel.stop()

        def __repr__(self):
            if port == "pyboard":
                return "<PWM TIM%d_CH%d>" % self._timer
            if not self._channel.active:
                return "PWM(Pin(%d))" % self._pin._gpio
            scale = self._scale or "duty_u16"
            value = {"duty_u16": self._channel.duty_u16, "duty_ns": self.duty_ns(),
                     "duty": self._channel.duty_u16 >> 6}[scale]
            text = "PWM(Pin(%d), freq=%d, %s=%d" % (self._pin._gpio, self._channel.freq,
                                                   scale, value)
            return text + (", invert=True)" if self._invert else ")")

    return PWM


def _clamp_u16(value) -> int:
    return max(0, min(65535, int(value)))


# the ESP32's nominal full scale per attenuation (0, 2.5, 6, 11 dB), in microvolts; a real
# chip's eFuse calibration moves these by a few percent
ESP32_FULL_SCALE_UV = (950_000, 1_250_000, 1_750_000, 3_100_000)
# the STM32F405's ADC channels of its analog pins (A0-A7, B0-B1, C0-C5)
STM32_ADC_CHANNELS = {"A%d" % n: n for n in range(8)}
STM32_ADC_CHANNELS.update({"B0": 8, "B1": 9}, **{"C%d" % n: 10 + n for n in range(6)})


def _twelve_bit(value_u16: int) -> tuple[int, int]:
    """(raw 12-bit sample, the 16-bit value the ports report for it)."""
    raw = value_u16 >> 4
    return raw, raw << 4 | raw >> 8


def build_adc_class(hw: GuestHardware, Pin):
    """machine.ADC: a 12-bit converter on every port; read_u16() scales the sample to 16
    bits as the ports do. rp2 takes a channel (0-4) or an ADC pin; the esp32 adds
    atten/width/read/read_uv; the pyboard also reads internal channels by number."""
    board = hw.board
    port = hw.port.name
    profile = board.profile
    if port == "rp2":
        board.adc.sources.setdefault(("channel", RP2_TEMPERATURE_CHANNEL),
                                     lambda t: RP2_TEMPERATURE_U16)
    esp32_width = [12]  # the ADC block's width, shared by its channels

    class ADC:
        if port == "rp2":
            CORE_TEMP = RP2_TEMPERATURE_CHANNEL
        if port == "esp32":
            ATTN_0DB, ATTN_2_5DB, ATTN_6DB, ATTN_11DB = 0, 1, 2, 3
            WIDTH_9BIT, WIDTH_10BIT, WIDTH_11BIT, WIDTH_12BIT = 9, 10, 11, 12
        if port == "pyboard":
            CORE_TEMP, CORE_VBAT, CORE_VREF, VREF = 16, 18, 17, 0xFFFF

        def __init__(self, source, *args, atten=-1):
            if port == "rp2" and (args or atten != -1):
                raise TypeError("function takes 1 positional arguments but %d were given"
                                % (1 + len(args)))
            self._atten = 3
            if (port in ("rp2", "pyboard") and isinstance(source, int)
                    and not isinstance(source, bool)):
                if port == "rp2" and 0 <= source <= RP2_TEMPERATURE_CHANNEL:
                    self._channel = source
                    self._key = source + 26 if source < 4 else ("channel", source)
                    self._label = "ADC%d" % source
                    return
                if port == "pyboard":
                    self._channel = source
                    self._key = ("channel", source)
                    self._label = "ADC%d" % source
                    return
            pin = source if isinstance(source, Pin) else Pin(source)
            if pin._gpio not in profile.adc_gpios:
                if port == "rp2":
                    raise ValueError("Pin doesn't have ADC capabilities")
                if port == "pyboard":
                    raise ValueError("Pin(%s) does not have ADC capabilities"
                                     % _stm32_name(pin._gpio))
                raise ValueError("invalid pin")
            self._key = pin._gpio
            self._label = profile.gpio_label(pin._gpio)
            self._gpio = pin._gpio
            if port == "rp2":
                self._channel = pin._gpio - 26
            elif port == "pyboard":
                self._channel = STM32_ADC_CHANNELS[_stm32_name(pin._gpio)]
            if port != "esp32":
                # rp2 disconnects the pad (function 31, no pulls); stm32 sets analog mode
                board.gpio.line(pin._gpio).select_function(
                    "31" if port == "rp2" else "ANALOG", pull=None)
            else:
                self.init(atten=atten)

        def _raw(self):
            hw.touch()
            return _twelve_bit(board.adc.read_u16(self._key, self._label))[0]

        def read_u16(self):
            if port == "pyboard" and self._key == ("channel", 0xFFFF):
                return 0xFFFF
            if port == "esp32":
                bits = esp32_width[0]
                raw = self._raw() >> (12 - bits)
                return raw << (16 - bits) | raw >> (2 * bits - 16)
            hw.touch()
            return _twelve_bit(board.adc.read_u16(self._key, self._label))[1]

        def __repr__(self):
            if port == "rp2":
                return "<ADC channel=%d>" % self._channel
            if port == "esp32":
                return "ADC(Pin(%d), atten=%d)" % (self._gpio, self._atten)
            return "<ADC1 channel=%d>" % self._channel

        if port == "esp32":
            def init(self, *, atten=-1):
                self._atten = 3 if atten == -1 else self._check_atten(atten)
                esp32_width[0] = 12

            def deinit(self):
                return None

            @staticmethod
            def _check_atten(value):
                if not 0 <= int(value) <= 3:
                    raise ValueError("invalid attenuation")
                return int(value)

            def read(self):
                return self._raw() >> (12 - esp32_width[0])

            def read_uv(self):
                return self._raw() * ESP32_FULL_SCALE_UV[self._atten] // 4095 // 1000 * 1000

            def atten(self, value):
                self._atten = self._check_atten(value)

            def width(self, value):
                if not 9 <= int(value) <= 12:
                    raise ValueError("invalid bit-width")
                esp32_width[0] = int(value)

    return ADC


def _stm32_name(gpio: int) -> str:
    return "ABCD"[gpio // 16] + str(gpio % 16)
