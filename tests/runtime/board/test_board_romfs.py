"""vfs.rom_ioctl of a firmware built with a ROMFS partition, as each port's C code has it:
rp2 and esp32 hand out a block-device object (rp2_flash.c, esp32_partition.c), stm32 a
memoryview written through rom_ioctl itself (ports/stm32/vfs_rom_ioctl.c). The partition is
NOR flash: erased to 0xFF, a write only clears bits."""

import pytest

from mpt.errors import UsageError
from mpt.runtime.board.board import Board
from guest_harness import Guest

EINVAL = 22


def board(name, tmp_path, **options):
    return Board(name, flash_dir=tmp_path / "flash", **options)


@pytest.mark.parametrize("name, kind", [("rp2", "Flash"), ("esp32", "Partition")])
def test_block_device_segment(tmp_path, name, kind):
    rom = board(name, tmp_path, romfs_size=3 * 4096).romfs
    assert rom(1) == 1
    dev = rom(2, 0)
    assert type(dev).__name__ == kind
    assert rom(2, 5) is dev  # these ports ignore the segment id
    assert repr(rom) == "<function>" and repr(dev) == f"<{kind}>"
    assert not hasattr(dev, "append") and not hasattr(dev, "decode")  # none of bytearray's
    with pytest.raises(TypeError):
        len(dev)
    with pytest.raises(TypeError):
        dev[0] = 1
    assert rom(3, 0, 10) == -EINVAL and rom(6, 0) == -EINVAL  # writes go through the object
    assert (dev.ioctl(4, 0), dev.ioctl(5, 0), dev.ioctl(1, 0), dev.ioctl(9, 0)) == (3, 4096, 0,
                                                                                    None)
    assert bytes(memoryview(dev)[:4]) == b"\xff" * 4  # erased
    dev.writeblocks(0, b"\x0f\xf0", 1)
    dev.writeblocks(0, b"\xf3", 1)  # no erase in between: bits only clear
    assert bytes(memoryview(dev)[:3]) == b"\xff\x03\xf0"
    dev.writeblocks(0, b"ab")  # without an offset the blocks are erased first
    assert bytes(memoryview(dev)[:3]) == b"ab\xff"
    buf = bytearray(2)
    dev.readblocks(0, buf, 1)
    assert buf == b"b\xff"
    assert dev.ioctl(6, 0) == 0 and bytes(memoryview(dev)[:2]) == b"\xff\xff"


def test_memoryview_segment_stm32(tmp_path):
    sector = 128 * 1024
    rom = board("pyboard", tmp_path, romfs_size=2 * sector).romfs
    assert rom(1) == 1
    assert rom(2) == -EINVAL and rom(2, 1) == -EINVAL
    view = rom(2, 0)
    assert isinstance(view, memoryview) and view.readonly and len(view) == 2 * sector
    assert rom(6, 0) == sector
    assert rom(4, 0, 0, b"abcdefg") == 0  # whole 4-byte words only
    assert bytes(view[:8]) == b"abcd\xff\xff\xff\xff"
    assert rom(4, 0, 2 * sector - 2, b"abcd") == -EINVAL
    assert rom(3, 0, 2 * sector + 1) == -EINVAL
    assert rom(3, 0, sector, 1) == 16 and bytes(view[:4]) == b"abcd"  # the second sector only
    assert rom(3, 0, 10) == 16 and bytes(view[:4]) == b"\xff" * 4
    assert rom(5, 0) == -EINVAL  # stm32 has nothing to complete
    with pytest.raises(TypeError):
        rom()


def test_image_and_size(tmp_path):
    image = b"\xd2\xcd\x31\x00"
    dev = board("rp2", tmp_path, romfs_image=image).romfs(2, 0)
    assert len(memoryview(dev)) == 4096 and bytes(memoryview(dev)[:5]) == image + b"\xff"
    with pytest.raises(UsageError):
        board("rp2", tmp_path, romfs_size=1000)
    with pytest.raises(UsageError):
        board("pyboard", tmp_path, romfs_size=4096)
    with pytest.raises(UsageError):
        board("rp2", tmp_path, romfs_size=4096, romfs_image=bytes(5000))


@pytest.mark.parametrize("name", ["rp2", "esp32", "pyboard"])
def test_stock_builds_have_no_romfs(tmp_path, name):
    guest = Guest(name, tmp_path)
    assert guest.board.romfs is None
    assert not hasattr(guest.vfs, "rom_ioctl") and not hasattr(guest.vfs, "VfsRom")
    with_rom = Guest(name, tmp_path, romfs_size=128 * 1024)
    assert hasattr(with_rom.vfs, "rom_ioctl") and hasattr(with_rom.vfs, "VfsRom")


@pytest.mark.parametrize("name, unit", [("rp2", 4096), ("pyboard", 128 * 1024)])
def test_the_partition_is_kept_beside_the_flash(tmp_path, name, unit):
    rom = board(name, tmp_path, romfs_size=2 * unit).romfs
    kept = tmp_path / "flash.romfs"
    assert kept.read_bytes() == b"\xff" * (2 * unit)  # erased the first time
    if name == "rp2":
        rom(2, 0).writeblocks(1, b"second")
    else:
        assert rom(3, 0, unit, 8) == 16 and rom(4, 0, unit, b"second!!") == 0
    assert kept.read_bytes()[unit:unit + 6] == b"second"  # written through at once
    again = board(name, tmp_path, romfs_size=2 * unit).romfs
    assert bytes(memoryview(again(2, 0))[unit:unit + 6]) == b"second"
    # rebuilt with a smaller partition, then a larger one: the bytes stay where they were
    assert len(memoryview(board(name, tmp_path, romfs_size=unit).romfs(2, 0))) == unit
    larger = memoryview(board(name, tmp_path, romfs_size=3 * unit).romfs(2, 0))
    assert bytes(larger[unit:]) == b"\xff" * (2 * unit)
    # an image given at power-on is flashed over what was kept
    image = b"RM" + bytes(10)
    flashed = memoryview(board(name, tmp_path, romfs_image=image).romfs(2, 0))
    assert bytes(flashed[:12]) == image and kept.read_bytes()[:12] == image
    board(name, tmp_path)  # a stock build leaves the partition's file alone
    assert kept.read_bytes()[:12] == image
