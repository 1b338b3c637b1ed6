import pytest

from mpt.errors import FirmwareError
from mpt.firmware.banner import identify
from mpt.firmware.convert import convert_bytes
from mpt.firmware.inspect import inspect_bytes
from mpt.firmware.verify import verify_info, wanted_target

from tests.firmware import images


def test_banner_split_across_strings():
    ident = identify(images.banner_strings("v1.29.0-12.g1234abc", "2026-05-01", "Raspberry Pi Pico", "RP2040"))
    assert (ident.name, ident.version, ident.build_date, ident.board, ident.mcu) == \
        ("MicroPython", "v1.29.0-12.g1234abc", "2026-05-01", "Raspberry Pi Pico", "RP2040")
    assert ident.banner == "MicroPython v1.29.0-12.g1234abc on 2026-05-01; Raspberry Pi Pico with RP2040"


def test_build_name_is_found_as_board_id():
    text = images.banner_strings() + b"\x00ESP32\x00ESP32_GENERIC-SPIRAM\x00"
    assert identify(text).board_id == "ESP32_GENERIC-SPIRAM"
    assert identify(images.banner_strings() + b"\x00NOT_A_BOARD\x00").board_id is None


def test_banner_in_one_string_as_older_builds_store_it():
    ident = identify(b"\x00MicroPython v1.15 on 2021-06-08; ET-Board with ESP32\r\n\x00Type")
    assert (ident.version, ident.board, ident.mcu) == ("v1.15", "ET-Board", "ESP32")


def test_version_and_date_stored_apart():
    ident = identify(b"\x00MicroPython\x00junk\x00v1.28.0\x00x\x002026-01-02\x00\x00; Pico with RP2040\x00")
    assert (ident.version, ident.build_date, ident.board) == ("v1.28.0", "2026-01-02", "Pico")


def test_circuitpython_and_unknown():
    ident = identify(b"\x00Adafruit CircuitPython 9.2.1 on 2024-11-20; Raspberry Pi Pico with rp2040\x00")
    assert ident.name == "CircuitPython" and ident.version == "9.2.1" and not ident.is_micropython
    assert identify(b"\x00hello world\x00").name == "unknown"


@pytest.mark.parametrize("builder,fmt,target", [
    (lambda: images.esp_merged("esp32"), "esp-merged", "esp32"),
    (lambda: images.esp_merged("esp32s3"), "esp-merged", "esp32s3"),
    (lambda: images.esp_app("esp32c3"), "esp-app", "esp32c3"),
    (lambda: images.esp_bootloader("esp32c6"), "esp-bootloader", "esp32c6"),
    (lambda: images.esp8266_firmware(), "esp8266", "esp8266"),
    (lambda: images.cortex_m_binary(), "raw", "rp2040"),
])
def test_format_and_target_detected_by_content(builder, fmt, target):
    info = inspect_bytes(builder())
    assert info.format == fmt
    assert info.target == target
    assert info.valid, info.problems


def test_info_reports_micropython_build_of_esp_image():
    info = inspect_bytes(images.esp_merged("esp32s3", version="v1.29.0-preview.3.gabc", board="Generic ESP32S3 module"))
    assert info.identity.version == "v1.29.0-preview.3.gabc"
    assert info.identity.board == "Generic ESP32S3 module"
    assert info.identity.mcu == "ESP32S3"
    assert info.flash == {"mode": "dio", "size": "4MB", "frequency": "40m"}
    assert info.checks == {"bootloader checksum": True, "bootloader SHA-256": True,
                           "application checksum": True, "application SHA-256": True,
                           "partition table MD5": True}


@pytest.mark.parametrize("out", ["uf2", "hex", "dfu"])
def test_conversions_round_trip_losslessly(out):
    original = images.cortex_m_binary(size=5000) + b"\x01\x02\x03"
    converted = convert_bytes(original, out, family="rp2040", base=0x10000000)
    info = inspect_bytes(converted)
    assert info.memory.start == 0x10000000
    assert info.identity.board == "Raspberry Pi Pico"
    assert convert_bytes(converted, "bin") == original
    # and on to every other format and back
    for other in ("uf2", "hex", "dfu"):
        again = convert_bytes(converted, other, family="rp2040")
        assert inspect_bytes(again).memory == info.memory


def test_esp_s3_merged_image_to_uf2_keeps_flash_addresses():
    merged = images.esp_merged("esp32s3")
    converted = inspect_bytes(convert_bytes(merged, "uf2"))
    assert converted.target == "esp32s3"           # family from the chip
    assert converted.memory.start == 0
    assert convert_bytes(convert_bytes(merged, "uf2"), "bin") == merged


def test_verify_rejects_wrong_target_and_damage():
    info = inspect_bytes(images.esp_merged("esp32"))
    verify_info(info, wanted_target(board="ESP32_GENERIC"))
    with pytest.raises(FirmwareError, match="built for ESP32, not ESP32-C3"):
        verify_info(info, wanted_target(chip="ESP32-C3"))
    uf2 = inspect_bytes(convert_bytes(images.cortex_m_binary(), "uf2", family="rp2040", base=0x10000000))
    verify_info(uf2, wanted_target(board="RPI_PICO_W"))
    with pytest.raises(FirmwareError, match="built for rp2040, not rp2350"):
        verify_info(uf2, wanted_target(board="RPI_PICO2"))
    damaged = bytearray(images.esp_merged("esp32"))
    damaged[0x20] ^= 0xFF
    with pytest.raises(FirmwareError, match="bootloader: ESP image checksum mismatch"):
        verify_info(inspect_bytes(bytes(damaged)))


def test_universal_hex_cannot_become_one_binary():
    from mpt.firmware.ihex import _record
    text = "\n".join([_record(4, 0, b"\x00\x00"), _record(0x0A, 0, b"\x99\x00\xc0\xde"),
                      _record(0, 0, b"a" * 16), _record(0x0A, 0, b"\x99\x03\xc0\xde"),
                      _record(0x0D, 0, b"b" * 16), _record(1, 0, b"")]).encode()
    assert inspect_bytes(text).format == "universal-hex"
    with pytest.raises(FirmwareError, match="several boards"):
        convert_bytes(text, "bin")


def test_uf2_for_an_esp32s3_tinyuf2_board_verifies():
    uf2 = convert_bytes(images.esp_app("esp32s3"), "uf2", family="esp32s3", base=0)
    info = inspect_bytes(uf2)
    assert info.target == "esp32s3"
    verify_info(info, wanted_target(chip="esp32s3"))
