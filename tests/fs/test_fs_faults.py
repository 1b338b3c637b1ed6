"""Copies that go wrong on the emulated board: the old file must survive, nothing half-written."""

import os

import pytest

from mpt.errors import ConnectionFailed, DeviceError
from mpt.fs.remote import BoardFS
from mpt.transport.serial_transport import SerialTransport


@pytest.fixture
def flash(tmp_path):
    return tmp_path / "flash"


@pytest.fixture
def fs(flash):
    transport = SerialTransport(f"emu://rp2?flash={flash}")
    yield BoardFS(transport, chunk_size=2048)
    transport.close()


def test_ctrl_c_during_a_copy_keeps_the_old_file(fs, flash):
    fs.write_file("/data.bin", b"old contents")
    new = os.urandom(20000)

    def interrupt_midway(done, total):
        if done >= 4096:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fs.write_file("/data.bin", new, interrupt_midway)
    assert fs.read_file("/data.bin") == b"old contents"
    assert sorted(os.listdir(flash)) == ["data.bin"]  # no temporary file left behind


def test_full_file_system_reports_enospc_and_keeps_the_old_file(fs, flash):
    fs.write_file("/keep.txt", b"precious")
    # fill the flash on the board side until about 8 KB are left
    fs.transport.exec("f = open('/filler', 'wb')\n"
                      "import os\n"
                      "while os.statvfs('/')[0] * os.statvfs('/')[4] > 8192:\n"
                      "    f.write(bytes(4096))\n"
                      "f.close()", timeout=60)
    fs.capabilities.statvfs = False  # skip the up-front check: let the board hit the limit
    with pytest.raises(DeviceError) as info:
        fs.write_file("/keep.txt", os.urandom(40000))
    assert "no space left" in info.value.message
    assert fs.read_file("/keep.txt") == b"precious"
    assert sorted(os.listdir(flash)) == ["filler", "keep.txt"]


def test_unplugged_during_a_copy(flash):
    transport = SerialTransport(f"emu://rp2?flash={flash}")
    fs = BoardFS(transport, chunk_size=2048)
    fs.write_file("/app.py", b"print('v1')\n")

    def unplug_midway(done, total):
        if done >= 4096:
            transport.link.port._endpoint.close()

    with pytest.raises(ConnectionFailed):
        fs.write_file("/app.py", os.urandom(30000), unplug_midway)
    transport.close()
    again = SerialTransport(f"emu://rp2?flash={flash}")
    try:
        assert BoardFS(again).read_file("/app.py") == b"print('v1')\n"
    finally:
        again.close()


def test_hash_mismatch_is_detected(fs, monkeypatch):
    from mpt.fs import remote
    real_encode = remote.encode_chunk

    def corrupting(data, encoding):  # a flipped bit on the wire
        return real_encode(bytes([data[0] ^ 1]) + data[1:], encoding)

    fs.write_file("/y.bin", b"good")
    monkeypatch.setattr(remote, "encode_chunk", corrupting)
    with pytest.raises(DeviceError, match="hash mismatch"):
        fs.write_file("/y.bin", b"abcdef")
    monkeypatch.setattr(remote, "encode_chunk", real_encode)
    assert fs.read_file("/y.bin") == b"good"


def test_board_that_stops_answering_mid_transfer(fs, flash):
    import time
    from mpt.errors import BoardTimeout
    fs.write_file("/app.py", b"print('v1')\n")
    fs.transport.repl.answer_timeout = 1.0
    fs.timeout = 2.0  # the silence tolerated while a binary transfer waits for the board
    endpoint = fs.transport.link.port._endpoint

    def wedge_midway(done, total):
        if done >= 4096:
            endpoint.send = lambda data: None  # the board no longer hears anything

    started = time.monotonic()
    with pytest.raises(BoardTimeout, match="did not answer"):
        fs.write_file("/app.py", os.urandom(30000), wedge_midway)
    assert time.monotonic() - started < 10
    assert (flash / "app.py").read_bytes() == b"print('v1')\n"


def test_helpers_are_sent_again_after_a_soft_reset(fs):
    fs.write_file("/a.txt", b"one")
    fs.transport.soft_reset()  # wipes the raw REPL's globals, helpers included
    fs.write_file("/b.txt", b"two")
    assert [e.name for e in fs.listdir("/")] == ["a.txt", "b.txt"]


def _fill_until(fs, left: int) -> int:
    """Fill the board's flash with /filler until about `left` bytes are free; the free bytes."""
    fs.transport.exec("f = open('/filler', 'wb')\n"
                      "import os\n"
                      f"while os.statvfs('/')[0] * os.statvfs('/')[4] > {left}:\n"
                      "    f.write(bytes(4096))\n"
                      "f.close()", timeout=120)
    return fs.df("/")["free"]


@pytest.mark.parametrize("old_size", [60000, 6000])  # streamed in chunks / sent in one go
def test_replacing_a_file_counts_the_space_it_frees(fs, flash, old_size):
    fs.write_file("/big.bin", os.urandom(old_size))
    free = _fill_until(fs, old_size // 2)
    new = os.urandom(free + old_size // 3)  # more than is free, less than free + old file
    fs.write_file("/big.bin", new)
    assert (flash / "big.bin").read_bytes() == new
    assert sorted(os.listdir(flash)) == ["big.bin", "filler"]


def test_a_file_too_big_even_counting_the_one_it_replaces_is_refused_up_front(fs, flash):
    fs.write_file("/big.bin", b"x" * 20000)
    free = _fill_until(fs, 10000)
    with pytest.raises(DeviceError) as info:
        fs.write_file("/big.bin", os.urandom(free + 40000))
    assert "not enough space on the board" in info.value.message
    assert (flash / "big.bin").read_bytes() == b"x" * 20000


@pytest.mark.parametrize("new_size", [3000, 30000])  # sent in one go / streamed in chunks
def test_the_temporary_file_of_a_killed_copy_is_reclaimed_on_the_retry(fs, flash, new_size):
    # a copy killed before it could clean up (SIGKILL, unplugged) left its temporary file
    fs.transport.exec(f"f = open('/app.bin.mpt-tmp', 'wb')\nf.write(bytes({new_size}))\n"
                      "f.close()")
    free = _fill_until(fs, new_size // 2)
    assert free < new_size  # fits only in the space the leftover holds
    new = os.urandom(new_size)
    fs.write_file("/app.bin", new)
    assert (flash / "app.bin").read_bytes() == new
    assert sorted(os.listdir(flash)) == ["app.bin", "filler"]
