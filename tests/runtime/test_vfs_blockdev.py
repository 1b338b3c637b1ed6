"""vfs.VfsLfs2 on a guest block device (extmod/vfs_lfsx.c, extmod/vfs_blockdev.c).

The guest's image is checked from the host with littlefs configured as MicroPython configures
it (what the firmware would mount), and a host-made image is mounted by the guest. MicroPython's
own extmod tests (from MPT_MICROPYTHON_SRC) run against their .exp files; the ones that also
test VfsLfs1, which mpt does not have, run on their VfsLfs2 half.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import littlefs.lfs as lfs
import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from reference_tools import needs_micropython_source, source_path

BLOCK = 1024
BLOCKS = 30

RAM_DEVICE = """
class RAM:
    def __init__(self, blocks, size=1024):
        self.size = size
        self.data = bytearray(blocks * size)
        self.read_res = None
        self.raise_on_read = False
    def readblocks(self, block, buf, off=0):
        if self.raise_on_read:
            raise KeyError('from readblocks')
        a = block * self.size + off
        buf[:] = self.data[a:a + len(buf)]
        return self.read_res
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
"""


def run_board(tmp_path, source: str, board: str = "rp2", virtual_time: bool = False) -> str:
    script = tmp_path / "prog.py"
    script.write_text(RAM_DEVICE + textwrap.dedent(source))
    out: list[str] = []
    run_on_board(str(script), ["prog.py"],
                 BoardOptions(board=board, flash=str(tmp_path / "flash"),
                              virtual_time=virtual_time),
                 stdout=out.append, stderr=out.append)
    return "".join(out)


class _Image:
    """A littlefs context over a host bytearray."""

    def __init__(self, data: bytearray):
        self.data = data

    def read(self, cfg, block, off, size):
        start = block * BLOCK + off
        return bytes(self.data[start:start + size])

    def prog(self, cfg, block, off, data):
        start = block * BLOCK + off
        self.data[start:start + len(data)] = data
        return 0

    def erase(self, cfg, block):
        return 0

    def sync(self, cfg):
        return 0


def firmware_mount(data: bytearray):
    """littlefs with vfs_lfsx.c's configuration for this device and the default arguments."""
    cfg = lfs.LFSConfig(_Image(data), block_size=BLOCK, block_count=len(data) // BLOCK,
                        read_size=32, prog_size=32, cache_size=128, lookahead_size=32,
                        block_cycles=100, name_max=255)
    fs = lfs.LFSFilesystem()
    assert lfs.mount(fs, cfg) == 0
    return fs, cfg  # littlefs keeps a pointer to the configuration: it must outlive fs


def test_guest_image_mounts_with_the_firmware_configuration(tmp_path):
    out = run_board(tmp_path, """
        import vfs, time
        bd = RAM(30)
        vfs.VfsLfs2.mkfs(bd)
        vfs.mount(bd, '/ram')
        with open('/ram/boot.py', 'w') as f:
            f.write('print(1)\\n')
        import os
        os.mkdir('/ram/lib')
        with open('/ram/lib/big.bin', 'wb') as f:
            f.write(bytes(range(256)) * 12)
        print(os.listdir('/ram'), os.stat('/ram/boot.py')[6], time.time() - os.stat('/ram/boot.py')[8] < 5)
        vfs.umount('/ram')
        with open('/image.bin', 'wb') as f:
            f.write(bd.data)
    """)
    assert out == "['boot.py', 'lib'] 9 True\n"
    data = bytearray((tmp_path / "flash" / "image.bin").read_bytes())
    fs, _cfg = firmware_mount(data)
    handle = lfs.dir_open(fs, "/")
    names = []
    while (entry := lfs.dir_read(fs, handle)) is not None:
        names.append(entry.name)
    lfs.dir_close(fs, handle)
    assert sorted(names) == [".", "..", "boot.py", "lib"]
    fh = lfs.file_open(fs, "/lib/big.bin", 1)
    assert lfs.file_read(fs, fh, 4096) == bytes(range(256)) * 12
    lfs.file_close(fs, fh)
    # the modification time: attribute 1, nanoseconds since 1970
    stamp = int.from_bytes(lfs.getattr(fs, "/boot.py", 1), "little")
    assert stamp > 1_700_000_000 * 10**9


