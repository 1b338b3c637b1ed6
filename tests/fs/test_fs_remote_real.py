"""File-system operations against real MicroPython 1.29 firmware (webassembly build over TCP)."""

import os

import pytest

from mpt.errors import DeviceError
from mpt.fs.remote import BoardFS, encode_chunk
from mpt.transport.serial_transport import SerialTransport


@pytest.fixture
def fs(real_micropython):
    transport = SerialTransport(real_micropython.url, raw_paste=False)
    fs = BoardFS(transport, chunk_size=1024)
    if fs.stat("/flash/t"):
        fs.remove("/flash/t", recursive=True)
    fs.mkdir("/flash/t", parents=True)
    yield fs
    fs.remove("/flash/t", recursive=True)
    transport.close()


def test_probe_reports_real_firmware(fs):
    caps = fs.capabilities
    assert caps.platform == "webassembly"
    assert caps.cwd == "/flash"
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
    kind, entries = fs.walk("/flash/t", hashes=True)
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
    free = fs.df("/flash")["free"]
    with pytest.raises(DeviceError, match="not enough space"):
        fs._check_space("/flash/t/huge", free + 1)
