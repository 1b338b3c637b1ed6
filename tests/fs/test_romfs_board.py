"""A board built with a ROMFS partition (--romfs-size/--romfs, emu://...?romfs_size=): VfsRom as
the real firmware's (recorded from the unix port of MicroPython 1.29), /rom mounted at boot,
`mpt romfs deploy` then imports from /rom, mpremote 1.29's romfs commands against
`mpt emulate`, and the stock builds (no ROMFS) saying so in one error line."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mpt.fs.romfs_image import image_size
from reference_tools import MISSING_UNIX, micropython_unix_binary

MPREMOTE = Path(sys.executable).parent / "mpremote"
needs_mpremote = pytest.mark.skipif(not MPREMOTE.exists(), reason="mpremote not installed")
BOARDS = {"rp2": 4096, "esp32": 4096, "pyboard": 128 * 1024}  # a whole erase unit each


def mpt(*args, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "mpt", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout)


def mpremote(*args, cwd=None):
    return subprocess.run([str(MPREMOTE), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def payload_size(image: Path) -> int:
    return image_size(image.read_bytes()[:12])


@pytest.fixture
def app(tmp_path):
    root = tmp_path / "app"
    (root / "lib" / "sub").mkdir(parents=True)
    (root / "empty_dir").mkdir()
    (root / "mod.py").write_text("def f():\n    return 42\nX = 'hello world, long string'\n")
    (root / "lib" / "helper.py").write_text("NAME = 'helper'\n")
    (root / "lib" / "sub" / "data.bin").write_bytes(b"data\n")
    (root / "lib" / "sub" / "pkg.py").write_text("y = 1\n")
    (root / "src.py").write_text("SRC = 'kept as source'\n")
    (root / "empty.txt").write_bytes(b"")
    result = mpt("romfs", "build", "-q", "app", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


# a guest program exercising VfsRom directly; its output is recorded from the unix port
GUEST = textwrap.dedent("""
    import vfs, os, sys
    fs = vfs.VfsRom(open('img.romfs', 'rb').read())
    print(fs.stat('/'), fs.stat('mod.mpy'), fs.stat('/lib/sub'))
    print(list(fs.ilistdir('')), list(fs.ilistdir(b'lib')), list(fs.ilistdir('/lib/sub')))
    print(fs.statvfs('/'), repr(fs.getcwd()))
    for path in ('nope', 'lib/nope', 'mod.mpy/x'):
        try:
            fs.stat(path)
        except OSError as e:
            print('stat', path, e.errno)
    for mode in ('w', 'a', 'r+', 'rb', 'r'):
        try:
            f = fs.open('lib/sub/data.bin', mode)
            print(mode, f.read(), f.read(), f.seek(2), f.read(2), f.seek(0, 2), f.tell(), f)
            f.close()
        except OSError as e:
            print(mode, e.errno)
    for path in ('lib', 'missing'):
        try:
            fs.open(path, 'r')
        except OSError as e:
            print('open', path, e.errno)
    try:
        fs.chdir('lib')
    except OSError as e:
        print('chdir', e.errno)
    fs.chdir('/')
    with fs.open('lib/sub/data.bin', 'r') as f:
        print(repr(f.readline()), repr(f.read()), list(fs.open('lib/sub/data.bin', 'r')))
    try:
        fs.open('empty.txt', 'rb').seek(-1)
    except OSError as e:
        print('seek', e.errno)
    for bad in (b'', b'\\xd2\\xcd\\x31', b'\\xd2\\xcd\\x30\\x00', b'\\xd2\\xcd\\x31\\x10xx', bytes(8)):
        try:
            vfs.VfsRom(bad)
        except OSError as e:
            print('bad', bad, e.errno)
    print(vfs.VfsRom(b'\\xd2\\xcd\\x31\\x00').stat('/'))
    try:
        fs.mount(False, True)
    except OSError as e:
        print('mkfs', e.errno)
    vfs.mount(fs, '/x')
    sys.path.append('/x')
    sys.path.append('/x/lib')
    import mod, helper, src
    print(mod.f(), mod.X, helper.NAME, src.SRC, mod.__file__)
    print(os.listdir('/x'), os.stat('/x/lib'), open('/x/empty.txt').read() == '')
    vfs.umount('/x')
