"""esptool 5 (its library API, unmodified) flashing through mpt into an emulated ESP bootloader."""

import pytest

from mpt.errors import ConnectionFailed, FirmwareError, UsageError
from mpt.firmware.flash_esp import flash_esp
from mpt.firmware.inspect import inspect_bytes

from tests.firmware import images
from tests.firmware.esp_rom_emulator import FLASH_BEGIN, FLASH_DEFL_BEGIN, EspRomEmulator, PtyEspBoard

WRITES = {FLASH_BEGIN, FLASH_DEFL_BEGIN}


def flash(emulator, image, **kwargs):
    kwargs.setdefault("before", "no-reset")
    with PtyEspBoard(emulator) as board:
        return flash_esp(inspect_bytes(image), image, board.port, **kwargs)


@pytest.mark.parametrize("chip,stub", [("esp32", True), ("esp32", False), ("esp32s3", True),
                                       ("esp32c3", False), ("esp32s2", False)])
def test_merged_image_lands_at_the_chip_offset(chip, stub):
    emulator = EspRomEmulator(chip)
    image = images.esp_merged(chip)
    result = flash(emulator, image, stub=stub, after="no-reset")
    offset = 0x1000 if chip in ("esp32", "esp32s2") else 0
    assert result.chip == emulator.rom.CHIP_NAME and result.offset == offset
    assert emulator.flash[offset:offset + len(image)] == image
    assert emulator.flash[:offset] == b"\xff" * offset
    assert emulator.stub_running is stub


def test_esp8266_firmware_at_zero_with_stub():
    emulator = EspRomEmulator("esp8266")
    image = images.esp8266_firmware()
    flash(emulator, image)
    assert emulator.flash[:len(image)] == image


def test_app_image_goes_where_the_boards_partition_table_says():
    emulator = EspRomEmulator("esp32c3")
    # the board already holds a MicroPython install whose factory app lives at 0x20000
    emulator.flash[:0x30000] = images.esp_merged("esp32c3", app_offset=0x20000)[:0x30000]
    image = images.esp_app("esp32c3", payload=60000)
    result = flash(emulator, image, after="no-reset")
    assert result.offset == 0x20000 and "factory" in result.offset_source
    assert emulator.flash[0x20000:0x20000 + len(image)] == image


def test_app_image_goes_to_0x10000_and_progress_is_reported():
    emulator = EspRomEmulator("esp32c3")
    image = images.esp_app("esp32c3", payload=60000)
    seen = []
    result = flash(emulator, image, progress=lambda done, total: seen.append((done, total)), after="no-reset")
    assert result.offset == 0x10000 and result.offset_source == "default (no partition table on the board)"
    assert emulator.flash[0x10000:0x10000 + len(image)] == image
    assert seen and seen[-1][0] == seen[-1][1]


def test_wrong_chip_is_refused_before_anything_is_written():
    emulator = EspRomEmulator("esp32s3")
    with pytest.raises(FirmwareError, match="board is an ESP32-S3 but the image is built for ESP32-C3"):
        flash(emulator, images.esp_merged("esp32c3"))
    assert not WRITES & set(emulator.commands)
    assert emulator.flash == b"\xff" * len(emulator.flash)


def test_named_chip_mismatch_refused_without_connecting():
    emulator = EspRomEmulator("esp32")
    with pytest.raises(FirmwareError, match="built for ESP32, not ESP32-S3; nothing was written"):
        flash(emulator, images.esp_merged("esp32"), chip="esp32s3")
    assert emulator.commands == []


def test_invalid_image_refused_before_connecting():
    emulator = EspRomEmulator("esp32")
    image = bytearray(images.esp_merged("esp32"))
    image[0xF000 + 100] ^= 1
    with pytest.raises(FirmwareError, match="refusing to flash an invalid image: application: ESP image checksum"):
        flash(emulator, bytes(image))
    assert emulator.commands == []
    with pytest.raises(FirmwareError, match="needs an ESP image"):
        flash(emulator, images.cortex_m_binary())


def test_erase_all_then_write():
    emulator = EspRomEmulator("esp32")
    emulator.flash[0x300000:0x300010] = b"\x00" * 16
    image = images.esp_merged("esp32")
    flash(emulator, image, erase=True, after="no-reset")
    assert emulator.flash[0x300000:0x300010] == b"\xff" * 16
    assert emulator.flash[0x1000:0x1000 + len(image)] == image
    with pytest.raises(UsageError, match="needs esptool's flasher stub"):
        flash(EspRomEmulator("esp32"), image, erase=True, stub=False)


def test_banner_is_read_after_the_board_restarts():
    emulator = EspRomEmulator("esp32c3")
    image = images.esp_merged("esp32c3", version="v1.29.0", board="ESP32C3 module")
    result = flash(emulator, image, stub=False, after="soft-reset")
    assert result.reset
    assert result.banner == "MicroPython v1.29.0 on 2026-04-30; ESP32C3 module with ESP32C3"


def test_no_bootloader_answering():
    import os
    import tty
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        with pytest.raises(ConnectionFailed, match="could not connect to the ESP bootloader"):
            flash_esp(inspect_bytes(images.esp_merged("esp32")), images.esp_merged("esp32"),
                      os.ttyname(slave), before="no-reset", connect_attempts=1)
    finally:
        os.close(master)
        os.close(slave)


def test_image_of_unknown_role_needs_an_offset():
    from tests.firmware.images import build_esp_image
    image = build_esp_image("esp32c3", [(0x3C000020, b"no description" * 50)], entry=0x40380000)
    info = inspect_bytes(image)
    assert info.format == "esp-image" and info.flash_offset is None
    emulator = EspRomEmulator("esp32c3")
    with pytest.raises(UsageError, match="give --offset"):
        flash(emulator, image)
    assert emulator.commands == []
    result = flash(emulator, image, offset=0x20000, after="no-reset")
    assert emulator.flash[0x20000:0x20000 + len(image)] == image and result.offset == 0x20000


def test_esp8266_rom_keeps_the_rom_baud_rate():
    emulator = EspRomEmulator("esp8266")
    image = images.esp8266_firmware()
    flash(emulator, image, stub=False, baud=921600, after="no-reset")
    assert emulator.flash[:len(image)] == image
    assert emulator.baudrate == 115200


def test_default_reset_sequences_through_control_lines_and_banner_after_hard_reset():
    """A board running its old firmware: esptool's classic reset (DTR/RTS) must get it into the
    bootloader, and the hard reset afterwards boots what was written."""
    from tests.firmware.esp_rom_emulator import EmulatedSerial
    emulator = EspRomEmulator("esp32", in_bootloader=False)
    image = images.esp_merged("esp32", board="Generic ESP32 module")
    result = flash_esp(inspect_bytes(image), image, EmulatedSerial(emulator))
    assert emulator.boots == ["download", "flash"]
    assert emulator.flash[0x1000:0x1000 + len(image)] == image
    assert result.reset
    assert result.banner == "MicroPython v1.29.0 on 2026-04-30; Generic ESP32 module with ESP32"


def test_no_reset_before_means_no_bootloader():
    from tests.firmware.esp_rom_emulator import EmulatedSerial
    emulator = EspRomEmulator("esp32c3", in_bootloader=False)
    with pytest.raises(ConnectionFailed, match="could not connect"):
        flash_esp(inspect_bytes(images.esp_merged("esp32c3")), images.esp_merged("esp32c3"),
                  EmulatedSerial(emulator), before="no-reset", connect_attempts=1)
    assert emulator.boots == [] and emulator.flash == b"\xff" * len(emulator.flash)
