import json
import struct

import pytest

from mpt.errors import FirmwareError, UsageError
from mpt.firmware.chips import UF2_FAMILIES
from mpt.firmware.memory import MemoryImage
from mpt.firmware.uf2 import build_uf2, parse_uf2

from tests.firmware import images
from tests.firmware.reference_tools import run_tool, tool


def test_bin_to_uf2_is_byte_identical_to_uf2conv(tmp_path):
    payload = images.cortex_m_binary(size=256 * 40)
    payload += b"\xa5" * (-len(payload) % 256)
    (tmp_path / "fw.bin").write_bytes(payload)
    run_tool("uf2conv.py", "-c", "-b", "0x10000000", "-f", "0xE48BFF56", "-o", tmp_path / "ref.uf2",
             tmp_path / "fw.bin")
    ours = build_uf2(MemoryImage.from_pieces([(0x10000000, payload)]), UF2_FAMILIES["rp2040"])
    assert ours == (tmp_path / "ref.uf2").read_bytes()


def test_uf2conv_reads_our_uf2_back(tmp_path):
    payload = bytes(range(256)) * 7 + b"tail"
    (tmp_path / "x.uf2").write_bytes(build_uf2(MemoryImage.from_pieces([(0x2000, payload)]), None))
    run_tool("uf2conv.py", "-c", "-o", tmp_path / "back.bin", tmp_path / "x.uf2")
    assert (tmp_path / "back.bin").read_bytes() == payload


def test_family_ids_agree_with_uf2families_json():
    known = {int(f["id"], 16) for f in json.loads(tool("uf2families.json").read_text())}
    for name, value in UF2_FAMILIES.items():
        if name.startswith(("rp2350", "rp-")):
            continue  # newer than some copies of the list
        assert value in known, name


def test_round_trip_with_gaps_and_unaligned_data():
    memory = MemoryImage.from_pieces([(0x1003, b"abc" * 200), (0x9000, b"\x01" * 10)])
    parsed = parse_uf2(build_uf2(memory, 0xADA52840))
    assert parsed.memory() == memory
    assert parsed.families == [0xADA52840]
    assert all(b.address % 256 == 0 or b.address == 0x1003 for b in parsed.blocks)


def test_broken_uf2_files_are_rejected():
    good = build_uf2(MemoryImage.from_pieces([(0, b"\x00" * 1024)]), None)
    with pytest.raises(FirmwareError, match="multiple of 512"):
        parse_uf2(good[:-1])
    with pytest.raises(FirmwareError, match="truncated: 3 of 4"):
        parse_uf2(good[:-512])
    with pytest.raises(FirmwareError, match="wrong magic"):
        parse_uf2(good[:512 + 508] + b"\x00\x00\x00\x00" + good[1024:])
    swapped = good[512:1024] + good[:512] + good[1024:]
    with pytest.raises(FirmwareError, match="missing or reordered"):
        parse_uf2(swapped)
    oversize = bytearray(good)
    struct.pack_into("<I", oversize, 16, 477)
    with pytest.raises(FirmwareError, match="payload of 477"):
        parse_uf2(bytes(oversize))


def test_rp2350_style_file_with_an_absolute_block_first():
    from mpt.firmware.inspect import inspect_bytes
    workaround = build_uf2(MemoryImage.from_pieces([(0x10FFFF00, b"\xef" * 256)]), UF2_FAMILIES["rp-absolute"])
    main = build_uf2(MemoryImage.from_pieces([(0x10000000, images.cortex_m_binary(mcu="RP2350"))]),
                     UF2_FAMILIES["rp2350-arm-s"])
    info = inspect_bytes(workaround + main)
    assert info.target == "rp2350-arm-s"
    assert info.memory.start == 0x10000000 and info.memory.end < 0x10010000
    assert [f["name"] for f in info.details["families"]] == ["rp-absolute", "rp2350-arm-s"]


# --- multi-family files: numbering per family, other families disregarded ---------------------

from mpt.firmware.convert import convert_bytes  # noqa: E402
from mpt.firmware.inspect import inspect_bytes  # noqa: E402
from mpt.firmware.verify import verify_info, wanted_target  # noqa: E402

from tests.firmware import uf2_images  # noqa: E402


