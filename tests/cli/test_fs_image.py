"""`mpt fs image`: a littlefs image of a host folder, which the emulated board's VfsLfs2 mounts
with the port's own settings (rp2: progsize=256, as its _boot.py) and with the defaults."""

import calendar
import os
import subprocess
import sys
import textwrap
import time

import littlefs.lfs as lfs

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions


def mpt(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "mpt", "fs", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def make_tree(root):
    (root / "lib" / "pkg").mkdir(parents=True)
    (root / "main.py").write_text("print('main')\n")
    (root / "lib" / "pkg" / "__init__.py").write_text("VALUE = 7\n")
    (root / "data.bin").write_bytes(bytes(range(256)) * 40)  # spans blocks
    (root / "empty").mkdir()


GUEST = """
import vfs, os, sys
class Image:
    def __init__(self, data, size):
        self.data, self.size = data, size
    def readblocks(self, block, buf, off=0):
        a = block * self.size + off
        buf[:] = self.data[a:a + len(buf)]
    def writeblocks(self, block, buf, off=0):
        a = block * self.size + off
        self.data[a:a + len(buf)] = buf
    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // self.size
        if op == 5:
            return self.size
        if op == 6:
            return 0
data = bytearray(os.stat('/image.bin')[6])
with open('/image.bin', 'rb') as f:
    f.readinto(data)
bd = Image(data, 4096)
vfs.mount(vfs.VfsLfs2(bd, progsize=PROG), '/img')
print(sorted(os.listdir('/img')), os.listdir('/img/empty'), os.stat('/img/data.bin')[6])
sys.path.insert(0, '/img/lib')
import pkg
print(pkg.VALUE, open('/img/data.bin', 'rb').read()[256:260])
print(os.stat('/img/main.py')[8] > 0)
with open('/img/new.txt', 'w') as f:
    f.write('written on the board')
print(open('/img/new.txt').read())
"""


def test_image_mounts_on_the_board(tmp_path):
    make_tree(tmp_path / "tree")
    image = tmp_path / "flash" / "image.bin"
    image.parent.mkdir()
    result = mpt("image", tmp_path / "tree", image, "--size", "64K")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{image}: littlefs image of {tmp_path / 'tree'}, 3 files, 16 blocks of 4096 bytes\n"
    assert image.stat().st_size == 64 * 1024
    for prog in (256, 32):
        script = tmp_path / "prog.py"
        script.write_text(GUEST.replace("PROG", str(prog)))
        out: list[str] = []
        run_on_board(str(script), ["prog.py"],
                     BoardOptions(board="rp2", flash=str(tmp_path / "flash")),
                     stdout=out.append, stderr=out.append)
        assert "".join(out) == textwrap.dedent("""\
            ['data.bin', 'empty', 'lib', 'main.py'] [] 10240
            7 b'\\x00\\x01\\x02\\x03'
            True
            written on the board
            """)


FAT_GUEST = """
import vfs, os, sys
class Image:
    def __init__(self, data):
        self.data = data
    def readblocks(self, block, buf):
        buf[:] = self.data[block * 512:block * 512 + len(buf)]
    def writeblocks(self, block, buf):
        self.data[block * 512:block * 512 + len(buf)] = buf
    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // 512
data = bytearray(os.stat('image.bin')[6])
with open('image.bin', 'rb') as f:
    f.readinto(data)
fs = vfs.VfsFat(Image(data))
vfs.mount(fs, '/img')
print(sorted(os.listdir('/img')), os.listdir('/img/empty'), os.stat('/img/data.bin')[6])
print(fs.statvfs('/'))
sys.path.insert(0, '/img/lib')
import pkg
print(pkg.VALUE, open('/img/data.bin', 'rb').read()[256:260])
with open('/img/new.txt', 'w') as f:
    f.write('written on the board')
print(open('/img/new.txt').read(), fs.statvfs('/'))
print(bytes(data[1024:1035]), data[1024 + 11], data[28:32])
"""


def test_pyboard_image_is_the_firmwares_fat(tmp_path):
    # the pyboard formats its flash as FAT (factoryreset.c): 224 sectors of 512 bytes on
    # partition 1 (hidden sectors 0x100), labelled "pybflash"; the output below is what
    # MicroPython 1.29's unix port printed for this program and an image mpt made
    make_tree(tmp_path / "tree")
    image = tmp_path / "flash" / "image.bin"
    image.parent.mkdir()
    result = mpt("image", tmp_path / "tree", image, "--board", "pyboard")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (f"{image}: FAT image of {tmp_path / 'tree'}, 3 files, 224 sectors "
                             f"of 512 bytes\n")
    script = tmp_path / "flash" / "prog.py"
    script.write_text(FAT_GUEST)
    out: list[str] = []
    run_on_board(str(script), ["prog.py"],
                 BoardOptions(board="pyboard", flash=str(tmp_path / "flash")),
                 stdout=out.append, stderr=out.append)
    assert "".join(out) == textwrap.dedent("""\
        ['data.bin', 'empty', 'lib', 'main.py'] [] 10240
        (512, 512, 190, 165, 165, 0, 0, 0, 0, 255)
        7 b'\\x00\\x01\\x02\\x03'
        written on the board (512, 512, 190, 164, 164, 0, 0, 0, 0, 255)
        b'PYBFLASH   ' 8 bytearray(b'\\x00\\x01\\x00\\x00')
        """)


def test_fat_image_keeps_host_modification_times(tmp_path):
    from mpt.runtime.library.fat_volume import FatVolume

    make_tree(tmp_path / "tree")
    main = tmp_path / "tree" / "main.py"
    os.utime(main, (1_700_000_000, 1_700_000_000))
    out = tmp_path / "image.bin"
    assert mpt("image", tmp_path / "tree", out, "--board", "pyboard").returncode == 0

    class Sectors:
        def __init__(self, data):
            self.data = data

        def readblocks(self, block, buf):
            buf[:] = self.data[block * 512:block * 512 + len(buf)]

        def ioctl(self, op, arg):
            return len(self.data) // 512 if op == 4 else None

    volume = FatVolume(Sectors(bytearray(out.read_bytes())))
    local = time.localtime(1_700_000_000)
    stamp = calendar.timegm(local[:6] + (0, 0, 0))
    assert volume.stat("/main.py")[8] == stamp  # local wall-clock time, 2-second steps


def test_image_keeps_host_modification_times(tmp_path):
    make_tree(tmp_path / "tree")
    out = tmp_path / "image.bin"
    assert mpt("image", tmp_path / "tree", out, "--size", "64K").returncode == 0
    data = bytearray(out.read_bytes())

    class Ctx:
        def read(self, cfg, block, off, size):
            return bytes(data[block * 4096 + off:block * 4096 + off + size])

        def prog(self, cfg, block, off, chunk):
            return 0

        def erase(self, cfg, block):
            return 0

        def sync(self, cfg):
            return 0

    cfg = lfs.LFSConfig(Ctx(), block_size=4096, block_count=16, read_size=32, prog_size=256,
                        cache_size=1024, lookahead_size=32, block_cycles=100, name_max=255)
    fs = lfs.LFSFilesystem()
    lfs.mount(fs, cfg)
    stamp = int.from_bytes(lfs.getattr(fs, "/main.py", 1), "little")
    assert stamp == (tmp_path / "tree" / "main.py").stat().st_mtime_ns
    lfs.unmount(fs)


def test_errors(tmp_path):
    make_tree(tmp_path / "tree")
    too_small = mpt("image", tmp_path / "tree", tmp_path / "x.bin", "--size", "8K")
    assert too_small.returncode == 2
    assert too_small.stderr.startswith("mpt: error: ") and "does not fit" in too_small.stderr
    missing = mpt("image", tmp_path / "nope", tmp_path / "x.bin")
    assert missing.returncode == 2 and "not a folder" in missing.stderr
    fat = mpt("image", tmp_path / "tree", tmp_path / "x.bin", "--board", "pyboard",
              "--block-size", "4096")
    assert fat.returncode == 2 and "512-byte sectors" in fat.stderr
    fat_tiny = mpt("image", tmp_path / "tree", tmp_path / "x.bin", "--board", "pyboard",
                   "--size", "12K")
    assert fat_tiny.returncode == 2 and "too few for a FAT volume" in fat_tiny.stderr
    (tmp_path / "tree" / "big.bin").write_bytes(bytes(200 * 1024))
    fat_full = mpt("image", tmp_path / "tree", tmp_path / "x.bin", "--board", "pyboard")
    assert fat_full.returncode == 2 and "does not fit" in fat_full.stderr
    bad = mpt("image", tmp_path / "tree", tmp_path / "x.bin", "--size", "lots")
    assert bad.returncode == 2 and "not a size" in bad.stderr
