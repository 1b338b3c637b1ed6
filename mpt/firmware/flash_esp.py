"""Flash ESP chips through esptool's library API (esptool 5), never its command line."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import Callable

from mpt.errors import ConnectionFailed, DeviceError, FirmwareError, UsageError
from mpt.firmware.banner import MICROPYTHON_BANNER
from mpt.firmware.chips import ESP_CHIP_BY_NAME
from mpt.firmware.inspect import ImageInfo, esp_chip_display
from mpt.firmware.esp_partitions import (TABLE_MAX_SIZE, TABLE_OFFSET, looks_like_partition_table,
                                         parse_partition_table)

log = logging.getLogger("mpt.firmware")

ESP_FORMATS = ("esp-merged", "esp-app", "esp-bootloader", "esp-image", "esp8266")
ROM_BAUD = 115200
BEFORE_MODES = ("default-reset", "usb-reset", "no-reset", "no-reset-no-sync")
AFTER_MODES = ("hard-reset", "soft-reset", "no-reset", "no-reset-stub")

Progress = Callable[[int, int], None]


@dataclass
class EspFlashResult:
    chip: str
    offset: int
    size: int
    reset: bool
    offset_source: str = "image"
    banner: str | None = None
    log: list[str] = field(default_factory=list)


def _esptool_logger(progress: Progress | None, lines: list[str], on_message=None):
    """An esptool logger that keeps messages in `lines` (and passes each to `on_message`) and turns
    its progress bar into callbacks."""
    from esp_pylib.logger import EspLogBase

    class CollectingLogger(EspLogBase):
        def print(self, *args, **kwargs):
            text = kwargs.get("sep", " ").join(str(a) for a in args).strip()
            if text:
                lines.append(text)
                if on_message:
                    on_message(text)

        def err(self, *args, suggestion=None):
            self.print("error:", *args)

        def warn(self, *args, suggestion=None):
            self.print("warning:", *args)

        def note(self, *args):
            self.print("note:", *args)

        def hint(self, *args):
            self.print("hint:", *args)

        def debug(self, *args):
            pass

        def set_verbosity(self, mode):
            pass

        def progress_bar(self, cur_iter, total_iters, prefix="", suffix="", bar_length=30):
            if progress:
                progress(cur_iter, total_iters)

    return CollectingLogger()


class _EsptoolSession:
    """Installs our logger for the duration of a flash and turns esptool errors into mpt errors."""

    def __init__(self, progress, lines, on_message=None):
        self.logger = _esptool_logger(progress, lines, on_message)

    def __enter__(self):
        from esp_pylib.logger import EspLog
        from esptool.logger import log
        from esptool.reset import ResetStrategy

        self.previous = EspLog.instance
        log.set_logger(self.logger)
        # esptool binds this one warning to the logger present at import time
        self.previous_print_once = ResetStrategy.print_once
        self.rearm_reset_warning()
        return self

    def rearm_reset_warning(self):
        """esptool warns once per process that a port cannot reset the chip; we want to know each time."""
        from esptool.reset import ResetStrategy
        from esptool.util import PrintOnce

        ResetStrategy.print_once = PrintOnce(self.logger.warn)

    def __exit__(self, exc_type, exc, tb):
        from esp_pylib.logger import EspLog
        from esptool.reset import ResetStrategy

        EspLog.instance = self.previous
        ResetStrategy.print_once = self.previous_print_once
        return False


def check_esp_image(info: ImageInfo) -> None:
    if info.format not in ESP_FORMATS:
        raise FirmwareError(f"{info.format_description} cannot be flashed to an ESP chip over its serial "
                            "bootloader: it needs an ESP image (.bin)")
    if info.problems:
        raise FirmwareError(f"refusing to flash an invalid image: {info.problems[0]}")


def _fatal_to_mpt(exc: Exception, stage: str) -> Exception:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "Wrong chip argument" in str(exc):
        return FirmwareError(message)
    if stage == "connect":
        return ConnectionFailed(f"could not connect to the ESP bootloader: {message}")
    return DeviceError(f"flashing failed while {stage}: {message}")


def flash_esp(info: ImageInfo, data: bytes, port, chip: str = "auto", baud: int = 460800,
              erase: bool = False, before: str = "default-reset", after: str = "hard-reset",
              stub: bool = True, offset: int | None = None, progress: Progress | None = None,
              banner_timeout: float = 3.0, connect_attempts: int = 7,
              on_message: Callable[[str], None] | None = None) -> EspFlashResult:
    """Write an ESP image at the right offset, refusing one built for another chip before writing."""
    log.info("flashing %d bytes of %s on %s (esptool, chip %s)", len(data),
             info.format_description, port, chip)
    from esptool.cmds import attach_flash, detect_chip, reset_chip, run_stub, write_flash
    from esptool.targets import CHIP_DEFS
    from esptool.util import FatalError

    check_esp_image(info)
    if before not in BEFORE_MODES:
        raise UsageError(f"--before must be one of {', '.join(BEFORE_MODES)}")
    if after not in AFTER_MODES:
        raise UsageError(f"--after must be one of {', '.join(AFTER_MODES)}")
    if erase and not stub:
        raise UsageError("erasing the whole flash needs esptool's flasher stub: drop --no-stub")
    if chip != "auto":
        if chip not in ESP_CHIP_BY_NAME:
            raise UsageError(f"unknown ESP chip {chip!r} (one of auto, {', '.join(ESP_CHIP_BY_NAME)})")
        if chip != info.target:
            raise FirmwareError(f"image is built for {esp_chip_display(info.target)}, not "
                                f"{esp_chip_display(chip)}; nothing was written")
    address = info.flash_offset if offset is None else offset
    if address is None:
        raise UsageError("this ESP image carries no app or bootloader description, so where it belongs in "
                         "flash is unknown: give --offset")
    lines: list[str] = []
    with _EsptoolSession(progress, lines, on_message) as session:
        stage = "connect"
        esp = None
        try:
            if chip == "auto":
                esp = detect_chip(port, ROM_BAUD, before, connect_attempts=connect_attempts)
            else:
                esp = CHIP_DEFS[chip](port, ROM_BAUD)
                esp.connect(before, connect_attempts)
            detected = esp.CHIP_NAME
            if detected != esp_chip_display(info.target):
                raise FirmwareError(f"the board is an {detected} but the image is built for "
                                    f"{esp_chip_display(info.target)}; nothing was written")
            stage = "starting the flasher stub"
            if stub:
                esp = run_stub(esp)
            if baud != ROM_BAUD and (esp.IS_STUB or detected != "ESP8266"):  # the ESP8266 ROM cannot
                stage = "changing the baud rate"
                esp.change_baud(baud)
            stage = "attaching the flash"
            attach_flash(esp)
            offset_source = "image" if offset is None else "--offset"
            if info.format == "esp-app" and offset is None:
                stage = "reading the board's partition table"
                address, offset_source = _app_offset_on_board(esp, address)
            stage = "writing"
            # every loader inflates zlib data except the ESP8266's ROM
            deflate = esp.IS_STUB or detected != "ESP8266"
            write_flash(esp, [(address, data)], erase_all=erase, compress=deflate, no_compress=not deflate)
            stage = "resetting"
            before_reset = len(lines)
            session.rearm_reset_warning()
            reset_chip(esp, after)
            reset_done = after in ("hard-reset", "soft-reset") and \
                not any("NOT reset" in line for line in lines[before_reset:])
            banner = _read_banner(esp._port, banner_timeout) if reset_done and banner_timeout > 0 else None
            return EspFlashResult(detected, address, len(data), reset_done, offset_source, banner, lines)
        except FatalError as exc:
            raise _fatal_to_mpt(exc, stage) from None
        except OSError as exc:
            raise ConnectionFailed(f"serial port error while {stage}: {exc}") from None
        finally:
            if esp is not None:
                try:
                    esp._port.close()
                except Exception:
                    pass


def _app_offset_on_board(esp, default: int) -> tuple[int, str]:
    """An application image goes where the board's own partition table puts the app partition."""
    from esptool.util import FatalError

    if not esp.IS_STUB:
        return default, "default (the ROM loader cannot read flash)"
    try:
        table_bytes = esp.read_flash(TABLE_OFFSET, TABLE_MAX_SIZE)
    except FatalError:
        return default, "default (the partition table could not be read)"
    if not looks_like_partition_table(table_bytes):
        return default, "default (no partition table on the board)"
    try:
        partition = parse_partition_table(table_bytes).app_partition()
    except FirmwareError:
        return default, "default (the board's partition table is damaged)"
    if partition is None:
        return default, "default (no app partition on the board)"
    return partition.offset, f"partition {partition.label!r} of the board's partition table"


def _read_banner(serial_port, timeout: float) -> str | None:
    """What the freshly booted firmware prints: the MicroPython banner line, if it comes in time."""
    deadline = time.monotonic() + timeout
    received = b""
    try:
        serial_port.timeout = 0.1
        while time.monotonic() < deadline:
            received += serial_port.read(256)
            match = MICROPYTHON_BANNER.search(received)
            if match:
                line_end = re.search(rb"[\r\n]", received[match.start():])
                if line_end:
                    return received[match.start():match.start() + line_end.start()].decode("ascii", "replace")
    except (OSError, ValueError):
        return None
    return None