def test_host_image_mounts_in_the_guest(tmp_path):
    data = bytearray(BLOCKS * BLOCK)
    cfg = lfs.LFSConfig(_Image(data), block_size=BLOCK, block_count=BLOCKS, read_size=32,
                        prog_size=32, cache_size=128, lookahead_size=32, block_cycles=100,
                        name_max=255)
    fs = lfs.LFSFilesystem()
    lfs.format(fs, cfg)
    lfs.mount(fs, cfg)
    lfs.mkdir(fs, "/d")
    fh = lfs.file_open(fs, "/d/main.py", 0x100 | 2)
    lfs.file_write(fs, fh, b"x = 42\n")
    lfs.file_close(fs, fh)
    lfs.unmount(fs)
    (tmp_path / "flash").mkdir()
    (tmp_path / "flash" / "image.bin").write_bytes(bytes(data))
    out = run_board(tmp_path, """
        import vfs, os, sys
        bd = RAM(30)
        with open('/image.bin', 'rb') as f:
            f.readinto(bd.data)
        vfs.mount(bd, '/ram')
        print(os.mount()[0], os.listdir('/ram/d'), os.stat('/ram/d/main.py')[6])
        sys.path.insert(0, '/ram/d')
        import main
        print(main.x)
    """)
    assert out == "(<VfsLfs2>, '/ram') ['main.py'] 7\n42\n"


@pytest.mark.parametrize("board", ["rp2", "esp32"])  # epochs 1970 and 2000
def test_modification_times_follow_the_guest_clock(tmp_path, board):
    out = run_board(tmp_path, """
        import vfs, time
        bd = RAM(30)
        vfs.VfsLfs2.mkfs(bd)
        fs = vfs.VfsLfs2(bd)
        time.sleep(3600)
        fs.open('a', 'w').close()
        print(abs(time.time() - fs.stat('a')[8]) <= 1, fs.stat('a')[8] >= 3600)
    """, board=board, virtual_time=True)
    assert out == "True True\n"


def test_statvfs_counts_blocks_as_the_firmware(tmp_path):
    # free blocks as vfs_lfsx.c counts them (lfs2_fs_traverse, which visits a directory's
    # metadata pair from its parent's entry too); numbers from MicroPython's vfs_lfs.py.exp
    out = run_board(tmp_path, """
        import vfs
        bd = RAM(30)
        vfs.VfsLfs2.mkfs(bd)
        fs = vfs.VfsLfs2(bd)
        print(fs.statvfs('/'))
        fs.open('test', 'w').close()
        fs.mkdir('testdir')
        print(fs.statvfs('/')[3])
        with fs.open('testbig', 'w') as f:
            for i in range(4):
                f.write('large012' * 32 * 16)
        print(fs.statvfs('/')[3])
    """)
    assert out == "(1024, 1024, 30, 28, 28, 0, 0, 0, 0, 255)\n24\n7\n"


def test_errors_are_oserrors_with_the_firmware_numbers(tmp_path):
    out = run_board(tmp_path, """
        import vfs
        bd = RAM(30)
        vfs.VfsLfs2.mkfs(bd)
        fs = vfs.VfsLfs2(bd)
        fs.mkdir('d')
        fs.open('d/f', 'w').close()
        for op in (lambda: fs.stat('nope'), lambda: fs.mkdir('d'), lambda: fs.rmdir('d'),
                   lambda: fs.open('d', 'r'), lambda: fs.open('nope/x', 'w'),
                   lambda: fs.open('d/f', 'x'), lambda: fs.chdir('d/f'),
                   lambda: fs.open('f', 'rw'), lambda: vfs.VfsLfs2(RAM(30))):
            try:
                op()
            except (OSError, ValueError) as e:
                print(type(e).__name__, e.args[0] if e.args else None)
    """)
    assert out == ("OSError 2\nOSError 17\nOSError 39\nOSError 21\nOSError 2\nOSError 17\n"
                   "OSError 2\nValueError None\nOSError 84\n")


