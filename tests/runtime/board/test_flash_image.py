"""`--flash-image FILE`: the board's / is a real file-system image (FAT on the pyboard,
littlefs on rp2), read and written in place; the images come from `mpt fs image`."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import littlefs.lfs as lfs
import pytest

from mpt.errors import InputFileError, UsageError
from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from mpt.runtime.library.fat_volume import FatVolume

PROGRAM = """
import os, sys
print(os.mount())
print(sorted(os.listdir('/')), os.getcwd())
print(os.statvfs('/'))
sys.path.insert(0, '/lib')
import pkg
print(pkg.VALUE, open('/main.py').read().strip())
with open('/new.txt', 'w') as f:
    f.write('written on the board')
os.mkdir('/d')
os.chdir('/d')
print(os.getcwd(), sorted(os.listdir('/')), os.statvfs('/'))
"""


def make_image(tmp_path, board: str):
    tree = tmp_path / "tree"
    (tree / "lib" / "pkg").mkdir(parents=True)
    (tree / "main.py").write_text("print('main')\n")
    (tree / "lib" / "pkg" / "__init__.py").write_text("VALUE = 7\n")
    (tree / "data.bin").write_bytes(bytes(range(256)) * 40)
    (tree / "empty").mkdir()
    image = tmp_path / f"{board}.img"
    result = subprocess.run([sys.executable, "-m", "mpt", "fs", "image", str(tree), str(image),
                             "--board", board], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return image


def run_image(tmp_path, board: str, image) -> str:
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent(PROGRAM))
    out: list[str] = []
    run_on_board(str(script), ["prog.py"], BoardOptions(board=board, flash_image=str(image)),
                 stdout=out.append, stderr=out.append)
    return "".join(out)


class _Sectors:
    def __init__(self, data: bytes):
        self.data = bytearray(data)

    def readblocks(self, block, buf):
        buf[:] = self.data[block * 512:block * 512 + len(buf)]

    def ioctl(self, op, arg):
        return len(self.data) // 512 if op == 4 else None


def test_pyboard_flash_is_the_fat_image(tmp_path):
    image = make_image(tmp_path, "pyboard")
    # the statvfs counts are the ones MicroPython 1.29's unix port gives for this image
    # (tests/cli/test_fs_image.py records them)
    assert run_image(tmp_path, "pyboard", image) == textwrap.dedent("""\
        [(<VfsFat>, '/')]
        ['data.bin', 'empty', 'lib', 'main.py'] /
        (512, 512, 190, 165, 165, 0, 0, 0, 0, 255)
        7 print('main')
        /d ['d', 'data.bin', 'empty', 'lib', 'main.py', 'new.txt'] (512, 512, 190, 163, 163, 0, 0, 0, 0, 255)
        """)
    volume = FatVolume(_Sectors(image.read_bytes()))  # written in place
    assert volume.open("/new.txt", "rb").read() == b"written on the board"
    assert volume.stat("/d")[0] == 0x4000
    # a second run finds what the first one wrote
    again = run_image(tmp_path, "pyboard", image)
    assert "['d', 'data.bin', 'empty', 'lib', 'main.py', 'new.txt']" in again
    assert again.endswith("OSError: [Errno 17] EEXIST\n")


def test_rp2_flash_is_the_littlefs_image(tmp_path):
    image = make_image(tmp_path, "rp2")
    out = run_image(tmp_path, "rp2", image)
    assert out.startswith("[(<VfsLfs2>, '/')]\n['data.bin', 'empty', 'lib', 'main.py'] /\n")
    data = bytearray(image.read_bytes())

    class Ctx:
        def read(self, cfg, block, off, size):
            return bytes(data[block * 4096 + off:block * 4096 + off + size])

        def prog(self, cfg, block, off, chunk):
            return 0

        def erase(self, cfg, block):
            return 0

        def sync(self, cfg):
            return 0

    cfg = lfs.LFSConfig(Ctx(), block_size=4096, block_count=len(data) // 4096, read_size=32,
                        prog_size=256, cache_size=1024, lookahead_size=32, block_cycles=100,
                        name_max=255)
    fs = lfs.LFSFilesystem()
    lfs.mount(fs, cfg)
    handle = lfs.file_open(fs, "/new.txt", lfs.LFSFileFlag(1), "utf-8")
    assert lfs.file_read(fs, handle, 100) == b"written on the board"
    lfs.file_close(fs, handle)
    lfs.unmount(fs)


def test_mpt_run_confined_on_an_image(tmp_path):
    image = make_image(tmp_path, "pyboard")
    script = tmp_path / "prog.py"
    # a file left open is closed when the program ends (as a soft reset closes it)
    script.write_text("import os\nprint(os.listdir('/'))\nf = open('/x', 'w')\nf.write('1')\n")
    result = subprocess.run([sys.executable, "-m", "mpt", "run", "--board", "pyboard",
                             "--flash-image", str(image), str(script)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "['data.bin', 'empty', 'lib', 'main.py']\n"
    assert FatVolume(_Sectors(image.read_bytes())).stat("/x")[6] == 1


def test_image_errors(tmp_path):
    script = tmp_path / "prog.py"
    script.write_text("print(1)\n")
    out: list[str] = []

    def start(options):
        run_on_board(str(script), ["prog.py"], options, stdout=out.append, stderr=out.append)

    with pytest.raises(InputFileError, match="No such file"):
        start(BoardOptions(board="pyboard", flash_image=str(tmp_path / "none.img")))
    littlefs_image = make_image(tmp_path, "rp2")
    with pytest.raises(InputFileError, match="no FAT file system the pyboard mounts"):
        start(BoardOptions(board="pyboard", flash_image=str(littlefs_image)))
    with pytest.raises(UsageError, match="not both"):
        start(BoardOptions(board="pyboard", flash=str(tmp_path / "f"),
                           flash_image=str(littlefs_image)))


def test_mpt_emulate_serves_a_board_on_an_image(tmp_path):
    image = make_image(tmp_path, "pyboard")
    served = subprocess.Popen([sys.executable, "-m", "mpt", "emulate", "--tcp", "0", "--board",
                               "pyboard", "--flash-image", str(image)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = served.stdout.readline().strip()
        assert url.startswith("socket://"), served.stderr.read()
        result = subprocess.run([sys.executable, "-m", "mpremote", "connect", url, "exec",
                                 "import os; print(sorted(os.listdir('/')), os.mount())"],
                                capture_output=True, text=True, timeout=120)
        assert result.stdout == "['data.bin', 'empty', 'lib', 'main.py'] [(<VfsFat>, '/')]\n", \
            result.stderr
    finally:
        served.stdin.close()  # the emulator ends when its stdin closes
        served.wait(timeout=30)
    assert f"flash: {image}" in served.stderr.read()


def mpt_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=180)


@pytest.mark.parametrize("board", ["rp2", "pyboard"])
def test_emu_url_with_a_flash_image_and_mpt_run_share_the_board(tmp_path, board):
    image = make_image(tmp_path, board)
    (tmp_path / "hello.txt").write_text("copied through emu://\n")
    url = f"emu://{board}?flash_image={image}"
    # the board commands' emu:// runs in the confined child (`mpt emulate --socket-fd`)
    copied = mpt_cli("-p", url, "cp", "-q", "hello.txt", ":lib/hello.txt", "+", "ls", ":lib",
                     cwd=tmp_path)
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.splitlines() == ["hello.txt", "pkg/"]
    script = tmp_path / "show.py"
    script.write_text("import os\nprint(sorted(os.listdir('/lib')), open('/lib/hello.txt').read())"
                      "\nwith open('/from_run.txt', 'w') as f:\n    f.write('run')\n")
    shown = mpt_cli("run", "--board", board, "--flash-image", str(image), str(script),
                    cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == "['hello.txt', 'pkg'] copied through emu://\n\n"
    # and back: what `mpt run` wrote (a path in the URL is relative to mpt's folder)
    read = mpt_cli("-p", f"emu://{board}?flash_image={image.name}", "cat", ":from_run.txt",
                   cwd=tmp_path)
    assert (read.returncode, read.stdout) == (0, "run"), read.stderr


def test_emu_url_with_a_flash_image_in_this_process(tmp_path, monkeypatch):
    from mpt.fs.remote import BoardFS
    from mpt.transport.serial_transport import SerialTransport
    image = make_image(tmp_path, "rp2")
    monkeypatch.chdir(tmp_path)
    transport = SerialTransport(f"emu://rp2?flash_image={image.name}", emulator_process=False)
    try:
        fs = BoardFS(transport)
        fs.write_file("/in_process.txt", b"kept in the image")
        assert transport.exec("import os; print(os.mount())").strip() == b"[(<VfsLfs2>, '/')]"
    finally:
        transport.close()
    out: list[str] = []
    script = tmp_path / "prog.py"
    script.write_text("print(open('/in_process.txt').read())\n")
    run_on_board(str(script), ["prog.py"], BoardOptions(board="rp2", flash_image=str(image)),
                 stdout=out.append, stderr=out.append)
    assert "".join(out) == "kept in the image\n"


def test_emu_url_flash_image_errors(tmp_path):
    from mpt.transport.serial_transport import SerialTransport
    image = make_image(tmp_path, "rp2")
    (tmp_path / "odd.img").write_bytes(bytes(1000))
    (tmp_path / "blank.img").write_bytes(bytes(64 * 4096))
    cases = {
        "missing.img": "No such file or directory",
        "odd.img": "1000 bytes is not a whole number of 4096-byte blocks",
        "blank.img": "holds no littlefs file system the rp2 mounts",
    }
    for name, message in cases.items():
        result = mpt_cli("-p", f"emu://rp2?flash_image={name}", "ls", cwd=tmp_path)
        assert result.returncode == 2, (name, result.stderr)
        assert result.stderr.startswith(f"mpt: error: cannot open emu://rp2?flash_image={name}:")
        assert message in result.stderr, result.stderr
        # the same error in this process
        with pytest.raises(UsageError, match=f"^cannot open emu://.*{message}"):
            SerialTransport(f"emu://rp2?flash_image={tmp_path / name}", emulator_process=False)
    both = mpt_cli("-p", f"emu://rp2?flash=f&flash_image={image}", "ls", cwd=tmp_path)
    assert both.returncode == 2 and "not both" in both.stderr, both.stderr
    pyboard = mpt_cli("-p", f"emu://pyboard?flash_image={image}", "ls", cwd=tmp_path)
    assert pyboard.returncode == 2 and "no FAT file system the pyboard mounts" in pyboard.stderr
