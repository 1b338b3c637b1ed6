"""vfs.VfsFat on a guest block device (extmod/vfs_fat.c over lib/oofatfs).

programs_fat/ print what MicroPython 1.29's unix port printed for them
(record_extra_expected.py --folder programs_fat): the images VfsFat writes (FAT12, FAT16 and FAT32,
sectors of 512 to 4096 bytes, long names, numbered short names, renames across folders),
hashed with the clock's marks zeroed, and the errors it raises. They run on the rp2 and esp32
boards and under the mpt-micropython drop-in; the pyboard's FatFs differs from the unix
port's (sectors of 512 bytes at most, and mkfs labels the volume), so it is checked here
against the firmware's source. MicroPython's own extmod/vfs_fat_*.py tests (from
MPT_MICROPYTHON_SRC) run against their .exp files.
"""

from __future__ import annotations

import os
import textwrap

import pytest

from mpt.runtime.library.fat_layout import FS_FAT12, FS_FAT16, FS_FAT32, plan
from program_runs import drop_in, on_board
from reference_tools import needs_micropython_source, source_path

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs_fat")
NAMES = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))


def expected(name: str) -> str:
    with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
        return f.read()


@pytest.mark.parametrize("board", ["rp2", "esp32"])
@pytest.mark.parametrize("name", NAMES)
def test_recorded_program_on_board(name, board, tmp_path):
    assert on_board(board, os.path.join(PROGRAMS, name), str(tmp_path)) == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_recorded_program_under_the_drop_in(name, tmp_path):
    assert drop_in([name], PROGRAMS, str(tmp_path)) == expected(name)


def run_board(tmp_path, source: str, board: str) -> str:
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent(source))
    return on_board(board, str(script), str(tmp_path / "flash"))


RAM = """
    import vfs
    class RAM:
        def __init__(self, blocks, size=512):
            self.size = size
            self.data = bytearray(blocks * size)
        def readblocks(self, n, buf):
            buf[:] = self.data[n * self.size:n * self.size + len(buf)]
        def writeblocks(self, n, buf):
            self.data[n * self.size:n * self.size + len(buf)] = buf
        def ioctl(self, op, arg):
            if op == 4:
                return len(self.data) // self.size
            if op == 5:
                return self.size
"""


def test_pyboard_fatfs_takes_512_byte_sectors_and_labels_the_volume(tmp_path):
    # ports/stm32: MICROPY_FATFS_MAX_SS 512 (a larger sector is FR_DISK_ERR: EIO) and
    # MICROPY_HW_FLASH_FS_LABEL "pybflash", which VfsFat.mkfs writes with f_setlabel
    out = run_board(tmp_path, RAM + """
    bdev = RAM(100)
    vfs.VfsFat.mkfs(bdev)
    print(bdev.data[1024:1035], bdev.data[1024 + 11])
    print(list(vfs.VfsFat(bdev).ilistdir()))
    try:
        vfs.VfsFat.mkfs(RAM(40, 4096))
    except OSError as e:
        print('OSError', e.errno)
    """, "pyboard")
    assert out == "bytearray(b'PYBFLASH   ') 8\n[]\nOSError 5\n"


def test_other_ports_write_no_label(tmp_path):
    out = run_board(tmp_path, RAM + """
    bdev = RAM(100)
    vfs.VfsFat.mkfs(bdev)
    print(bdev.data[1024:1036] == bytes(12))
    """, "rp2")
    assert out == "True\n"


@pytest.mark.parametrize("sectors, size, fat", [
    (50, 512, FS_FAT12), (4096 * 2, 512, FS_FAT12), (9000, 512, FS_FAT16),
    (8 * 1024 * 1024, 512, FS_FAT32), (40, 4096, FS_FAT12)])
def test_mkfs_chooses_the_fat_type_as_f_mkfs(sectors, size, fat):
    # MicroPython's vfs_fat_ramdisklarge.py formats 4 GiB as FAT32; the FAT12/16 cut-offs
    # are MAX_FAT12 = 0xFF5 clusters and the cluster-size table (checked byte for byte by
    # the recorded programs)
    try:
        layout = plan(sectors, size, fat32=False)
    except Exception:  # noqa: BLE001 - FM_FAT aborts: the firmware's second try
        layout = plan(sectors, size, fat32=True)
    assert layout.fmt == fat


EXTMOD_FAT = ("vfs_fat_fileio1", "vfs_fat_fileio2", "vfs_fat_finaliser", "vfs_fat_ilistdir_del",
              "vfs_fat_more", "vfs_fat_mtime", "vfs_fat_oldproto", "vfs_fat_ramdisk",
              "vfs_fat_ramdisklarge", "vfs_blockdev", "vfs_blockdev_invalid",
              "vfs_blockdev_invalid2")


@needs_micropython_source
@pytest.mark.parametrize("name", EXTMOD_FAT)
def test_micropython_extmod_test(tmp_path, name):
    program = source_path("tests", "extmod", name + ".py")
    expected_out = source_path("tests", "extmod", name + ".py.exp").read_text()
    (tmp_path / "t.py").write_bytes(program.read_bytes())
    assert drop_in(["t.py"], str(tmp_path), str(tmp_path / "flash")) == expected_out