def test_readonly_mount_and_block_device_errors(tmp_path):
    out = run_board(tmp_path, """
        import vfs, os
        bd = RAM(30)
        vfs.VfsLfs2.mkfs(bd)
        fs = vfs.VfsLfs2(bd)
        with fs.open('t', 'w') as f:
            f.write('a' * 64)
        vfs.mount(fs, '/ro', readonly=True)
        try:
            open('/ro/u', 'w')
        except OSError as e:
            print('readonly', e.errno)
        print(open('/ro/t').read(3))
        vfs.umount('/ro')
        for res in (-5, 7, 'bad'):
            bd.read_res = res
            try:
                fs.open('t', 'r')  # (the firmware's open takes the mode: no default)
            except (OSError, TypeError) as e:
                print(type(e).__name__, e)
        bd.read_res = None
        bd.raise_on_read = True
        try:
            fs.stat('t')
        except KeyError as e:
            print('KeyError', e)
        bd.raise_on_read = False
        print(fs.stat('t')[6])
    """)
    assert out == ("readonly 30\naaa\nOSError [Errno 5] EIO\nOSError [Errno 22] EINVAL\n"
                   "TypeError can't convert str to int\nKeyError from readblocks\n64\n")


def test_dropped_files_are_closed_before_the_next_operation(tmp_path):
    # littlefs keeps a list of open files: one the guest drops must leave it (the firmware's
    # finaliser) or the next operation walks freed memory
    out = run_board(tmp_path, """
        import vfs, os
        bd = RAM(30)
        vfs.VfsLfs2.mkfs(bd)
        vfs.mount(vfs.VfsLfs2(bd), '/x')
        open('/x/a', 'w').write('abc')
        print(open('/x/a').read())
        os.rename('/x/a', '/x/b')
        print(os.listdir('/x'), os.stat('/x/b')[6])
    """)
    assert out == "abc\n['b'] 3\n"


# --- MicroPython's own tests ---------------------------------------------------------------

EXTMOD_LFS2 = ("vfs_lfs_mtime", "vfs_lfs_ilistdir_del")
EXTMOD_LFS1_AND_2 = ("vfs_lfs", "vfs_lfs_file", "vfs_lfs_corrupt", "vfs_lfs_error",
                     "vfs_lfs_mount")


def run_dropin(tmp_path, program: str) -> str:
    script = tmp_path / "t.py"
    script.write_text(program)
    env_flash = str(tmp_path / "flash")
    proc = subprocess.run([sys.executable, "-m", "mpt.unix_cmdline", str(script)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env={**os.environ, "MPT_FLASH": env_flash})
    return proc.stdout + proc.stderr


@needs_micropython_source
@pytest.mark.parametrize("name", EXTMOD_LFS2)
def test_micropython_extmod_test(tmp_path, name):
    program = source_path("tests", "extmod", name + ".py").read_text()
    expected = source_path("tests", "extmod", name + ".py.exp").read_text()
    assert run_dropin(tmp_path, program) == expected


@needs_micropython_source
@pytest.mark.parametrize("name", EXTMOD_LFS1_AND_2)
def test_micropython_extmod_test_vfslfs2_half(tmp_path, name):
    program = source_path("tests", "extmod", name + ".py").read_text()
    expected = source_path("tests", "extmod", name + ".py.exp").read_text()
    program = program.replace("    vfs.VfsLfs1\n", "")
    program, n = re.subn(r"^test\((bdev, )?vfs\.VfsLfs1\)\n", "", program, flags=re.M)
    assert n == 1
    expected = expected[expected.index("test <class 'VfsLfs2'>"):]
    assert run_dropin(tmp_path, program) == expected


def test_littlefs_is_imported_by_the_first_volume_only(tmp_path):
    """A board whose flash is a host folder starts without littlefs (some 60 ms of imports);
    the volume a guest makes imports it (the tests above)."""
    prog = tmp_path / "prog.py"
    prog.write_text("print('ran')\n")
    probe = textwrap.dedent(f"""\
        import sys
        from mpt.runtime.board.run import run_on_board
        from mpt.runtime.board.setup import BoardOptions
        out = []
        status = run_on_board({str(prog)!r}, [], BoardOptions(flash={str(tmp_path / 'flash')!r}),
                              stdout=out.append, stderr=out.append)
        print(status, "".join(out).strip(), "littlefs" in sys.modules)
        """)
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120)
    assert proc.stdout.split() == ["0", "ran", "False"], proc.stderr