@pytest.mark.parametrize("tagged", [True, False])
def test_pico_sdk_rp2350_layout_is_read_as_one_image(tagged):
    binary = uf2_images.pico2_binary()
    data = uf2_images.rp2350_sdk_uf2(binary, tagged=tagged)
    parsed = parse_uf2(data)
    assert [(s.family, len(s.blocks), s.placeholder) for s in parsed.sequences] == [
        (0xE48BFF57, 1, True), (0xE48BFF59, len(binary) // 256 + 1, False)]
    info = inspect_bytes(data)
    assert info.target == "rp2350-arm-s"
    assert info.memory == MemoryImage.from_pieces([(0x10000000, binary)])   # the E10 block is no data
    assert info.identity.banner == ("MicroPython v1.29.0 on 2026-04-30; Raspberry Pi Pico2 with RP2350")
    assert [(f["name"], f["blocks"], f["role"].split(",")[0]) for f in info.details["families"]] == [
        ("rp-absolute", 1, "placeholder"), ("rp2350-arm-s", len(binary) // 256 + 1, "image")]
    verify_info(info, wanted_target(board="RPI_PICO2"))
    assert convert_bytes(data, "bin") == binary
    assert convert_bytes(data, "uf2") == data          # UF2 to UF2 keeps every family


def test_each_family_is_checked_on_its_own():
    data = bytearray(uf2_images.rp2040_and_rp2350_uf2())
    info = inspect_bytes(bytes(data))
    assert info.all_targets == ["rp2040", "rp2350-arm-s"]
    assert [v["identity"].version for v in info.variants] == ["v1.29.0", "v1.28.0"]
    verify_info(info, wanted_target(chip="rp2040"))
    verify_info(info, wanted_target(chip="rp2350"))
    with pytest.raises(FirmwareError, match="not samd51"):
        verify_info(info, wanted_target(chip="samd51"))
    # drop the RP2350 image's third block: only that family's sequence is broken
    rp2040_blocks = len(images.cortex_m_binary(size=6000)) // 256 + 1
    cut = (rp2040_blocks + 1 + 2) * 512
    with pytest.raises(FirmwareError, match=r"UF2 block \d+ \(family rp2350-arm-s 0xe48bff59\) is numbered 3/\d+, "
                                            r"expected 2/\d+"):
        parse_uf2(bytes(data[:cut] + data[cut + 512:]))
    # and a family whose last block is missing is truncated
    with pytest.raises(FirmwareError, match=r"truncated: \d+ of \d+ blocks present \(family rp2350-arm-s"):
        parse_uf2(bytes(data[:-512]))


def test_interleaved_families_and_a_repeated_family_are_read():
    a = uf2_images.family_run(b"A" * 600, 0x10000000, uf2_images.RP2040)
    b = uf2_images.family_run(b"B" * 600, 0x10000000, uf2_images.SAMD51)
    interleaved = b"".join(a[i:i + 512] + b[i:i + 512] for i in range(0, len(a), 512))
    parsed = parse_uf2(interleaved)
    assert parsed.families == [uf2_images.RP2040, uf2_images.SAMD51]
    assert parsed.memory(uf2_images.RP2040) == MemoryImage.from_pieces([(0x10000000, b"A" * 600)])
    twice = a + uf2_images.family_run(b"C" * 300, 0x10010000, uf2_images.RP2040)
    assert parse_uf2(twice).memory(uf2_images.RP2040).data_size == 900


def test_convert_picks_one_family_only_when_told():
    data = uf2_images.rp2040_and_rp2350_uf2()
    with pytest.raises(UsageError, match=r"several images \(family rp2040 0xe48bff56, family rp2350-arm-s "
                                         r"0xe48bff59\): choose one with --family"):
        convert_bytes(data, "bin")
    assert convert_bytes(data, "bin", family="rp2040") == images.cortex_m_binary(size=6000)
    assert convert_bytes(data, "bin", family="rp2350") == uf2_images.pico2_binary(version="v1.28.0", size=6000)
    only_rp2350 = convert_bytes(data, "uf2", family="rp2350")
    assert parse_uf2(only_rp2350).families == [uf2_images.RP2350_ARM_S]
    assert convert_bytes(data, "uf2") == data
    with pytest.raises(UsageError, match="holds no blocks of family samd51"):
        convert_bytes(data, "uf2", family="samd51")
