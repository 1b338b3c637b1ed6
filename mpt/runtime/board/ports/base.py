"""The Port base class: what every port shares, and the defaults the ports override."""

from __future__ import annotations

import datetime
from typing import Any

from mpt.runtime.board import pins as model
from mpt.runtime.board import romfs
from mpt.runtime.vm.features import EXTRA_FEATURES, Features
from mpt.runtime.library.thread_policy import ThreadPolicy

ENODEV, EIO = 19, 5
EPOCH = datetime.datetime(1970, 1, 1)
TIMER_NO_PERIOD = 0xFFFFFFFF  # the ports' "period not given" default


def clamp_u16(value) -> int:
    return max(0, min(65535, int(value)))


def twelve_bit(value_u16: int) -> tuple[int, int]:
    """(raw 12-bit ADC sample, the 16-bit value the ports report for it)."""
    raw = value_u16 >> 4
    return raw, raw << 4 | raw >> 8


def as_int(value) -> int:
    """An integer argument as the firmware takes it (no conversion from str or float)."""
    if isinstance(value, int):
        return int(value)
    raise TypeError("can't convert %s to int" % type(value).__name__)


class Port:
    """A MicroPython port (sys.platform): constant tables as class attributes, behaviour
    differences as methods. One instance per board profile; it holds no guest state."""

    name = ""  # sys.platform
    # the prog size the port's boot code gives vfs.VfsLfs2 for its flash (extmod's default 32)
    lfs_prog_size = 32
    # its FatFs (vfs.VfsFat): the largest sector size (MICROPY_FATFS_MAX_SS) and the volume
    # label VfsFat.mkfs writes (MICROPY_HW_FLASH_FS_LABEL, stm32 only)
    fat_max_sector = 4096
    fat_label: str | None = None
    # where the firmware's own FAT flash file system starts on its drive (the partition that
    # it formats; None: the port formats littlefs)
    fat_flash_partition_start: int | None = None
    # the board-level modules this port's firmware has (besides machine, time, ...)
    modules: frozenset[str] = frozenset()
    # the language and library switches of the port's firmware (its ROM level and overrides)
    features = Features.at_level("port", EXTRA_FEATURES)
    soft_reboot_text = b"MPY: soft reboot\r\n"
    # the _thread module's threads (None: the firmware is built without MICROPY_PY_THREAD)
    thread_policy: ThreadPolicy | None = None
    # a firmware built with a ROMFS partition (`--romfs-size`): its erase unit, and the
    # class of the segment object vfs.rom_ioctl(2, 0) gives (rp2.Flash, esp32.Partition)
    romfs_erase_size = 4096
    romfs_segment_type: type = romfs.Flash

    def romfs_ioctl(self, size: int, image: bytes, on_write=None):
        """vfs.rom_ioctl of a firmware whose ROMFS partition is ``size`` bytes holding
        ``image`` (the rest erased); ``on_write(area, first, end)`` after each change."""
        segment = self.romfs_segment_type(size)
        romfs.program(segment, 0, image)
        if on_write is not None:
            segment._on_write = lambda first, end: on_write(segment, first, end)
        return romfs.SegmentRomIoctl(segment)

    # --- pin naming ----------------------------------------------------------------------
    def pin_by_number(self, profile: Any, number: int) -> int:
        """Pin(number) -> GPIO number (ValueError with the port's message)."""
        if number in profile.valid_gpios:
            return number
        raise ValueError("invalid pin")

    def pin_by_name(self, profile: Any, name: str) -> int:
        """Pin(name) for a name that is not one of the board's pin names."""
        raise ValueError("invalid pin")

    # --- machine.Pin ----------------------------------------------------------------------
    pin_constants: dict[str, int] = {}
    # Pin methods this port's Pin class lacks
    pin_missing_methods: tuple[str, ...] = ()
    pin_irq_has_flags = True
    pin_irq_hard = True  # Pin.irq() takes hard= (else wake=)

    def pin_class_constants(self) -> dict[str, Any]:
        return dict(self.pin_constants)

    def pin_name_tables(self, profile: Any) -> dict[str, tuple[str, dict[str, Any]]]:
        """Pin.cpu / Pin.board: attribute -> (class name, {name: what Pin() takes})."""
        return {}

    def pin_mode_error(self, mode: int) -> str:
        return "invalid pin mode: %d" % mode

    def pin_select_alt(self, line: Any, alt: Any) -> None:
        """Pin.init(mode=ALT, alt=...): which function the pin now has."""

    def pin_repr(self, gpio: int, line: Any) -> str:
        raise NotImplementedError

    @staticmethod
    def pin_mode_pull_names(line: Any) -> tuple[str, str | None]:
        mode = {model.MODE_IN: "IN", model.MODE_OUT: "OUT",
                model.MODE_OPEN_DRAIN: "OPEN_DRAIN", model.MODE_ALT: "ALT"}[line.mode]
        return mode, {model.PULL_UP: "PULL_UP", model.PULL_DOWN: "PULL_DOWN"}.get(line.pull)

    # --- machine -------------------------------------------------------------------------
    reset_causes: dict[str, int] = {}
    machine_constants: dict[str, int] = {}  # the port's extra machine constants
    # the port's extra machine functions: guest name -> the machine module's implementation
    machine_functions: dict[str, str] = {}

    def machine_freq(self, board: Any) -> Any:
        """machine.freq(): the CPU clock."""
        return board.cpu_freq

    def machine_set_freq(self, board: Any, hz: Any, rest: tuple) -> None:
        board.cpu_freq = int(hz)

    def reset_cause(self, board: Any) -> str:
        """The name of the cause machine.reset_cause() reports."""
        return board.reset_cause

    def deepsleep_ext0(self, board: Any) -> tuple[int, int] | None:
        """(gpio, level) of the pin that wakes the board from deep sleep, if any."""
        return None

    def record_wake(self, board: Any, cause: str | None) -> None:
        """What woke the board from a sleep ("timer", "ext0" or None), if the port keeps it."""

    # --- machine.UART --------------------------------------------------------------------
    # (IRQ_RX, IRQ_RXIDLE, IRQ_TXIDLE, IRQ_BREAK); None where the port has none
    uart_irq_flags: tuple[int | None, ...] = (None, None, None, None)
    uart_invert: dict[str, int] = {}
    uart_extra_constants: dict[str, int] = {}
    uart_missing_wording = "doesn't exist"
    uart_baudrate_required = False

    def uart_constants(self) -> dict[str, Any]:
        """The UART class's constants: inversion masks, IRQ triggers, flow control."""
        names = ("IRQ_RX", "IRQ_RXIDLE", "IRQ_TXIDLE", "IRQ_BREAK")
        consts = dict(self.uart_invert)
        consts.update((n, v) for n, v in zip(names, self.uart_irq_flags) if v is not None)
        consts.update(self.uart_extra_constants)
        return consts

    def uart_id(self, id: Any) -> Any:
        """The bus number a UART(id) names."""
        return id

    def uart_default_pins(self, id: int) -> tuple[int, int]:
        """(tx, rx) of a UART before any are given."""
        return (-1, -1)

    def uart_created(self, state: dict) -> None:
        """Creating a UART object (the firmware's static bus object may be reused)."""

    def uart_inits_on_create(self, args: tuple, kwargs: dict) -> bool:
        """Whether UART(id, ...) runs init() even without settings."""
        return True

    def uart_check_bits(self, bits: int) -> None:
        pass

    def uart_check_stop(self, stop) -> None:
        pass

    def uart_check_pin(self, bus: int, gpio: int, role: str) -> None:
        pass

    def uart_check_invert(self, invert: int) -> None:
        pass

    def uart_buffer_size(self, name: str, value: int) -> int:
        return value

    def uart_check_irq(self, hard: bool) -> None:
        pass

    def uart_min_timeout_char(self, baudrate: int) -> int:
        """The shortest timeout_char the port allows (a whole character must fit)."""
        return 0

    def uart_after_init(self, board: Any, state: dict, buffer_given: bool) -> None:
        """What init() does to the pins and buffers after taking the settings."""

    def uart_deinit(self, state: dict) -> None:
        pass

    def uart_repr(self, id: int, state: dict) -> str:
        raise NotImplementedError

    # --- machine.Timer -------------------------------------------------------------------
    timer_constants: dict[str, Any] = {}  # overrides of Timer.ONE_SHOT / PERIODIC
    timer_periodic_by_default = False
    timer_default_period = 0  # in the port's timer unit, before init() sets one
    timer_starts_without_callback = True

    def timer_check_id(self, id: int) -> None:
        if id != -1:
            raise ValueError("Timer doesn't exist")

    def timer_tick_hz(self, id: int) -> int:
        """The unit the port counts a timer's period in."""
        return 1_000_000

    def timer_check_hard(self, hard: bool) -> None:
        pass

    def timer_period(self, current: int, freq, period, tick_hz, unit_hz: int) -> int:
        """init()'s period in the timer's unit, from freq= or period= and tick_hz=."""
        return max(1, self.timer_ticks(freq, period, tick_hz, unit_hz))

    @staticmethod
    def timer_ticks(freq, period, tick_hz, unit_hz: int) -> int:
        if freq is not None:
            return int(unit_hz / freq)
        return int(period) * unit_hz // int(tick_hz)

    def timer_repr(self, id: int, one_shot: bool, period: int, tick_hz: int) -> str:
        mode = "ONE_SHOT" if one_shot else "PERIODIC"
        return "Timer(mode=%s, period=%d)" % (mode, period)

    # --- machine.RTC ---------------------------------------------------------------------
    rtc_mixins: tuple[type, ...] = ()  # the port's extra RTC methods

    def rtc_fields(self, now: datetime.datetime, wall_ns: int, shared: dict) -> tuple:
        """RTC.datetime(): weekday 0-6 from Monday, subseconds 0."""
        return (now.year, now.month, now.day, now.weekday(), now.hour, now.minute,
                now.second, 0)

    def rtc_set_microseconds(self, fields: tuple) -> int:
        """The microseconds a set date tuple carries (its last field, where the port
        takes it)."""
        return 0

    def rtc_after_set(self, fields: tuple, when: int, shared: dict) -> None:
        pass

    # --- machine.WDT ---------------------------------------------------------------------
    def wdt_timeout_ms(self, id, timeout) -> int:
        """The watchdog's timeout for WDT(id, timeout), checked as the port checks it."""
        raise NotImplementedError

    # --- machine.PWM ---------------------------------------------------------------------
    pwm_model = "channel"  # "slices": the RP2040's PWM slices (guest/pwm_rp2.py)
    pwm_mixins: tuple[type, ...] = ()  # the port's extra PWM methods
    pwm_default_freq = 0
    pwm_has_duty = False  # the old duty= (0-1023) form
    pwm_start_duty_u16: int | None = None  # the duty a new PWM starts at, if the port sets one

    def pwm_attach(self, board: Any, gpio: int) -> Any:
        """Connect the pin to its PWM peripheral; what the port's repr needs of it."""
        return None

    def pwm_check_freq(self, freq: int) -> None:
        if freq <= 0:
            raise ValueError("freq must be positive")

    def pwm_check_duty_u16(self, duty_u16: int) -> None:
        pass

    def pwm_duty_to_u16(self, duty: int) -> int:
        raise NotImplementedError

    def pwm_repr(self, pwm: Any) -> str:
        channel = pwm._channel
        if not channel.active:
            return "PWM(Pin(%d))" % pwm._pin._gpio
        scale = pwm._scale or "duty_u16"
        value = {"duty_u16": channel.duty_u16, "duty_ns": pwm.duty_ns(),
                 "duty": channel.duty_u16 >> 6}[scale]
        text = "PWM(Pin(%d), freq=%d, %s=%d" % (pwm._pin._gpio, channel.freq, scale, value)
        return text + (", invert=True)" if pwm._invert else ")")

    # --- machine.ADC ---------------------------------------------------------------------
    adc_mixins: tuple[type, ...] = ()  # the port's extra ADC methods
    adc_constants: dict[str, Any] = {}

    def adc_setup(self, board: Any) -> None:
        """Once per interpreter: the port's internal ADC sources."""

    def adc_check_args(self, args: tuple, atten: int) -> None:
        pass

    def adc_channel(self, number: int) -> Any:
        """The ADC input key that ADC(number) reads, or None if numbers name no channel."""
        return None

    def adc_pin_error(self, gpio: int) -> str:
        return "invalid pin"

    def adc_pin_channel(self, gpio: int) -> int | None:
        return None

    def adc_attach(self, adc: Any, gpio: int, atten: int) -> None:
        """Connect the pin to the converter."""

    def adc_read_u16(self, adc: Any) -> int:
        return adc._sample()[1]

    def adc_repr(self, adc: Any) -> str:
        return "<ADC channel=%d>" % adc._channel

    # --- machine.I2C / SPI ---------------------------------------------------------------
    i2c_nack_errno = ENODEV  # the OSError a missing device's NACK raises
    i2c_legacy_soft = False  # whether I2C(-1, ...) still makes a SoftI2C
    spi_bit_order = (0, 1)  # (SPI.MSB, SPI.LSB)

    def pin_label(self, gpio: int) -> str:
        """How a bit-banged bus prints a pin."""
        return str(gpio)

    def i2c_configure(self, i2c: Any, reinit: bool, *args, **kwargs) -> None:
        """I2C(...) with the port's arguments: checks them, sets the bus state."""
        raise NotImplementedError

    def i2c_repr(self, id: int, state: dict) -> str:
        raise NotImplementedError

    def spi_configure(self, spi: Any, reinit: bool, id, baudrate=-1, *, polarity=-1,
                      phase=-1, bits=-1, firstbit=-1, sck=None, mosi=None, miso=None) -> None:
        """SPI(...) as most ports take it: every call sets every setting (defaults for the
        ones not given)."""
        pins = self.spi_default_pins(id)
        id = self.spi_bus_id(id, (sck, mosi, miso) != (None, None, None))
        state = spi._state(id, {})
        given = {"baudrate": baudrate, "polarity": polarity, "phase": phase,
                 "bits": bits, "firstbit": firstbit}
        defaults = {"baudrate": 500_000, "polarity": 0,
                    "phase": 0, "bits": 8, "firstbit": self.spi_bit_order[0]}
        for name, value in given.items():
            state[name] = defaults[name] if value == -1 else int(value)
        state["baudrate"] = self.spi_actual_baudrate(spi._id, state["baudrate"])
        for role, pin, default in zip(("sck", "mosi", "miso"), (sck, mosi, miso), pins):
            state[role] = spi._gpio_of(pin) if pin is not None else default

    def spi_default_pins(self, id) -> tuple[int, int, int]:
        return (-1, -1, -1)

    def spi_bus_id(self, id, pins_given: bool):
        return id

    def spi_actual_baudrate(self, bus: int, baudrate: int) -> int:
        """The rate the peripheral really runs at for a requested one."""
        raise NotImplementedError

    def spi_repr(self, id: int, st: dict) -> str:
        return "SPI(%d, baudrate=%d, polarity=%d, phase=%d, bits=%d)" % (
            id, st["baudrate"], st["polarity"], st["phase"], st["bits"])

    # --- network.WLAN (boards with a radio) ----------------------------------------------
    wlan_status_codes: dict[str, int] = {}
    wlan_errors: dict[str, Any] = {}  # the OSError argument per failure; 1 if not listed

    def wlan_error(self, kind: str) -> Any:
        return self.wlan_errors.get(kind, 1)

    # --- socket (boards with a radio) ----------------------------------------------------
    # the socket module's constants beyond AF_*/SOCK_* (the port's lwIP build gives them)
    socket_constants: dict[str, int] = {}
    # getaddrinfo()'s canonname: "" (modlwip) or the host name asked for (lwIP's sockets API)
    getaddrinfo_names_host = False
