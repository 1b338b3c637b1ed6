"""File-system operations end to end, against two boards speaking the same bytes:

- "real": real MicroPython 1.29 firmware (webassembly build) served over TCP (plain raw mode),
- "emu": mpt's emulated board opened in-process through emu:// (raw-paste, mpt's VM).
"""

import os

import pytest

from mpt.errors import DeviceError
from mpt.fs.remote import BoardFS, encode_chunk
from mpt.transport.serial_transport import SerialTransport


@pytest.fixture(params=["real", "emu"])
def fs(request, tmp_path):
    if request.param == "real":
        transport = SerialTransport(request.getfixturevalue("real_micropython").url,
                                    raw_paste=False)
        root = "/flash/t"
    else:
        transport = SerialTransport(f"emu://rp2?flash={tmp_path / 'flash'}")
        root = "/t"
    fs = BoardFS(transport, chunk_size=1024)
    fs.kind = request.param
    fs.root = root
    if fs.stat(root):
        fs.remove(root, recursive=True)
    fs.mkdir(root, parents=True)
    transport.exec(f"import os\nos.chdir({root.rsplit('/', 1)[0] or '/'!r})")
    fs._capabilities = None  # the current folder changed
    yield fs
    transport.close()


def test_probe_reports_the_firmware(fs):
    caps = fs.capabilities
    assert caps.platform == ("webassembly" if fs.kind == "real" else "rp2")
    assert caps.base64 and caps.sha256 and caps.statvfs and caps.ilistdir


@pytest.mark.parametrize("encoding", ["base64", "hex", "repr"])
def test_binary_roundtrip_every_encoding(fs, encoding):
    data = os.urandom(3000) + bytes(range(256))
    fs.capabilities.base64 = encoding == "base64"
    fs.capabilities.fromhex = encoding == "hex"
    fs.write_file("t/blob.bin", data)
    assert fs.stat("t/blob.bin").size == len(data)
    fs.capabilities.base64 = True
    assert fs.read_file("t/blob.bin") == data
    fs.capabilities.base64 = False
    assert fs.read_file("t/blob.bin") == data


def test_base64_chunk_is_dense():
    data = os.urandom(4096)
    assert len(data) / len(encode_chunk(data, "base64")) > 0.74


def test_listing_and_walk(fs):
    fs.mkdir("t/a/b", parents=True)
    fs.write_file("t/a/b/x.py", b"print(1)\n")
    fs.write_file("t/top.txt", b"hello")
    names = [(e.name, e.is_dir, e.size) for e in fs.listdir("t")]
    assert names == [("a", True, 0), ("top.txt", False, 5)]
    kind, entries = fs.walk(fs.root, hashes=True)
    assert kind == "dir"
    by_name = {e.name: e for e in entries}
    assert set(by_name) == {"a", "a/b", "a/b/x.py", "top.txt"}
    import hashlib
    assert by_name["top.txt"].sha256 == hashlib.sha256(b"hello").hexdigest()
    assert fs.sha256("t/top.txt") == hashlib.sha256(b"hello").hexdigest()


def test_overwrite_rename_touch_remove(fs):
    fs.write_file("t/f.txt", b"old")
    fs.write_file("t/f.txt", b"new content")
    assert fs.read_file("t/f.txt") == b"new content"
    fs.rename("t/f.txt", "t/g.txt")
    assert fs.stat("t/f.txt") is None
    fs.touch("t/empty")
    assert fs.stat("t/empty").size == 0
    fs.remove("t/g.txt")
    assert [e.name for e in fs.listdir("t")] == ["empty"]


def test_errors_are_typed(fs):
    with pytest.raises(DeviceError):
        fs.read_file("t/missing")
    with pytest.raises(DeviceError):
        fs.rmdir("t/missing")


def test_not_enough_space_is_refused_before_writing(fs):
    free = fs.df(fs.root)["free"]
    if fs.kind == "real":  # gigabytes free there: check the refusal without the bytes
        with pytest.raises(DeviceError, match="not enough space"):
            fs._fits_beside(fs.root + "/huge", free + 1, None)
        return
    with pytest.raises(DeviceError, match="not enough space"):
        fs.write_file("t/huge", b"x" * (free + 1))
    assert fs.stat("t/huge") is None


def test_compressible_files_travel_deflated_when_the_board_can_inflate(fs):
    text = "".join(f"line {i}: the quick brown fox jumps over the lazy dog\n"
                   for i in range(800)).encode()
    fs.capabilities  # probe before counting
    before = fs.transport.link.bytes_written
    fs.write_file("t/text.txt", text)
    wire = fs.transport.link.bytes_written - before
    assert fs.read_file("t/text.txt") == text
    if fs.capabilities.deflate:  # real MicroPython 1.29 has the deflate module
        assert wire < len(text) / 3
    else:
        assert wire > len(text)  # base64 without compression


def test_sync_on_firmware_without_hashlib_compares_contents(fs, tmp_path):
    from mpt.fs.sync import apply_sync, plan_sync
    local = tmp_path / "src"
    local.mkdir()
    (local / "a.py").write_text("A = 1\n")
    (local / "b.py").write_text("B = 2\n")
    fs.capabilities.sha256 = False
    apply_sync(fs, plan_sync(fs, local, "t/app"))
    (local / "b.py").write_text("B = 3\n")  # same size, different bytes
    plan = plan_sync(fs, local, "t/app")
    assert [u.relative for u in plan.uploads] == ["b.py"] and plan.unchanged == 1
