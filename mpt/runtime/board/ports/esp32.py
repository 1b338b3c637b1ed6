"""The esp32 port (ESP32 generic). Reference: ports/esp32/machine_*.c."""

from __future__ import annotations

from typing import Any

from mpt.runtime.library.thread_policy import ThreadPolicy
from mpt.runtime.board.ports.bus_rates import (
    ESP32_I2C_PINS, ESP32_SPI_PINS, ESP32_UART_PINS, esp32_spi_actual_baudrate,
    esp32_uart_actual_baudrate)
from mpt.runtime.board.pins import MODE_OPEN_DRAIN, MODE_OUT
from mpt.runtime.board import romfs
from mpt.runtime.board.ports.base import Port, as_int
from mpt.runtime.vm.features import EXTRA_FEATURES, Features

_UNSET = object()
ESP32_HARDWARE_TIMERS = 4
ESP32_CPU_FREQS = (20_000_000, 40_000_000, 80_000_000, 160_000_000, 240_000_000)
ESP_SLEEP_WAKEUP_EXT0 = 2  # ESP-IDF's esp_sleep_source_t
ESP_SLEEP_WAKEUP_TIMER = 4
ESP32_HW_TIMER_HZ = 80_000_000 // 8  # APB clock through the port's divider of 8
ESP32_RTC_MEMORY_MAX = 2048
ESP32_PWM_MAX_FREQ = 40_000_000
# the ESP32's nominal full scale per attenuation (0, 2.5, 6, 11 dB), in microvolts; a real
# chip's eFuse calibration moves these by a few percent
ESP32_FULL_SCALE_UV = (950_000, 1_250_000, 1_750_000, 3_100_000)


class Esp32PWM:
    """The esp32's extra PWM method: the old 10-bit duty."""

    def duty(self, value=_UNSET):
        if value is _UNSET:
            return self._channel.duty_u16 >> 6
        self.init(duty=value)


class Esp32ADC:
    """The esp32's extra ADC methods: attenuation, width, raw and calibrated reads.
    The width belongs to the ADC block, shared by its channels (``_shared``)."""

    def init(self, *, atten=-1):
        self._atten = 3 if atten == -1 else self._check_atten(atten)
        self._shared["width"] = 12

    def deinit(self):
        return None

    @staticmethod
    def _check_atten(value):
        if not 0 <= int(value) <= 3:
            raise ValueError("invalid attenuation")
        return int(value)

    def read(self):
        return self._sample()[0] >> (12 - self._shared["width"])

    def read_uv(self):
        return self._sample()[0] * ESP32_FULL_SCALE_UV[self._atten] // 4095 // 1000 * 1000

    def atten(self, value):
        self._atten = self._check_atten(value)

    def width(self, value):
        if not 9 <= int(value) <= 12:
            raise ValueError("invalid bit-width")
        self._shared["width"] = int(value)


class Esp32RTC:
    """The esp32's extra RTC methods (ports/esp32/machine_rtc.c)."""

    def init(self, value):
        self._set(value, 3)  # the esp32 port reads hours from index 3 here

    def memory(self, data=_UNSET):
        board = self._hw.board
        if data is _UNSET:
            return bytes(board.rtc_memory)
        if isinstance(data, str):
            raise TypeError("object with buffer protocol required")
        data = bytes(data)
        if len(data) > ESP32_RTC_MEMORY_MAX:
            raise ValueError("buffer too long")
        board.rtc_memory = data
        return None


