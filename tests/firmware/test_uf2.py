import json
import struct

import pytest

from mpt.errors import FirmwareError
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
