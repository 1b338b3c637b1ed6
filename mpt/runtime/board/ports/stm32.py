"""The stm32 port as the pyboard (PYBv1.1, STM32F405) runs it.
Reference: ports/stm32/machine_*.c, pyb_*.c."""

from __future__ import annotations

import datetime
from typing import Any

from mpt.runtime.board.ports.bus_rates import stm32_spi_actual_baudrate
from mpt.runtime.board.pins import MODE_ALT
from mpt.runtime.board import romfs
from mpt.runtime.board.ports.base import EPOCH, TIMER_NO_PERIOD, Port, as_int
from mpt.runtime.library.clock import NS_PER_S
from mpt.runtime.vm.features import EXTRA_FEATURES, Features

_UNSET = object()
PYBOARD_TIMER_MAX = 0x40000000
PYBOARD_RTC_SUBSECONDS = 256  # the subseconds field counts down from 255


class PybRTC:
    """The pyboard's extra RTC methods (ports/stm32/rtc.c)."""

    def init(self):
        return None

    def calibration(self, value=_UNSET):
        return 0 if value is _UNSET else None

PYBOARD_FAST_UARTS = (1, 6)  # on APB2 (84 MHz); the others run from APB1 (42 MHz)
PYBOARD_UART_NAMES = {"XA": 4, "XB": 1, "YA": 2, "YB": 3}
PYBOARD_UART_RXBUF = 64
PYBOARD_I2C_PINS = {1: ("B6", "B7"), 2: ("B10", "B11")}
PYBOARD_BUS_NAMES = {"X": 1, "Y": 2}  # I2C("X"), SPI("Y"): the bus on that side
# the STM32F405's timer channel for each PWM-capable pin, as the stm32 port picks it (the
# second TIMx_CHy alternate function of the pin, or its only one)
STM32_PWM_CHANNELS = {
    "A0": (5, 1), "A1": (5, 2), "A2": (5, 3), "A3": (5, 4), "A5": (2, 1), "A6": (13, 1),
    "A7": (14, 1), "A8": (1, 1), "A9": (1, 2), "A10": (1, 3), "A11": (1, 4), "A15": (2, 1),
    "B0": (3, 3), "B1": (3, 4), "B3": (2, 2), "B4": (3, 1), "B5": (3, 2), "B6": (4, 1),
    "B7": (4, 2), "B8": (10, 1), "B9": (11, 1), "B10": (2, 3), "B11": (2, 4), "B14": (12, 1),
    "B15": (12, 2), "C6": (8, 1), "C7": (8, 2), "C8": (8, 3), "C9": (8, 4)}
# the STM32F405's ADC channels of its analog pins (A0-A7, B0-B1, C0-C5)
STM32_ADC_CHANNELS = {"A%d" % n: n for n in range(8)}
STM32_ADC_CHANNELS.update({"B0": 8, "B1": 9}, **{"C%d" % n: 10 + n for n in range(6)})
STM32_ADC_VREF_CHANNEL = 0xFFFF


def stm32_gpio_number(cpu_name: str) -> int:
    """'A13' -> 13, 'B4' -> 16 + 4: ports are numbered in blocks of 16."""
    return (ord(cpu_name[0]) - ord("A")) * 16 + int(cpu_name[1:])


