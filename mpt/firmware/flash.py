"""Pick the way to flash an image from what the image is."""

from __future__ import annotations

from mpt.errors import FirmwareError
from mpt.firmware.flash_esp import ESP_FORMATS
from mpt.firmware.inspect import ImageInfo


def flash_method(info: ImageInfo) -> str:
    if info.format in ESP_FORMATS:
        return "esp"
    if info.format == "uf2":
        return "uf2"
    if info.format == "dfuse" or (info.format in ("ihex", "elf") and info.target == "stm32"):
        return "dfu"
    if info.format == "universal-hex" or (info.format == "ihex" and info.target in ("nrf51", "nrf52833")):
        return "daplink"
    raise FirmwareError(f"do not know how to flash a {info.format_description}"
                        + (f" for {info.target}" if info.target else "")
                        + ": convert it to the board's format first (.bin for ESP, .uf2, .dfu)")
