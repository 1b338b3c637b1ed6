
import pytest
from esptool.bin_image import LoadFirmwareImage

from mpt.errors import FirmwareError
from mpt.firmware.esp_image import parse_esp_image
from mpt.firmware.esp_layout import analyse_esp
from mpt.firmware.esp_partitions import parse_partition_table

from tests.firmware import images


@pytest.mark.parametrize("chip", ["esp32", "esp32s2", "esp32s3", "esp32c3", "esp32c6"])
def test_written_app_is_accepted_by_esptool(chip, tmp_path):
    data = images.esp_app(chip)
    path = tmp_path / "app.bin"
    path.write_bytes(data)
    reference = LoadFirmwareImage(chip, str(path))   # esptool raises on a bad checksum
    assert reference.checksum == reference.calculate_checksum()
    assert reference.stored_digest == reference.calc_digest
    ours = parse_esp_image(data)
    assert ours.chip.name == chip
    assert ours.checksum_ok and ours.sha256_ok
    assert [(s.address, s.data) for s in ours.segments] == [(s.addr, s.data) for s in reference.segments]
    assert ours.entry == reference.entrypoint
    assert ours.length == len(data)
    assert ours.app_desc["project_name"] == "micropython"
    assert ours.app_desc["version"] == "v1.29.0"


def test_esp8266_image_matches_esptool(tmp_path):
    data = images.esp8266_firmware()
    path = tmp_path / "fw.bin"
    path.write_bytes(data)
    reference = LoadFirmwareImage("esp8266", str(path))
    ours = parse_esp_image(data)
    assert ours.chip.name == "esp8266"
    assert ours.checksum_stored == reference.checksum
    assert ours.checksum_ok
    assert ours.flash_size == "4MB"


def test_bad_checksum_is_reported():
    data = bytearray(images.esp_app("esp32s3", ))
    data[40] ^= 0x01                       # inside segment 0
    image = parse_esp_image(bytes(data))
    assert not image.checksum_ok
    assert image.sha256_ok is False
    assert "checksum mismatch" in image.problems()[0]


def test_bad_sha256_only():
    data = bytearray(images.esp_app("esp32c3"))
    data[-1] ^= 0xFF
    image = parse_esp_image(bytes(data))
    assert image.checksum_ok and image.sha256_ok is False
    assert image.problems() == ["ESP image SHA-256 digest does not match its content"]


def test_truncated_and_wrong_magic():
    data = images.esp_app("esp32")
    with pytest.raises(FirmwareError, match="truncated"):
        parse_esp_image(data[:2000])
    with pytest.raises(FirmwareError, match="magic"):
        parse_esp_image(b"\xe8" + data[1:])
    with pytest.raises(FirmwareError, match="unknown chip id"):
        parse_esp_image(data[:12] + b"\x63\x00" + data[14:])


@pytest.mark.parametrize("chip,base", [("esp32", 0x1000), ("esp32s3", 0x0), ("esp32c3", 0x0)])
def test_merged_layout(chip, base):
    layout = analyse_esp(images.esp_merged(chip))
    assert layout.kind == "esp-merged"
    assert layout.flash_offset == base
    assert [p.role for p in layout.images] == ["bootloader", "application"]
    assert layout.images[1].flash_offset == 0x10000
    assert layout.partition_table.md5_ok is True
    assert [p.label for p in layout.partition_table.partitions] == ["nvs", "phy_init", "factory", "vfs"]
    assert layout.problems == []


def test_merged_with_damaged_partition_md5_and_app():
    data = bytearray(images.esp_merged("esp32"))
    table_at = 0x8000 - 0x1000
    data[table_at + 40] ^= 0x01            # offset field of entry 1
    data[0xF000 + 40] ^= 0x01              # inside the application's first segment
    layout = analyse_esp(bytes(data))
    assert "partition table MD5 does not match its entries" in layout.problems
    assert any(p.startswith("application: ESP image checksum mismatch") for p in layout.problems)


def test_merged_app_for_other_chip():
    data = images.esp_merged("esp32s3", app=images.esp_app("esp32c3"))
    layout = analyse_esp(data)
    assert any("built for ESP32-C3 but the bootloader for ESP32-S3" in p for p in layout.problems)


def test_full_flash_dump_from_address_zero():
    data = b"\xff" * 0x1000 + images.esp_merged("esp32")
    layout = analyse_esp(data)
    assert layout.kind == "esp-merged" and layout.flash_offset == 0


def test_esp8266_two_part_layout():
    data = images.esp8266_firmware()
    layout = analyse_esp(data)
    assert layout.kind == "esp8266"
    assert layout.extra["irom0_flash_offset"] == 0x9000
    assert layout.extra["md5_ok"] is True
    damaged = bytearray(data)
    damaged[0x9100] ^= 1
    assert "MD5" in analyse_esp(bytes(damaged)).problems[0]
    assert "truncated" in analyse_esp(data[:-100]).problems[0]


def test_partition_table_entries_match_esp_idf_format():
    table = parse_partition_table(images.esp_merged("esp32")[0x7000:0x7C00])
    factory = table.app_partition()
    assert (factory.label, factory.type, factory.subtype, factory.offset) == ("factory", "app", "factory", 0x10000)
    vfs = table.partitions[-1]
    assert (vfs.type, vfs.subtype) == ("data", "fat")