class Esp32Port(Port):
    name = "esp32"
    modules = frozenset({"esp32", "dht", "neopixel", "onewire"})
    # ports/esp32/mpconfigport.h (cryptolib through MICROPY_PY_SSL = MICROPY_PY_NETWORK);
    # esp32_common.cmake turns MICROPY_PY_BTREE on
    features = Features.at_level("esp32", EXTRA_FEATURES, os_dupterm=1, os_dupterm_notify=True,
                                 thread=True, cryptolib=True, btree=True,
                                 native_emitter=True, float_bits=32,
                                 scheduler_static_nodes=True, scheduler_depth=8)
    # FreeRTOS tasks under the GIL, as many as memory allows; an ident is the task's handle
    # (its address: the model gives each task its own, the same in every run)
    thread_policy = ThreadPolicy(main_ident=0x3FFB6E1C, first_ident=0x3FFB8A30,
                                 ident_step=0x1A4)
    romfs_segment_type = romfs.Partition  # the partition table's "romfs" data partition

    pin_constants = {"IN": 1, "OUT": 3, "OPEN_DRAIN": 7, "PULL_UP": 2, "PULL_DOWN": 1,
                     "IRQ_RISING": 1, "IRQ_FALLING": 2, "WAKE_LOW": 4, "WAKE_HIGH": 5,
                     "DRIVE_0": 0, "DRIVE_1": 1, "DRIVE_2": 2, "DRIVE_3": 3}
    pin_missing_methods = ("low", "high", "mode", "pull")
    pin_irq_has_flags = False  # the esp32's pin IRQ object has trigger() only
    pin_irq_hard = False

    def pin_mode_error(self, mode: int) -> str:
        return "invalid pin mode"

    def pin_repr(self, gpio: int, line: Any) -> str:
        # ESP-IDF 5.5 builds (1.29) print the pad state; an open-drain output has its
        # output enabled, so it shows as OUT
        mode_name = "OUT" if line.mode in (MODE_OUT, MODE_OPEN_DRAIN) else "IN"
        pull_name = self.pin_mode_pull_names(line)[1]
        text = "Pin(%d, mode=Pin.%s" % (gpio, mode_name)
        if pull_name:
            text += ", pull=Pin.%s" % pull_name
        return text + ")"
    reset_causes = {"PWRON_RESET": 1, "HARD_RESET": 2, "WDT_RESET": 3, "DEEPSLEEP_RESET": 4,
                    "SOFT_RESET": 5}
    machine_functions = {"wake_reason": "wake_reason", "sleep": "lightsleep"}
    machine_constants = {"SLEEP": 2, "DEEPSLEEP": 4, "PIN_WAKE": ESP_SLEEP_WAKEUP_EXT0,
                         "EXT0_WAKE": ESP_SLEEP_WAKEUP_EXT0, "EXT1_WAKE": 3,
                         "TIMER_WAKE": ESP_SLEEP_WAKEUP_TIMER, "TOUCHPAD_WAKE": 5,
                         "ULP_WAKE": 6}

    def machine_set_freq(self, board: Any, hz: Any, rest: tuple) -> None:
        if hz not in ESP32_CPU_FREQS:
            raise ValueError("frequency must be 20MHz, 40MHz, 80Mhz, 160MHz or 240MHz")
        board.cpu_freq = int(hz)

    def reset_cause(self, board: Any) -> str:
        return "SOFT_RESET" if board.soft_reset_since_boot else board.reset_cause

    def deepsleep_ext0(self, board: Any) -> tuple[int, int] | None:
        return board.wake_sources.get("ext0") or None

    def record_wake(self, board: Any, cause: str | None) -> None:
        reasons: dict[str | None, int] = {"timer": ESP_SLEEP_WAKEUP_TIMER,
                                          "ext0": ESP_SLEEP_WAKEUP_EXT0}
        board.wake_reason = reasons.get(cause, 0)

    # --- machine.UART --------------------------------------------------------------------
    uart_irq_flags = (1, 0x1000, None, 2)
    uart_invert = {"INV_TX": 0x20, "INV_RX": 0x4, "INV_RTS": 0x40, "INV_CTS": 0x8}
    uart_missing_wording = "does not exist"

    def uart_default_pins(self, id: int) -> tuple[int, int]:
        return ESP32_UART_PINS[id]

    def uart_check_bits(self, bits: int) -> None:
        if bits not in (5, 6, 7, 8):
            raise ValueError("invalid data bits")

    def uart_check_stop(self, stop) -> None:
        if stop not in (1, 1.5, 2):
            raise ValueError("invalid stop bits")

    def uart_check_irq(self, hard: bool) -> None:
        if hard:
            raise ValueError("hard IRQ is not supported")

    def uart_repr(self, id: int, st: dict) -> str:
        parity = "None" if st["parity"] is None else str(st["parity"])
        text = ("UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d, tx=%d, rx=%d, "
                "rts=-1, cts=-1, txbuf=%d, rxbuf=%d, timeout=%d, timeout_char=%d, "
                "irq=%d" % (id, esp32_uart_actual_baudrate(st["baudrate"]),
                            st["bits"], parity, st["stop"], st["tx"], st["rx"],
                            st["txbuf"], st["rxbuf"], st["timeout"],
                            st["timeout_char"], st["irq_trigger"]))
        if st["invert"]:
            names = [n for n, bit in self.uart_invert.items() if st["invert"] & bit]
            text += ", invert=" + "|".join(names)
        return text + ")"

    # --- machine.Timer -------------------------------------------------------------------
    timer_constants = {"ONE_SHOT": False, "PERIODIC": True}

    def timer_check_id(self, id: int) -> None:
        if id >= ESP32_HARDWARE_TIMERS:
            raise ValueError("Timer(%d) doesn't exist, there are only %d hardware timers"
                             % (id, ESP32_HARDWARE_TIMERS))

    def timer_tick_hz(self, id: int) -> int:
        return ESP32_HW_TIMER_HZ if id >= 0 else 1_000_000

    def timer_check_hard(self, hard: bool) -> None:
        if hard:
            raise ValueError("hard Timers are not implemented")

    def timer_period(self, current: int, freq, period, tick_hz, unit_hz: int) -> int:
        return self.timer_ticks(freq, period, tick_hz, unit_hz)

    def timer_repr(self, id: int, one_shot: bool, period: int, tick_hz: int) -> str:
        # 1.29 prints the mode names the wrong way round (machine_timer.c)
        mode = "PERIODIC" if one_shot else "ONE_SHOT"
        return "Timer(%d, mode=%s, period=%d)" % (id, mode, period // (tick_hz // 1000))

    # --- machine.RTC, WDT ----------------------------------------------------------------
    rtc_mixins = (Esp32RTC,)

    def rtc_fields(self, now, wall_ns: int, shared: dict) -> tuple:
        return (now.year, now.month, now.day, now.weekday(), now.hour, now.minute,
                now.second, now.microsecond)

    def rtc_set_microseconds(self, fields: tuple) -> int:
        return int(fields[7])

    def wdt_timeout_ms(self, id, timeout) -> int:
        timeout = as_int(timeout)
        if not (isinstance(id, int) and id == 0):
            raise ValueError()
        if timeout <= 0:
            raise ValueError("WDT timeout too short")
        return timeout

    # --- machine.PWM (LEDC) --------------------------------------------------------------
    pwm_mixins = (Esp32PWM,)
    pwm_default_freq = 5000
    pwm_has_duty = True
    pwm_start_duty_u16 = 32768  # the port starts at 50 %

    def pwm_check_freq(self, freq: int) -> None:
        if not 0 < freq <= ESP32_PWM_MAX_FREQ:
            raise ValueError("frequency must be from 1Hz to 40MHz")

    def pwm_check_duty_u16(self, duty_u16: int) -> None:
        if not 0 <= duty_u16 <= 65535:
            raise ValueError("duty_u16 must be from 0 to 65536")

    def pwm_duty_to_u16(self, duty: int) -> int:
        if not 0 <= duty <= 1023:
            raise ValueError("duty must be from 0 to 1023")
        return 65535 if duty == 1023 else duty << 6

    # --- machine.ADC ---------------------------------------------------------------------
    adc_mixins = (Esp32ADC,)
    adc_constants = {"ATTN_0DB": 0, "ATTN_2_5DB": 1, "ATTN_6DB": 2, "ATTN_11DB": 3,
                     "WIDTH_9BIT": 9, "WIDTH_10BIT": 10, "WIDTH_11BIT": 11, "WIDTH_12BIT": 12}

    def adc_attach(self, adc: Any, gpio: int, atten: int) -> None:
        adc.init(atten=atten)

    def adc_read_u16(self, adc: Any) -> int:
        bits = adc._shared["width"]
        raw = adc._sample()[0] >> (12 - bits)
        return raw << (16 - bits) | raw >> (2 * bits - 16)

    def adc_repr(self, adc: Any) -> str:
        return "ADC(Pin(%d), atten=%d)" % (adc._gpio, adc._atten)

    # --- machine.I2C / SPI ---------------------------------------------------------------
    i2c_legacy_soft = True

    def i2c_configure(self, i2c: Any, reinit: bool, id=0, *, scl=None, sda=None, freq=-1,
                      timeout=-1) -> None:
        scl_default, sda_default = ESP32_I2C_PINS.get(int(id), (0, 0))
        state = i2c._state(int(id), {"scl": scl_default, "sda": sda_default,
                                     "freq": 400_000, "timeout": 50_000})
        if scl is not None:
            state["scl"] = i2c._gpio_of(scl)
        if sda is not None:
            state["sda"] = i2c._gpio_of(sda)
        if freq != -1:
            state["freq"] = int(freq)
        if timeout != -1:
            state["timeout"] = int(timeout)

    def i2c_repr(self, id: int, state: dict) -> str:
        return "I2C(%d, scl=%d, sda=%d, freq=%d, timeout=%d)" % (
            id, state["scl"], state["sda"], state["freq"], state["timeout"])

    def spi_default_pins(self, id) -> tuple[int, int, int]:
        return ESP32_SPI_PINS.get(id, (-1, -1, -1))

    def spi_actual_baudrate(self, bus: int, baudrate: int) -> int:
        return esp32_spi_actual_baudrate(baudrate)

    def spi_repr(self, id: int, st: dict) -> str:
        return ("SPI(id=%d, baudrate=%d, polarity=%d, phase=%d, bits=%d, firstbit=%d, "
                "sck=%d, mosi=%d, miso=%d)" % (id, st["baudrate"], st["polarity"],
                                               st["phase"], st["bits"], st["firstbit"],
                                               st["sck"], st["mosi"], st["miso"]))

    # --- socket (ports/esp32/modsocket.c over lwIP's sockets API) -------------------------
    socket_constants = {"IPPROTO_TCP": 6, "IPPROTO_UDP": 17, "IPPROTO_IP": 0,
                        "SOL_SOCKET": 0xFFF, "SO_REUSEADDR": 0x04, "SO_BROADCAST": 0x20,
                        "SO_BINDTODEVICE": 0x100B, "IP_ADD_MEMBERSHIP": 3, "TCP_NODELAY": 0x01,
                        "MSG_PEEK": 0x01, "MSG_DONTWAIT": 0x08}
    getaddrinfo_names_host = True

    # --- network.WLAN --------------------------------------------------------------------
    wlan_status_codes = {"STAT_IDLE": 1000, "STAT_CONNECTING": 1001, "STAT_GOT_IP": 1010,
                         "STAT_NO_AP_FOUND": 201, "STAT_WRONG_PASSWORD": 202,
                         "STAT_BEACON_TIMEOUT": 200, "STAT_ASSOC_FAIL": 203,
                         "STAT_HANDSHAKE_TIMEOUT": 204}
    wlan_errors = {"sta_required": "STA required", "not_started": "Wifi Not Started",
                   "not_connected": "STA must be connected"}
