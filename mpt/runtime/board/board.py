"""One emulated board: a profile plus its clock, flash, GPIOs, buses and event stream."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mpt.runtime.library.clock import NS_PER_S, Clock
from mpt.runtime.board.flash import FlashFolder, default_flash_dir, rom_partition_file
from mpt.runtime.board.hostnet import DirectNet, HostNet
from mpt.runtime.board.i2c import I2CBus, I2CDevice
from mpt.runtime.board.netpolicy import NetPolicy
from mpt.runtime.board.peripherals import AdcInputs, PwmChannel, SpiBus, UartPort
from mpt.runtime.board.pins import GpioBank
from mpt.runtime.board.profiles import BoardProfile, get_profile
from mpt.runtime.board.trace import TextTrace, Tracer
from mpt.runtime.board.vcd import VcdRecorder
from mpt.runtime.vm.features import Features

if TYPE_CHECKING:
    from mpt.runtime.board.dht import DhtSensor
    from mpt.runtime.board.nvs import NvsStore
    from mpt.runtime.board.onewire import OneWireBus

# reset causes, with the values machine.reset_cause() reports on the ports
PWRON_RESET = "PWRON_RESET"
HARD_RESET = "HARD_RESET"
WDT_RESET = "WDT_RESET"
SOFT_RESET = "SOFT_RESET"
DEEPSLEEP_RESET = "DEEPSLEEP_RESET"


class BoardResetRequest(BaseException):
    """Raised through guest code when the board must restart (machine.reset, watchdog).

    A BaseException on the host side so guest ``except Exception`` cannot swallow it
    (the VM must let it pass, as a real reset cannot be caught either).
    """

    def __init__(self, cause: str, message: str = ""):
        super().__init__(message or cause)
        self.cause = cause
        self.message = message


class Board:
    def __init__(self, profile: BoardProfile | str = "rp2", *,
                 flash_dir: str | os.PathLike | None = None, virtual_time: bool = False,
                 trace_stream: TextIO | None = None, record_vcd: bool = False,
                 start_wall_ns: int | None = None, features: Features | None = None,
                 romfs_size: int | None = None, romfs_image: bytes | None = None,
                 net: bool = False, flash_image: str | os.PathLike | None = None):
        self.profile = get_profile(profile) if isinstance(profile, str) else profile
        # the firmware's language features: the port's, unless another build's are asked for
        self.features = features or self.profile.port.features
        if start_wall_ns is None and virtual_time:
            # virtual time is deterministic: the RTC starts where the real one does
            import calendar

            start_wall_ns = calendar.timegm(self.profile.power_on_date + (0, 0, 0)) * NS_PER_S
        self.clock = Clock(virtual_time, start_wall_ns=start_wall_ns)
        self.tracer = Tracer(self.clock.peek_ns)
        if trace_stream is not None:
            self.tracer.subscribe(TextTrace(trace_stream))
        self.vcd: VcdRecorder | None = None
        if record_vcd:
            self.vcd = VcdRecorder()
            self.tracer.subscribe(self.vcd)
        self.flash: Any
        if flash_image is not None:  # the flash as a real file-system image
            from mpt.runtime.board.flash_image import open_flash_image
            self.flash = open_flash_image(flash_image, self.profile, now_ns=self.clock.wall_ns)
        else:
            if flash_dir is None:
                flash_dir = default_flash_dir(self.profile.key)
            self.flash = FlashFolder(flash_dir, capacity_bytes=self.profile.fs_bytes,
                                     block_size=self.profile.fs_block_size,
                                     epoch_year=self.profile.epoch_year,
                                     fs_kind=self.profile.fs_kind)
        # vfs.rom_ioctl of a firmware built with a ROMFS partition (None: built without, as
        # the stock builds); the partition is flash: kept between runs in a file of its own
        self.romfs = None
        if romfs_size is not None or romfs_image is not None:
            # beside the flash folder, or beside the flash's image file
            kept = Path(flash_image).resolve() if flash_image is not None else self.flash.root
            self.romfs = self._rom_partition(romfs_size, romfs_image, rom_partition_file(kept))
        self.gpio = GpioBank(self.profile.gpio_label, self.tracer)
        self.adc = AdcInputs(self.seconds, self.tracer)
        self.pwm: dict[int, PwmChannel] = {}
        self._i2c: dict[str, I2CBus] = {}
        self._spi: dict[str, SpiBus] = {}
        self._uart: dict[str, UartPort] = {}
        # devices declared for every I2C bus (a board file without a bus number)
        self.i2c_any_bus: dict[int, I2CDevice] = {}
        self.i2c_on_bus: dict[str, dict[int, I2CDevice]] = {}
        self.reset_cause = PWRON_RESET
        # a soft reset (Ctrl-D) since the last hard one: the esp32 then reports SOFT_RESET
        self.soft_reset_since_boot = False
        self.restart_is_hard = False  # the coming restart follows a reset request
        self.wake_reason = 0  # esp32 machine.wake_reason(): ESP-IDF's wakeup cause
        # a reset the program asked for; until the run ends, everything re-raises it
        self.pending_reset: BoardResetRequest | None = None
        self.cpu_freq = self.profile.cpu_freq
        self.peri_freq = self.profile.cpu_freq  # rp2's clk_peri (SPI/UART): clk_sys at boot
        # access points in range, from a board file ([[wifi]]); empty: any connect works
        self.wifi_networks: list[dict] = []
        self.wifi_country = "XX"  # network.country(): unset at power-on
        self.nvs: NvsStore | None = None  # the esp32's NVS store, opened by esp32.NVS
        self.wake_sources: dict[str, object] = {}  # esp32.wake_on_*: recorded, not acted on
        self.rtc_memory = b""  # the esp32's RTC user memory (kept through deep sleep)
        self.dht: dict[int, DhtSensor] = {}  # DHT sensors by GPIO (board file [[dht]])
        self.onewire: dict[int, OneWireBus] = {}  # 1-Wire buses by GPIO ([[onewire]])
        # where the guest's sockets are made and may reach: the host's loopback only, or
        # anywhere with ``net`` (`mpt run --net`); a confined process swaps in the broker
        self.net: HostNet = DirectNet(NetPolicy(open=net))

    # --- time ----------------------------------------------------------------------------
    def _rom_partition(self, size: int | None, image: bytes | None, kept: Path):
        """The ROM partition's rom_ioctl: holding ``image`` if one is given (flashed with the
        firmware), else what the partition held at the end of the last run (erased the first
        time), and written through to its file from then on."""
        from mpt.runtime.board.romfs import ERASED, PartitionFile, partition_size

        port = self.profile.port
        store = PartitionFile(kept)
        size = partition_size(port.romfs_erase_size, size, image)
        contents = image if image is not None else store.load(size) or b""
        store.open(contents + bytes([ERASED]) * (size - len(contents)))
        return port.romfs_ioctl(size, contents, store.written)

    def seconds(self) -> float:
        """Seconds since boot, for virtual inputs (does not advance virtual time)."""
        return self.clock.peek_ns() / NS_PER_S

    # --- pins ----------------------------------------------------------------------------
    def resolve_pin(self, spec: int | str) -> int:
        """A pin number or name as the board's firmware accepts it -> GPIO number.

        Raises ValueError with the port's message for unknown pins.
        """
        profile = self.profile
        if isinstance(spec, bool) or not isinstance(spec, (int, str)):
            raise TypeError("can't convert to int")
        if isinstance(spec, int):
            return profile.port.pin_by_number(profile, spec)
        if spec in profile.pin_names:
            return profile.pin_names[spec]
        return profile.port.pin_by_name(profile, spec)

    def pwm_channel(self, gpio: int) -> PwmChannel:
        channel = self.pwm.get(gpio)
        if channel is None:
            channel = self.pwm[gpio] = PwmChannel(self.profile.gpio_label(gpio), self.tracer)
        return channel

    # --- buses ---------------------------------------------------------------------------
    def i2c_bus(self, name: str) -> I2CBus:
        bus = self._i2c.get(name)
        if bus is None:
            bus = self._i2c[name] = I2CBus(name, self.tracer)
            for address, device in self.i2c_any_bus.items():
                bus.attach(address, device)
            for address, device in self.i2c_on_bus.get(name, {}).items():
                bus.attach(address, device)
        return bus

    def spi_bus(self, name: str) -> SpiBus:
        bus = self._spi.get(name)
        if bus is None:
            bus = self._spi[name] = SpiBus(name, self.tracer)
        return bus

    def uarts(self) -> list[UartPort]:
        return list(self._uart.values())

    def uart(self, name: str) -> UartPort:
        port = self._uart.get(name)
        if port is None:
            port = self._uart[name] = UartPort(name, self.tracer)
        return port

    # --- life cycle ----------------------------------------------------------------------
    def soft_reset(self) -> None:
        """What a soft reset clears on the hardware side: IRQs and PWM outputs."""
        self.gpio.reset()
        for channel in self.pwm.values():
            channel.stop()

    def write_vcd(self, path: str | os.PathLike) -> None:
        if self.vcd is None:
            raise ValueError("the board was created without record_vcd=True")
        with open(Path(path), "w", encoding="ascii") as handle:
            self.vcd.write(handle, board_name=self.profile.key)
