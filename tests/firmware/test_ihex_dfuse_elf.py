import pytest

from mpt.errors import FirmwareError
from mpt.firmware.dfuse import build_dfuse, parse_dfuse
from mpt.firmware.elf import parse_elf
from tests.firmware.images import build_elf32
from mpt.firmware.ihex import build_hex, parse_hex
from mpt.firmware.memory import MemoryImage

from tests.firmware.reference_tools import run_tool


def test_hex_round_trip_across_64k_boundaries():
    memory = MemoryImage.from_pieces([(0x0800FFF0, bytes(range(256)) * 3), (0x08100000, b"z" * 5)])
    text = build_hex(memory, start_address=0x08000199)
    parsed = parse_hex(text)
    assert parsed.sections[0].memory() == memory
    assert parsed.start_address == 0x08000199
    assert all(len(line) <= 43 for line in text.decode().splitlines())


def test_hex_errors():
    text = build_hex(MemoryImage.from_pieces([(0, b"hello world, this is data")])).decode()
    lines = text.splitlines()
    with pytest.raises(FirmwareError, match="line 1: bad checksum"):
        parse_hex(("\n".join([lines[0][:-2] + "00"] + lines[1:])).encode())
    with pytest.raises(FirmwareError, match="no end-of-file record"):
        parse_hex("\n".join(lines[:-1]).encode())
    with pytest.raises(FirmwareError, match="non-ASCII"):
        parse_hex(b":00000001FF\xff")


def test_universal_hex_sections():
    from mpt.firmware.ihex import _record
    v1 = [_record(4, 0, b"\x00\x00"), _record(0x0A, 0, b"\x99\x00\xc0\xde"), _record(0, 0, bytes(range(16))),
          _record(0x0B, 0, b"")]
    v2 = [_record(4, 0, b"\x00\x00"), _record(0x0A, 0, b"\x99\x03\xc0\xde"),
          _record(0x0D, 0, bytes(range(16, 32))), _record(0x0C, 0x10, b"\xff" * 8), _record(1, 0, b"")]
    assert v1[1] == ":0400000A9900C0DEBB"   # as printed in the micro:bit universal hex spec
    parsed = parse_hex("\n".join(v1 + v2).encode())
    assert parsed.universal
    assert [s.board_id for s in parsed.sections] == [0x9900, 0x9903]
    assert parsed.sections[0].memory().segments[0].data == bytes(range(16))
    assert parsed.sections[1].memory().segments[0].data == bytes(range(16, 32))


def test_dfuse_matches_micropython_dfu_tool(tmp_path):
    payload = bytes(range(256)) * 10
    (tmp_path / "a.bin").write_bytes(payload)
    (tmp_path / "b.bin").write_bytes(b"second" * 52)
    run_tool("dfu.py", "-D", "0x0483:0xdf11", "-b", f"0x08000000:{tmp_path / 'a.bin'}",
             "-b", f"0x08020000:{tmp_path / 'b.bin'}", tmp_path / "ref.dfu")
    reference = (tmp_path / "ref.dfu").read_bytes()
    ours = build_dfuse(MemoryImage.from_pieces([(0x08000000, payload), (0x08020000, b"second" * 52)]),
                       device_version=0)
    assert ours == reference
    parsed = parse_dfuse(reference)
    assert [(e.address, len(e.data)) for e in parsed.targets[0].elements] == [(0x08000000, 2560), (0x08020000, 312)]
    assert (parsed.vendor_id, parsed.product_id) == (0x0483, 0xDF11)


def test_dfuse_damage_is_detected():
    data = build_dfuse(MemoryImage.from_pieces([(0x08000000, b"x" * 100)]))
    with pytest.raises(FirmwareError, match="CRC mismatch"):
        parse_dfuse(data[:300] + b"y" + data[301:])
    with pytest.raises(FirmwareError, match="suffix"):
        parse_dfuse(data[:-20])
    with pytest.raises(FirmwareError, match="prefix"):
        parse_dfuse(b"DfuSx" + data[5:])


def test_elf_segments_by_load_address():
    data = build_elf32(0x28, 0x080001F1, [(0x08000000, b"\x01" * 64), (0x08000040, b"\x02" * 16)])
    parsed = parse_elf(data)
    assert parsed.machine == "ARM" and parsed.entry == 0x080001F1
    assert parsed.memory().segments[0].data == b"\x01" * 64 + b"\x02" * 16
    with pytest.raises(FirmwareError, match="truncated"):
        parse_elf(data[:-10])
