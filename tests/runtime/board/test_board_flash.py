import os

import pytest

from mpt.runtime.board.flash import (EEXIST, EISDIR, ENOENT, ENOSPC, ENOTDIR, ENOTEMPTY,
                                     FlashError, FlashFolder)


@pytest.fixture
def flash(tmp_path):
    root = tmp_path / "flash"
    return FlashFolder(root, capacity_bytes=64 * 4096, block_size=4096)


def errno_of(call):
    with pytest.raises(FlashError) as info:
        call()
    return info.value.errno


def test_write_read_listdir_stat(flash):
    f = flash.open("/data.bin", "wb")
    assert f.write(b"abc") == 3
    f.close()
    assert flash.open("data.bin", "rb").read() == b"abc"
    flash.mkdir("lib")
    assert flash.listdir("/") == ["data.bin", "lib"]
    assert flash.stat("/data.bin")[0] == 0x8000 and flash.stat("/data.bin")[6] == 3
    assert flash.stat("/lib")[0] == 0x4000
    assert flash.ilistdir("/") == [("data.bin", 0x8000, 0, 3), ("lib", 0x4000, 0, 0)]


def test_errors_carry_micropython_errno(flash):
    flash.mkdir("/d")
    flash.open("/d/f", "w").close()
    assert errno_of(lambda: flash.open("/missing", "r")) == ENOENT
    assert errno_of(lambda: flash.mkdir("/d")) == EEXIST
    assert errno_of(lambda: flash.open("/d", "r")) == EISDIR
    assert errno_of(lambda: flash.listdir("/d/f")) == ENOTDIR
    assert errno_of(lambda: flash.open("/d/f/x", "w")) == ENOTDIR
    assert errno_of(lambda: flash.rmdir("/d")) == ENOTEMPTY
    assert errno_of(lambda: flash.open("/nodir/x", "w")) == ENOENT
    assert errno_of(lambda: flash.open("/d/f", "x")) == EEXIST
    assert errno_of(lambda: flash.remove("/nothing")) == ENOENT


def test_cwd_and_relative_paths(flash):
    flash.mkdir("/lib")
    flash.chdir("lib")
    assert flash.getcwd() == "/lib"
    flash.open("mod.py", "w").close()
    assert flash.listdir("/lib") == ["mod.py"]
    flash.chdir("..")
    assert flash.getcwd() == "/"


def test_no_guest_path_escapes_the_folder(tmp_path, flash):
    secret = tmp_path / "secret.txt"
    secret.write_text("host data")
    for path in ("../secret.txt", "/../secret.txt", "/../../../../" + str(secret),
                 str(secret), "lib/../../secret.txt"):
        assert errno_of(lambda: flash.open(path, "r")) == ENOENT
    flash.open("../escape.txt", "w").close()
    assert not (tmp_path / "escape.txt").exists()
    assert (flash.root / "escape.txt").exists()
    flash.chdir("/..")
    assert flash.getcwd() == "/"


def test_symlinks_are_never_followed(tmp_path, flash):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.txt").write_text("host")
    os.symlink(outside, flash.root / "link")
    os.symlink(outside / "x.txt", flash.root / "file_link")
    assert errno_of(lambda: flash.listdir("/link")) == ENOENT
    assert errno_of(lambda: flash.open("/link/x.txt", "r")) == ENOENT
    assert errno_of(lambda: flash.open("/file_link", "r")) == ENOENT
    assert errno_of(lambda: flash.open("/link/new.txt", "w")) == ENOENT
    assert not (outside / "new.txt").exists()
    assert "link" not in flash.listdir("/")


def test_statvfs_and_full_flash(flash):
    bsize, frsize, blocks, bfree, bavail, *_rest, namemax = flash.statvfs("/")
    assert (bsize, frsize, blocks, namemax) == (4096, 4096, 64, 255)
    assert bfree == bavail == 62  # two superblocks
    f = flash.open("/big", "wb")
    f.write(b"\0" * 4096 * 40)
    assert flash.statvfs("/")[3] == 22
    with pytest.raises(FlashError) as info:
        f.write(b"\0" * 4096 * 30)
    assert info.value.errno == ENOSPC
    f.close()


def test_rename_and_remove(flash):
    flash.open("/a", "w").close()
    flash.rename("/a", "/b")
    assert flash.listdir() == ["b"]
    flash.mkdir("/d")
    assert errno_of(lambda: flash.rename("/b", "/d")) == EISDIR
    flash.remove("/b")
    flash.remove("/d")
    assert flash.listdir() == []


def test_littlefs_and_fat_report_errors_their_own_way(tmp_path):
    lfs = FlashFolder(tmp_path / "lfs", capacity_bytes=64 * 4096, block_size=4096)
    fat = FlashFolder(tmp_path / "fat", capacity_bytes=256 * 512, block_size=512, fs_kind="fat")
    for fs in (lfs, fat):
        fs.mkdir("/d")
        fs.open("/d/f", "w").close()
        fs.open("/g", "w").close()
    # FAT (pyboard): remove() is for files, rmdir() for empty directories
    assert errno_of(lambda: fat.rmdir("/d")) == 13     # EACCES: not empty
    assert errno_of(lambda: fat.remove("/d")) == 21    # EISDIR
    assert errno_of(lambda: fat.rmdir("/g")) == 20     # ENOTDIR
    assert errno_of(lambda: fat.open("/d", "r")) == 2  # no file of that name
    # littlefs (esp32, rp2): one remove for both
    assert errno_of(lambda: lfs.rmdir("/d")) == ENOTEMPTY
    lfs.rmdir("/g")
    assert lfs.listdir("/") == ["d"]


def test_many_small_writes_are_counted_exactly(flash):
    f = flash.open("/log", "w")
    for _ in range(10_000):
        f.write(b"0123456789")
    assert flash.statvfs("/")[3] == 62 - 25  # 100000 bytes: 25 blocks of 4096
    f.write(b"x" * (62 * 4096 - 100_000))  # exactly up to the last free block
    assert flash.statvfs("/")[3] == 0
    with pytest.raises(FlashError) as info:
        f.write(b"!")
    assert info.value.errno == ENOSPC
    f.close()
    flash.remove("/log")
    assert flash.statvfs("/")[3] == 62