""")


def test_vfsrom_is_the_firmwares(app, tmp_path):
    unix = micropython_unix_binary()
    if unix is None:
        pytest.skip(MISSING_UNIX)
    flash = tmp_path / "flash"
    flash.mkdir()
    (flash / "img.romfs").write_bytes((app / "app.romfs").read_bytes())
    (flash / "guest.py").write_text(GUEST)
    expected = subprocess.run([str(unix), "guest.py"], capture_output=True, text=True,
                              cwd=flash, timeout=60)
    assert expected.returncode == 0, expected.stderr
    result = mpt("run", "--flash", flash, "--romfs-size", "4K", flash / "guest.py")
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected.stdout


BOOT_CHECK = ("import sys, os, vfs, mod, helper\nfrom sub import pkg\n"
              "print(sys.path[-2:], mod.f(), helper.NAME, pkg.y, os.listdir('/rom'))\n"
              "print([p for _, p in vfs.mount()])\n")


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_run_with_an_image_mounts_it_at_boot(app, tmp_path, board):
    (tmp_path / "check.py").write_text(BOOT_CHECK)
    result = mpt("run", "--board", board, "--flash", tmp_path / "flash", "--romfs",
                 app / "app.romfs", tmp_path / "check.py")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "['/rom', '/rom/lib'] 42 helper 1 ['empty.txt', 'empty_dir', 'lib', 'mod.mpy', 'src.mpy']",
        "['/rom', '/']"]


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_deploy_then_import_from_rom(app, tmp_path, board):
    url = f"emu://{board}?flash={tmp_path / 'flash'}&romfs_size={2 * BOARDS[board]}"
    result = mpt("-p", url, "romfs", "deploy", "-q", "app", "+", "soft-reset", "+",
                 "exec", "import mod, helper; print(mod.f(), helper.NAME)", "+",
                 "romfs", "query", cwd=app)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "42 helper" in lines
    assert lines[-2:] == [f"ROMFS0: {2 * BOARDS[board]} bytes (2 blocks of {BOARDS[board]} "
                          "bytes)", f"  image: {payload_size(app / 'app.romfs')} bytes"]


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_the_partition_outlives_the_run(app, tmp_path, board):
    """Deployed once (to the board in its confined child process), the image is there at the
    next power-on of the same board (`mpt run`), as on a real board's flash."""
    size = 2 * BOARDS[board]
    url = f"emu://{board}?flash={tmp_path / 'flash'}&romfs_size={size}"
    deployed = mpt("-p", url, "romfs", "deploy", "-q", "app", cwd=app)
    assert deployed.returncode == 0, deployed.stderr
    (tmp_path / "main.py").write_text("import mod, helper\nprint(mod.f(), helper.NAME)\n")
    result = mpt("run", "--board", board, "--flash", tmp_path / "flash", "--romfs-size", size,
                 tmp_path / "main.py")
    assert (result.returncode, result.stdout) == (0, "42 helper\n"), result.stderr
    assert (tmp_path / "flash.romfs").stat().st_size == size
    assert not any(tmp_path.glob("*.mpt-tmp"))


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_stock_build_has_no_romfs(board, tmp_path):
    result = mpt("-p", f"emu://{board}?flash={tmp_path}", "romfs", "query")
    assert result.returncode == 4
    assert result.stderr == "mpt: error: ROMFS is not enabled on this device\n"


def test_partition_size_must_be_whole_erase_units(tmp_path):
    (tmp_path / "x.py").write_text("print(1)\n")
    result = mpt("run", "--board", "pyboard", "--flash", tmp_path / "f", "--romfs-size", "4K",
                 tmp_path / "x.py")
    assert result.returncode == 2
    assert result.stderr.startswith("mpt: error: ") and result.stderr.count("\n") == 1


def serve(flash, *options):
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--pty", "--tcp", "0", "--flash", str(flash),
         *options], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    return process, process.stdout.readline().strip(), process.stdout.readline().strip()


@needs_mpremote
@pytest.mark.parametrize("kind", ["pty", "tcp"])
def test_mpremote_romfs_against_mpt_emulate(app, tmp_path, kind):
    process, pty, url = serve(tmp_path / "flash", "--romfs-size", "64K")
    try:
        address = pty if kind == "pty" else url
        result = mpremote("connect", address, "romfs", "query")
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            "ROMFS0 partition has size 65536 bytes (16 blocks of 4096 bytes each)",
            "  Raw contents: ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff ...", "  Not a valid ROMFS"]
        result = mpremote("connect", address, "romfs", "deploy", "app", cwd=app)
        assert result.returncode == 0, result.stderr
        assert "ROMFS image deployed" in result.stdout
        result = mpremote("connect", address, "soft-reset", "exec",
                          "import mod; print(mod.f())", "romfs", "query")
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == "42"
        assert lines[-1] == f"  ROMFS image size: {payload_size(app / 'app.romfs')}"
        # mpremote's own image (built by mpy-cross) deploys and imports the same way
        result = mpremote("connect", address, "romfs", "deploy", "app.romfs", "soft-reset",
                          "exec", "import helper; print(helper.NAME)", cwd=app)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == "helper"
    finally:
        process.terminate()
        process.wait(timeout=10)


@needs_mpremote
def test_mpremote_on_a_stock_build(tmp_path):
    process, pty, url = serve(tmp_path / "flash")
    try:
        result = mpremote("connect", url, "romfs", "query")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "ROMFS is not enabled on this device\n"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_deploy_checks_what_the_flash_holds(app, tmp_path, monkeypatch):
    """A partition that does not take the write (flash failing) is a device error."""
    from mpt.errors import DeviceError
    from mpt.fs.romfs_board import deploy
    from mpt.runtime.board import romfs
    from mpt.transport.serial_transport import SerialTransport

    transport = SerialTransport(f"emu://rp2?flash={tmp_path / 'flash'}&romfs_size=8192")
    try:
        image = (app / "app.romfs").read_bytes()
        assert deploy(transport, image).size == 8192
        monkeypatch.setattr(romfs, "program", lambda area, offset, data: None)
        with pytest.raises(DeviceError, match="does not hold the image"):
            deploy(transport, image)
    finally:
        transport.close()
