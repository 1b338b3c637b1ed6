"""Board profiles as data: what each emulated board reports about itself.

Names and MCU strings are the ones the real ports build into their firmware
(MICROPY_HW_BOARD_NAME / MICROPY_HW_MCU_NAME), so banners and os.uname() match.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from mpt.errors import UsageError
from mpt.runtime.board.ports import Esp32Port, Port, Rp2Port, Stm32Port, UnixPort
from mpt.runtime.board.ports.stm32 import stm32_gpio_number
from mpt.runtime.library.sys_mod import BUILD_DATE, MICROPYTHON_VERSION


@dataclass(frozen=True)
class BoardProfile:
    key: str
    board_name: str
    mcu_name: str
    port: Port  # the port's constants and behaviour (its name is sys.platform)
    epoch_year: int
    cpu_freq: int
    heap_bytes: int
    fs_bytes: int
    fs_block_size: int
    # guest-visible pin name -> GPIO number
    pin_names: dict[str, int]
    valid_gpios: frozenset[int]
    input_only_gpios: frozenset[int] = frozenset()
    adc_gpios: frozenset[int] = frozenset()
    pwm_gpios: frozenset[int] | None = None  # None: every output-capable pin
    led_pin: str | None = None
    unique_id: bytes = b""
    # i2c/spi/uart hardware bus ids the port accepts
    i2c_ids: tuple[int, ...] = (0,)
    spi_ids: tuple[int, ...] = (1,)
    uart_ids: tuple[int, ...] = (0, 1)
    gpio_labels: dict[int, str] = field(default_factory=dict)
    # inputs that are not GPIOs (a board file may drive them, guest Pin() cannot reach them)
    virtual_inputs: dict[str, int] = field(default_factory=dict)
    has_wifi: bool = False
    fs_kind: str = "littlefs"  # the flash file system the port formats: littlefs or fat
    # the RTC's date at power-on (year, month, day): where virtual time starts
    power_on_date: tuple[int, int, int] = (2000, 1, 1)
    # what sys.implementation reports: the firmware's build name (MICROPY_BOARD_BUILD_NAME),
    # its native-code architecture (MP_NATIVE_ARCH_*, part of _mpy) and threading ("GIL",
    # "unsafe" or None without _thread)
    build_name: str = ""
    native_arch: int = 0
    thread: str | None = None
    # sys.implementation._machine and the banner's machine, when the build names none of
    # its own board and MCU (the unix port's "platform [compiler] version")
    machine_text: str = ""

    @property
    def platform(self) -> str:
        return self.port.name

    @property
    def modules(self) -> frozenset[str]:
        """The board-level modules this board's firmware has: its port's, ds18x20 frozen
        beside onewire, network, socket and ssl/tls on the boards with a radio."""
        extra = {"ds18x20"} if "onewire" in self.port.modules else set()
        if self.has_wifi:
            extra.update(("network", "socket", "ssl", "tls"))
        return self.port.modules | extra

    @property
    def machine(self) -> str:
        return self.machine_text or f"{self.board_name} with {self.mcu_name}"

    @property
    def version_line(self) -> str:
        return f"MicroPython v{MICROPYTHON_VERSION} on {BUILD_DATE}; {self.machine}"

    @property
    def banner(self) -> str:
        return self.version_line + '\r\nType "help()" for more information.\r\n'

    @property
    def soft_reboot_text(self) -> bytes:
        """What the firmware prints when it soft-resets."""
        return self.port.soft_reboot_text

    def uname(self) -> tuple[str, str, str, str, str]:
        """(sysname, nodename, release, version, machine) as os.uname() reports them."""
        return (self.platform, self.platform, MICROPYTHON_VERSION,
                f"v{MICROPYTHON_VERSION} on {BUILD_DATE}", self.machine)

    def gpio_label(self, gpio: int) -> str:
        """The name trace/VCD output uses for a GPIO."""
        return self.gpio_labels.get(gpio, f"GPIO{gpio}")


def _esp32() -> BoardProfile:
    gpios = frozenset([*range(0, 20), 21, 22, 23, 25, 26, 27, *range(32, 40)])
    return BoardProfile(
        key="esp32", board_name="Generic ESP32 module", mcu_name="ESP32", port=Esp32Port(),
        epoch_year=2000, cpu_freq=160_000_000, heap_bytes=111_168,
        fs_bytes=0x200000, fs_block_size=4096,
        pin_names={}, valid_gpios=gpios,
        input_only_gpios=frozenset(range(34, 40)),
        adc_gpios=frozenset([32, 33, 34, 35, 36, 37, 38, 39, 0, 2, 4, 12, 13, 14, 15, 25, 26, 27]),
        pwm_gpios=gpios - frozenset(range(34, 40)),
        led_pin=None, unique_id=bytes.fromhex("a4cf12345678"),
        i2c_ids=(0, 1), spi_ids=(1, 2), uart_ids=(0, 1, 2), has_wifi=True,
        build_name="ESP32_GENERIC", native_arch=10, thread="GIL",
    )


RP2_BOOTSEL_LINE = 100  # the BOOTSEL button (read through the flash chip select)


def _rp2() -> BoardProfile:
    names = {f"GP{n}": n for n in [*range(0, 23), 25, 26, 27, 28]}
    names["LED"] = 25
    return BoardProfile(
        key="rp2", board_name="Raspberry Pi Pico", mcu_name="RP2040", port=Rp2Port(),
        epoch_year=1970, cpu_freq=125_000_000, heap_bytes=192_064,
        fs_bytes=1408 * 1024, fs_block_size=4096,
        pin_names=names, valid_gpios=frozenset(range(0, 30)),
        adc_gpios=frozenset([26, 27, 28, 29]),
        led_pin="LED", unique_id=bytes.fromhex("e6614104032f4b2a"), power_on_date=(2021, 1, 1),
        i2c_ids=(0, 1), spi_ids=(0, 1), uart_ids=(0, 1),
        gpio_labels={**{n: f"GP{n}" for n in range(0, 30)}, RP2_BOOTSEL_LINE: "BOOTSEL"},
        virtual_inputs={"BOOTSEL": RP2_BOOTSEL_LINE},
        build_name="RPI_PICO", native_arch=4, thread="unsafe",
    )


def _rp2_pico_w() -> BoardProfile:
    base = _rp2()
    names = {k: v for k, v in base.pin_names.items() if k not in ("GP23", "GP24", "GP25", "LED")}
    # the wireless chip's GPIOs (the LED is its WL_GPIO0), modelled as lines 64-66; the
    # RP2040's GPIO23-25 and 29 still exist (Pin(25) works) but have no board names
    for n in range(3):
        names[f"WL_GPIO{n}"] = 64 + n
    names["LED"] = 64
    return replace(
        base, key="rp2w", board_name="Raspberry Pi Pico W", pin_names=names,
        valid_gpios=base.valid_gpios | {64, 65, 66},
        gpio_labels={**base.gpio_labels, 64: "WL_GPIO0", 65: "WL_GPIO1", 66: "WL_GPIO2"},
        has_wifi=True, heap_bytes=166_016, fs_bytes=848 * 1024, build_name="RPI_PICO_W",
    )


_PYB_PINS = {
    "X1": "A0", "X2": "A1", "X3": "A2", "X4": "A3", "X5": "A4", "X6": "A5", "X7": "A6", "X8": "A7",
    "X9": "B6", "X10": "B7", "X11": "C4", "X12": "C5", "X17": "B3", "X18": "C13", "X19": "C0",
    "X20": "C1", "X21": "C2", "X22": "C3", "Y1": "C6", "Y2": "C7", "Y3": "B8", "Y4": "B9",
    "Y5": "B12", "Y6": "B13", "Y7": "B14", "Y8": "B15", "Y9": "B10", "Y10": "B11", "Y11": "B0",
    "Y12": "B1", "SW": "B3", "LED_RED": "A13", "LED_GREEN": "A14", "LED_YELLOW": "A15",
    "LED_BLUE": "B4",
}


def _pyboard() -> BoardProfile:
    names = {name: stm32_gpio_number(cpu) for name, cpu in _PYB_PINS.items()}
    gpios = frozenset(stm32_gpio_number(f"{port}{n}") for port in "ABCD" for n in range(16))
    labels = {g: f"{'ABCD'[g // 16]}{g % 16}" for g in gpios}
    for name, cpu in _PYB_PINS.items():
        if not name.startswith("X") and not name.startswith("Y") and name != "SW":
            continue
        labels[stm32_gpio_number(cpu)] = name
    for name in ("LED_RED", "LED_GREEN", "LED_YELLOW", "LED_BLUE"):
        labels[names[name]] = name
    return BoardProfile(
        key="pyboard", board_name="PYBv1.1", mcu_name="STM32F405RG", port=Stm32Port(),
        epoch_year=2000, cpu_freq=168_000_000, heap_bytes=102_464,
        fs_bytes=112 * 1024, fs_block_size=512,
        pin_names=names, valid_gpios=gpios,
        adc_gpios=frozenset(stm32_gpio_number(c) for c in
                            ["A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "B0", "B1",
                             "C0", "C1", "C2", "C3", "C4", "C5"]),
        led_pin="LED_RED", unique_id=bytes.fromhex("3a0025000d51363235343035"),
        power_on_date=(2015, 1, 1), fs_kind="fat",
        i2c_ids=(1, 2), spi_ids=(1, 2), uart_ids=(1, 2, 3, 4, 6),
        gpio_labels=labels, build_name="PYBV11", native_arch=7,
    )


# the unix port's default heap on a 32-bit build (ports/unix/main.c:
# 1024 * 1024 * sizeof(mp_uint_t) / 4 bytes)
UNIX_HEAP_BYTES = 1024 * 1024
# MICROPY_BANNER_MACHINE of a port without a board name: platform [compiler] version
UNIX_COMPILER = "mpt"


def _unix() -> BoardProfile:
    """What the mpt-micropython drop-in runs on: the unix port's standard build as it reports
    itself (sys.platform, sys.implementation, banner, heap, threads), over the rp2 board's
    hardware model (see mpt.runtime.board.ports.unix)."""
    return replace(
        _rp2(), key="unix", board_name="linux", mcu_name="", port=UnixPort(),
        heap_bytes=UNIX_HEAP_BYTES, build_name="standard",
        machine_text=f"linux [{UNIX_COMPILER}] version")


PROFILES: dict[str, BoardProfile] = {
    p.key: p for p in (_esp32(), _rp2(), _rp2_pico_w(), _pyboard())}
ALIASES = {"pico": "rp2", "rpi_pico": "rp2", "picow": "rp2w", "pico_w": "rp2w",
           "rpi_pico_w": "rp2w", "esp32_generic": "esp32", "pybv11": "pyboard",
           "stm32": "pyboard", "pyb": "pyboard"}
DEFAULT_BOARD = "rp2"
# a profile that is not a board (not a choice of --board): the unix port's build, which the
# drop-in for its binary (mpt-micropython) runs as unless it is given a board
HOSTED_PROFILES: dict[str, BoardProfile] = {"unix": _unix()}
# the modules only some boards have: a guest imports one only on a board whose firmware has it
BOARD_LEVEL_MODULES = frozenset().union(*(p.modules for p in PROFILES.values()))


def get_profile(name: str) -> BoardProfile:
    key = name.lower()
    key = ALIASES.get(key, key)
    if key in HOSTED_PROFILES:
        return HOSTED_PROFILES[key]
    if key not in PROFILES:
        choices = ", ".join(sorted(PROFILES))
        raise UsageError(f"unknown board '{name}' (choose from: {choices})")
    return PROFILES[key]
