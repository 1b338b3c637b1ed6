"""esptool's own merge_bin (raw, UF2 and Intel HEX output) as an oracle for our readers and layouts."""

import pytest
from esptool.cmds import merge_bin

from mpt.firmware.inspect import inspect_bytes
from mpt.firmware.uf2 import parse_uf2

from tests.firmware import images


def parts(chip):
    table = images.esp_merged(chip)[0x8000 - (0x1000 if chip == "esp32" else 0):][:0xC00]
    return [(0x1000 if chip == "esp32" else 0, images.esp_bootloader(chip)), (0x8000, table),
            (0x10000, images.esp_app(chip))]


@pytest.mark.parametrize("chip", ["esp32", "esp32s3", "esp32c3"])
def test_our_merged_layout_equals_esptool_merge_bin(chip):
    offset = 0x1000 if chip == "esp32" else 0
    reference = merge_bin(parts(chip), chip, target_offset=offset)
    assert images.esp_merged(chip) == reference
    info = inspect_bytes(reference)
    assert info.format == "esp-merged" and info.flash_offset == offset and info.valid


def test_esptool_uf2_output_reads_back_as_the_same_flash_content(tmp_path):
    merged = images.esp_merged("esp32s3")
    merge_bin(parts("esp32s3"), "esp32s3", output=str(tmp_path / "o.uf2"), format="uf2")
    uf2 = (tmp_path / "o.uf2").read_bytes()
    parsed = parse_uf2(uf2)
    assert parsed.families == [0xC47E5767]
    content = parsed.memory()
    info = inspect_bytes(uf2)
    assert info.target == "esp32s3" and info.valid
    assert content.flatten() == merged


def test_esptool_hex_output_reads_back_as_the_same_flash_content(tmp_path):
    merged = images.esp_merged("esp32c3")
    merge_bin(parts("esp32c3"), "esp32c3", output=str(tmp_path / "o.hex"), format="hex")
    hex_text = (tmp_path / "o.hex").read_bytes()
    info = inspect_bytes(hex_text)
    assert info.format == "ihex"
    assert info.memory.flatten() == merged
