import pytest
from esptool.targets import CHIP_DEFS

from mpt.errors import UsageError
from mpt.firmware.chips import (ESP8266_FLASH_SIZES, ESP_CHIPS, ESP_FLASH_SIZES, normalise_target,
                                target_of_board)


@pytest.mark.parametrize("chip", ESP_CHIPS, ids=lambda c: c.name)
def test_chip_facts_agree_with_esptool(chip):
    rom = CHIP_DEFS[chip.name]
    assert chip.display == rom.CHIP_NAME
    assert chip.bootloader_offset == rom.BOOTLOADER_FLASH_OFFSET
    if chip.image_chip_id is not None:
        assert chip.image_chip_id == rom.IMAGE_CHIP_ID
    for code, name in chip.flash_freqs.items():
        assert rom.FLASH_FREQUENCY[name] == code


def test_flash_size_codes_agree_with_esptool():
    assert {v: k << 4 for k, v in ESP_FLASH_SIZES.items()} == CHIP_DEFS["esp32"].FLASH_SIZES
    assert {v: k << 4 for k, v in ESP8266_FLASH_SIZES.items()} == CHIP_DEFS["esp8266"].FLASH_SIZES


def test_names_of_targets_and_boards():
    assert normalise_target("ESP32-S3") == "esp32s3"
    assert normalise_target("RP2350") == "rp2350-arm-s"
    assert target_of_board("ESP32_GENERIC-SPIRAM") == "esp32"
    assert target_of_board("rpi_pico2_w") == "rp2350-arm-s"
    with pytest.raises(UsageError, match="unknown chip or family 'z80'"):
        normalise_target("z80")