def stm32_cpu_name(gpio: int) -> str:
    """GPIO number -> the cpu pin name ('A13'): ports are numbered in blocks of 16."""
    return "ABCD"[gpio // 16] + str(gpio % 16)


class Stm32Port(Port):
    name = "pyboard"
    modules = frozenset({"pyb"})
    # ports/stm32/mpconfigport.h; PYBV11's mpconfigboard.mk sets neither MICROPY_PY_SSL (so
    # no cryptolib) nor MICROPY_PY_BTREE
    features = Features.at_level("stm32", EXTRA_FEATURES, os_dupterm=3,
                                 native_emitter=True, float_bits=32,
                                 inline_asm=True,
                                 scheduler_static_nodes=True, scheduler_depth=8)
    soft_reboot_text = b"MPY: sync filesystems\r\nMPY: soft reboot\r\n"  # syncs storage first
    fat_max_sector = 512  # mpconfigboard_common.h (4096 on STM32N6 only)
    fat_label = "pybflash"  # MICROPY_HW_FLASH_FS_LABEL
    fat_flash_partition_start = 0x100  # storage.h's FLASH_PART1_START_BLOCK

    pin_constants = {"IN": 0, "OUT": 1, "OPEN_DRAIN": 0x11, "ALT": 2, "ALT_OPEN_DRAIN": 0x12,
                     "ANALOG": 3, "PULL_NONE": 0, "PULL_UP": 1, "PULL_DOWN": 2,
                     "IRQ_RISING": 0x10110000, "IRQ_FALLING": 0x10210000, "OUT_PP": 1,
                     "OUT_OD": 0x11, "AF_PP": 2, "AF_OD": 0x12}
    pin_missing_methods = ("toggle",)
    # ROMFS on the internal flash (MICROPY_HW_ROMFS_ENABLE_INTERNAL_FLASH): the F4's 128 KiB
    # sectors, reached through a memoryview and vfs.rom_ioctl (ports/stm32/vfs_rom_ioctl.c)
    romfs_erase_size = 128 * 1024

    def romfs_ioctl(self, size: int, image: bytes, on_write=None):
        area = bytearray(bytes([romfs.ERASED]) * size)
        romfs.program(area, 0, image)
        ioctl = romfs.MemoryRomIoctl(area, self.romfs_erase_size)
        if on_write is not None:
            ioctl._on_write = lambda first, end: on_write(area, first, end)
        return ioctl

    def pin_by_number(self, profile: Any, number: int) -> int:
        raise ValueError("Pin(%d) doesn't exist" % number)

    def pin_by_name(self, profile: Any, name: str) -> int:
        """A cpu pin name, also as 'PA13'."""
        cpu = name[1:] if name.startswith("P") and len(name) > 2 else name
        if len(cpu) >= 2 and cpu[0] in "ABCD" and cpu[1:].isdigit():
            number = stm32_gpio_number(cpu)
            if number in profile.valid_gpios:
                return number
        raise ValueError("Pin(%s) doesn't exist" % name)

    def pin_name_tables(self, profile: Any) -> dict[str, tuple[str, dict[str, Any]]]:
        cpu = [stm32_cpu_name(gpio) for gpio in sorted(profile.valid_gpios)]
        return {"cpu": ("cpu", {name: name for name in cpu}),
                "board": ("board", {name: name for name in profile.pin_names})}

    def pin_repr(self, gpio: int, line: Any) -> str:
        cpu = stm32_cpu_name(gpio)
        mode_name, pull_name = self.pin_mode_pull_names(line)
        if line.function == "ANALOG":
            return "Pin(Pin.cpu.%s, mode=Pin.ANALOG)" % cpu
        text = "Pin(Pin.cpu.%s, mode=Pin.%s" % (cpu, mode_name)
        if pull_name:
            text += ", pull=Pin.%s" % pull_name
        if line.mode == MODE_ALT and line.function:
            text += ", alt=Pin.%s" % line.function
        return text + ")"
    reset_causes = {"PWRON_RESET": 1, "HARD_RESET": 2, "WDT_RESET": 3, "DEEPSLEEP_RESET": 4,
                    "SOFT_RESET": 0}

    def machine_freq(self, board: Any) -> Any:
        # (sysclk, hclk, pclk1, pclk2)
        return (board.cpu_freq, board.cpu_freq, board.cpu_freq // 4, board.cpu_freq // 2)

    # --- machine.UART --------------------------------------------------------------------
    uart_irq_flags = (0x20, 0x10, None, None)
    uart_invert = {"INV_TX": 1, "INV_RX": 2}
    uart_baudrate_required = True

    def uart_id(self, id: Any) -> Any:
        return PYBOARD_UART_NAMES.get(id, id)

    def uart_inits_on_create(self, args: tuple, kwargs: dict) -> bool:
        return bool(args or kwargs)

    def uart_min_timeout_char(self, baudrate: int) -> int:
        return 13000 // baudrate + 2  # 13 bits

    def uart_after_init(self, board: Any, state: dict, buffer_given: bool) -> None:
        if not buffer_given:
            state["rxbuf"] = PYBOARD_UART_RXBUF

    def uart_repr(self, id: int, st: dict) -> str:
        if st["baudrate"] == 0:
            return "UART(%d)" % id
        parity = "None" if st["parity"] is None else str(st["parity"])
        clock = 84_000_000 if id in PYBOARD_FAST_UARTS else 42_000_000
        actual = clock // round(clock / st["baudrate"])
        text = ("UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d, flow=0, timeout=%d, "
                "timeout_char=%d, rxbuf=%d" % (id, actual, st["bits"], parity, st["stop"],
                                               st["timeout"], st["timeout_char"],
                                               st["rxbuf"]))
        if st["irq_trigger"]:
            text += "; irq=0x%x" % st["irq_trigger"]
        return text + ")"

    # --- machine.Timer: the soft timer, in milliseconds ----------------------------------
    timer_periodic_by_default = True
    timer_default_period = 1000
    timer_starts_without_callback = False  # a soft timer without a callback is not started

    def timer_tick_hz(self, id: int) -> int:
        return 1000

    def timer_period(self, current: int, freq, period, tick_hz, unit_hz: int) -> int:
        if freq is None and period == TIMER_NO_PERIOD:
            delta = current  # the soft timer keeps its period
        else:
            delta = self.timer_ticks(freq, period, tick_hz, unit_hz)
        if delta >= PYBOARD_TIMER_MAX:
            raise ValueError("period too large")
        return max(1, delta)

    # --- machine.RTC: weekday 1-7 as last set (the chip counts it on from whatever it was
    # given), subseconds counting down from 255 ---------------------------------------------
    rtc_mixins = (PybRTC,)

    def rtc_fields(self, now, wall_ns: int, shared: dict) -> tuple:
        weekday = (now.weekday() + shared["weekday_shift"]) % 7 + 1
        sub = (PYBOARD_RTC_SUBSECONDS - 1
               - (wall_ns % NS_PER_S) * PYBOARD_RTC_SUBSECONDS // NS_PER_S)
        return (now.year, now.month, now.day, weekday, now.hour, now.minute, now.second, sub)

    def rtc_after_set(self, fields: tuple, when: int, shared: dict) -> None:
        real = (EPOCH + datetime.timedelta(seconds=when)).weekday()
        shared["weekday_shift"] = (int(fields[3]) - 1 - real) % 7

    # --- machine.WDT: the independent watchdog, 0 or "IWDG" ------------------------------
    def wdt_timeout_ms(self, id, timeout) -> int:
        timeout = as_int(timeout)
        if isinstance(id, str):
            if id != "IWDG":
                raise ValueError("WDT(%s) doesn't exist" % id)
        elif as_int(id) != 0:
            raise ValueError("WDT(%d) doesn't exist" % as_int(id))
        prescale = 0
        ticks = timeout
        while prescale < 6 and ticks >= 512:
            prescale += 1
            ticks //= 2
        if ticks * 8 <= 0:
            raise ValueError("WDT timeout too short")
        if ticks * 8 > 0xFFF:
            raise ValueError("WDT timeout too long")
        return ticks << prescale

    # --- machine.PWM: a timer channel per pin --------------------------------------------
    def pwm_attach(self, board: Any, gpio: int) -> Any:
        timer = STM32_PWM_CHANNELS.get(stm32_cpu_name(gpio))
        if timer is None:
            raise ValueError("Pin(%s) doesn't have PWM capabilities" % stm32_cpu_name(gpio))
        number = timer[0]
        af = 1 if number <= 2 else 2 if number <= 5 else 3 if number <= 11 else 9
        board.gpio.line(gpio).select_function("AF%d_TIM%d" % (af, number), pull=None)
        return timer

    def pwm_repr(self, pwm: Any) -> str:
        return "<PWM TIM%d_CH%d>" % pwm._timer

    # --- machine.ADC: ADC1, pins and internal channels by number --------------------------
    adc_constants = {"CORE_TEMP": 16, "CORE_VBAT": 18, "CORE_VREF": 17,
                     "VREF": STM32_ADC_VREF_CHANNEL}

    def adc_channel(self, number: int) -> Any:
        return ("channel", number)

    def adc_pin_error(self, gpio: int) -> str:
        return "Pin(%s) does not have ADC capabilities" % stm32_cpu_name(gpio)

    def adc_pin_channel(self, gpio: int) -> int | None:
        return STM32_ADC_CHANNELS[stm32_cpu_name(gpio)]

    def adc_attach(self, adc: Any, gpio: int, atten: int) -> None:
        adc._hw.board.gpio.line(gpio).select_function("ANALOG", pull=None)

    def adc_read_u16(self, adc: Any) -> int:
        if adc._key == ("channel", STM32_ADC_VREF_CHANNEL):
            return 0xFFFF
        return adc._sample()[1]

    def adc_repr(self, adc: Any) -> str:
        return "<ADC1 channel=%d>" % adc._channel

    # --- machine.I2C / SPI: fixed pins, buses named by the side of the board -------------
    spi_bit_order = (0, 0x80)

    def pin_label(self, gpio: int) -> str:
        return stm32_cpu_name(gpio)

    def i2c_configure(self, i2c: Any, reinit: bool, id, *, scl=None, sda=None,
                      freq=400_000, timeout=50_000) -> None:
        bus_id = PYBOARD_BUS_NAMES.get(id, id)
        if scl is not None or sda is not None:
            raise ValueError("explicit choice of scl/sda is not implemented")
        state = i2c._state(bus_id, {})
        state["freq"], state["timeout"] = int(freq), int(timeout)

    def i2c_repr(self, id: int, state: dict) -> str:
        scl, sda = PYBOARD_I2C_PINS[id]
        return "I2C(%d, scl=%s, sda=%s, freq=%d)" % (id, scl, sda, state["freq"])

    def spi_bus_id(self, id, pins_given: bool):
        if pins_given:
            raise ValueError("explicit choice of sck/mosi/miso is not implemented")
        return PYBOARD_BUS_NAMES.get(id, id)

    def spi_actual_baudrate(self, bus: int, baudrate: int) -> int:
        return stm32_spi_actual_baudrate(bus, baudrate)
