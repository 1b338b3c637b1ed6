"""The binary transfer mode (mpt.fs.wire): every byte value both ways, on the emulated board
in-process, over `mpt emulate --tcp` and `--pty`; bytes on the wire; Ctrl-C handed back to the
board whatever happens; the text encodings when the board or transport cannot do it."""

import os
import random
import subprocess
import sys

import pytest

from mpt.errors import DeviceError, RemoteException
from mpt.fs import snippets, wire
from mpt.fs.remote import BoardFS
from mpt.transport.serial_transport import SerialTransport

FRAME = 256  # small frames: many frame boundaries in small files


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    flash = tmp_path_factory.mktemp("flash")
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--pty", "--tcp", "0", "--flash", str(flash)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    pty = process.stdout.readline().strip()
    url = process.stdout.readline().strip()
    yield {"pty": pty, "tcp": url, "flash": flash}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["emu", "tcp", "pty"])
def fs(request, tmp_path):
    if request.param == "emu":
        flash = tmp_path / "flash"
        transport = SerialTransport(f"emu://rp2?flash={flash}")
    else:
        served = request.getfixturevalue("served")
        flash = served["flash"]
        transport = SerialTransport(served[request.param])
    fs = BoardFS(transport, frame_size=FRAME, binary_threshold=-1)
    fs.flash = flash
    yield fs
    transport.close()


def _patterns(size: int, seed: int) -> dict[str, bytes]:
    every = bytes(range(256)) * (size // 256 + 1)
    rng = random.Random(seed)
    return {"every value": every[:size],
            "random": bytes(rng.randrange(256) for _ in range(size)),
            "escaped only": (b"\x01\x02\x03\x04\x10\x18" * size)[:size]}


@pytest.mark.parametrize("size", [0, 1, FRAME - 1, FRAME, FRAME + 1, 3 * FRAME + 7])
def test_every_byte_value_both_ways(fs, size):
    for name, data in _patterns(size, size).items():
        fs.write_file("/bin.dat", data)
        assert (fs.flash / "bin.dat").read_bytes() == data, name
        assert fs.read_file("/bin.dat") == data, name
    assert fs.capabilities.binary  # the binary mode did the work, not a fallback


def test_escaping_covers_all_256_values():
    data = bytes(range(256)) * 2
    for special in (wire.TO_BOARD, wire.FROM_BOARD):
        escaped = wire.escape(data, special)
        assert not set(escaped) & set(special)
        assert len(escaped) == len(data) + 2 * (len(special) + 1)  # each special and DLE
        assert wire.unescape(escaped, special) == data


@pytest.mark.parametrize("limit", [2, 3, 7, 256])
def test_frames_fit_the_board_buffer_and_never_split_an_escape(limit):
    rng = random.Random(limit)
    data = b"a\x10" + bytes(rng.randrange(256) for _ in range(2000)) + b"\x03\x04\x10" * 50
    carried = 0
    rebuilt = b""
    for piece, count in wire.frames(data, limit):
        assert piece[:1] == wire.SYN and int(piece[1:5], 16) == len(piece) - 5 <= limit
        part = wire.unescape(piece[5:], wire.TO_BOARD)
        assert len(part) == count
        rebuilt += part
        carried += count
    assert rebuilt == data and carried == len(data)


@pytest.mark.parametrize("direction", ["upload", "download"])
def test_payload_is_at_least_95_percent_of_the_wire(tmp_path, direction):
    """A whole 100 KB copy on a fresh connection, probe and helpers included."""
    data = os.urandom(100 * 1024)
    flash = tmp_path / "flash"
    flash.mkdir()
    if direction == "download":
        (flash / "r.bin").write_bytes(data)
    transport = SerialTransport(f"emu://rp2?flash={flash}")
    try:
        fs = BoardFS(transport)
        if direction == "upload":
            fs.write_file("/r.bin", data)
            assert (flash / "r.bin").read_bytes() == data
            wire_bytes = transport.link.bytes_written
        else:
            assert fs.read_file("/r.bin") == data
            wire_bytes = transport.link.bytes_read
    finally:
        transport.close()
    assert len(data) / wire_bytes >= 0.95


def _kbd_intr_check(fs, talk_steps) -> None:
    """Run _mpt_rx, then a loop that only Ctrl-C can stop: it must stop."""
    code = (snippets.HELPERS["go"] + snippets.HELPERS["rx"] +
            f"try:\n    _mpt_rx('/k.bin', 512, {wire.TO_BOARD!r}, 5000)\nexcept OSError:\n    pass\n"
            "print('L')\nwhile True:\n    pass\n")

    def talk(link):
        assert link.read_exactly(len(wire.READY), 5) == wire.READY
        talk_steps(link)
        link.read_until(b"L", 5)
        link.write(b"\x03")

    with pytest.raises(RemoteException, match="KeyboardInterrupt"):
        fs.transport.converse(code, talk, timeout=5)


@pytest.mark.parametrize("fs", ["emu"], indirect=True)
def test_ctrl_c_is_back_after_a_transfer(fs):
    def complete(link):
        link.write(wire.GO)
        assert link.read_exactly(1, 5) == wire.ACK
        link.write(wire.frame(b"\x03abc\x04") + wire.END)
        assert link.read_exactly(2, 5) == wire.ACK * 2

    _kbd_intr_check(fs, complete)
    assert (fs.flash / "k.bin").read_bytes() == b"\x03abc\x04"


@pytest.mark.parametrize("fs", ["emu"], indirect=True)
def test_ctrl_c_is_back_after_a_refused_greeting(fs):
    def refuse(link):
        link.write(wire.NO)
        assert link.read_exactly(1, 5) == wire.NAK

    _kbd_intr_check(fs, refuse)
    assert not (fs.flash / "k.bin").exists()  # an upload that never ends leaves no file


@pytest.mark.parametrize("fs", ["emu"], indirect=True)
def test_ctrl_c_is_back_after_a_garbled_frame(fs):
    def garble(link):
        link.write(wire.GO)
        assert link.read_exactly(1, 5) == wire.ACK
        link.write(b"Z0000")  # no SYN where a frame starts: the helper raises

    _kbd_intr_check(fs, garble)
    assert not (fs.flash / "k.bin").exists()


@pytest.mark.parametrize("moment", ["code sent", "greeting read", "GO sent"])
@pytest.mark.parametrize("fs", ["emu", "tcp"], indirect=True)
def test_ctrl_c_on_the_host_before_the_first_frame(fs, monkeypatch, moment):
    """Ctrl-C between starting the board's helper and its first frame: the copy's temporary
    file is gone and the board answers the next command."""
    fs.binary_threshold = 4 * FRAME
    raw_repl, link = fs.transport.repl, fs.transport.link
    real_send, real_read, real_handshake = raw_repl.send, link.read_exactly, wire._handshake

    def send_then_interrupt(code):
        real_send(code)
        if b"_mpt_rx(" in code:
            raise KeyboardInterrupt

    def read_then_interrupt(count, timeout, **kwargs):
        data = real_read(count, timeout, **kwargs)
        if "greeting" in kwargs.get("what", "") and count > 1:
            raise KeyboardInterrupt
        return data

    def handshake_then_interrupt(link, timeout):
        real_handshake(link, timeout)
        raise KeyboardInterrupt

    if moment == "code sent":
        monkeypatch.setattr(raw_repl, "send", send_then_interrupt)
    elif moment == "greeting read":
        monkeypatch.setattr(link, "read_exactly", read_then_interrupt)
    else:
        monkeypatch.setattr(wire, "_handshake", handshake_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        fs.write_file("/new.bin", os.urandom(8 * FRAME))
    monkeypatch.undo()
    assert fs.transport.exec("print('fine')") == b"fine\r\n"
    assert not [path.name for path in fs.flash.iterdir() if path.name.startswith("new.bin")]


@pytest.mark.parametrize("fs", ["emu", "tcp"], indirect=True)
def test_ctrl_c_on_the_host_mid_upload_and_mid_download(fs):
    fs.binary_threshold = 4 * FRAME
    fs.write_file("/keep.bin", b"old")
    data = os.urandom(40 * FRAME)

    def interrupt(done, total):
        if done >= 8 * FRAME:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fs.write_file("/keep.bin", data, interrupt)
    assert (fs.flash / "keep.bin").read_bytes() == b"old"
    assert not (fs.flash / "keep.bin.mpt-tmp").exists()
    fs.write_file("/big.bin", data)
    with pytest.raises(KeyboardInterrupt):
        fs.read_file("/big.bin", interrupt)
    # the board is back at its prompt, Ctrl-C enabled, binary mode still on
    assert fs.transport.exec("print(1 + 1)") == b"2\r\n"
    assert fs.read_file("/big.bin") == data
    assert fs.capabilities.binary


def test_frame_bytes_that_reach_the_raw_repl_are_only_line_characters(fs):
    """Were the helper to die with a frame on its way, the rest of the frame would land in
    the raw REPL: it must not leave it, reset, or run anything."""
    fs.transport.exec("x = 1")
    fs.transport.link.write(wire.frame(bytes(range(256)) * 4 + os.urandom(3000)))
    assert fs.transport.exec("print(x + 1)") == b"2\r\n"


@pytest.mark.parametrize("fs", ["emu", "tcp"], indirect=True)
def test_a_copy_the_board_refuses_before_the_first_frame(fs):
    with pytest.raises(DeviceError, match="no such file"):
        fs.write_file("/no/such/folder/f.bin", os.urandom(3 * FRAME))
    assert fs.transport.exec("print('fine')") == b"fine\r\n"
    with pytest.raises(DeviceError, match="no such file"):
        fs.read_file("/no/such/file.bin")
    assert fs.transport.exec("print('fine')") == b"fine\r\n"


@pytest.mark.parametrize("fs", ["emu"], indirect=True)
def test_corruption_on_the_wire_is_caught(fs, monkeypatch):
    fs.write_file("/c.bin", b"good" * 100)
    real_escape = wire.escape
    monkeypatch.setattr(wire, "escape",
                        lambda data, special: real_escape(bytes([data[0] ^ 1]) + data[1:], special))
    with pytest.raises(DeviceError, match="hash mismatch"):
        fs.write_file("/c.bin", os.urandom(3 * FRAME))
    assert (fs.flash / "c.bin").read_bytes() == b"good" * 100
    monkeypatch.setattr(wire, "escape", real_escape)
    real_unescape = wire.unescape
    monkeypatch.setattr(wire, "unescape",
                        lambda data, special: b"?" + real_unescape(data, special)[1:])
    with pytest.raises(DeviceError, match="SHA-256"):
        fs.read_file("/c.bin")


@pytest.mark.parametrize("fs", ["emu"], indirect=True)
def test_a_transport_that_cannot_hand_over_its_stream_uses_base64(fs, monkeypatch):
    def cannot(*args, **kwargs):
        raise NotImplementedError

    monkeypatch.setattr(fs.transport, "converse", cannot)
    data = bytes(range(256)) * 40
    fs.write_file("/t.bin", data)
    assert fs.read_file("/t.bin") == data
    assert not fs.capabilities.binary


def test_real_firmware_whose_stdin_cannot_block_falls_back(real_micropython):
    """The webassembly build has sys.stdin.buffer and kbd_intr, but its stdin never blocks:
    the greeting fails and the copy goes as base64, correct all the same."""
    transport = SerialTransport(real_micropython.url, raw_paste=False)
    try:
        fs = BoardFS(transport, binary_threshold=-1)
        assert fs.capabilities.binary
        data = os.urandom(3000) + bytes(range(256))
        fs.write_file("/flash/w.bin", data)
        assert not fs.capabilities.binary
        assert fs.read_file("/flash/w.bin") == data
        fs.capabilities.binary = True  # a download tries it too
        assert fs.read_file("/flash/w.bin") == data
        assert not fs.capabilities.binary
        assert transport.exec("print('still fine')") == b"still fine\r\n"
    finally:
        transport.close()


@pytest.mark.parametrize("fs", ["emu"], indirect=True)
def test_binary_copies_while_a_host_folder_is_mounted(fs, tmp_path):
    """`mpt mount` reads the same console (its requests start with CAN 'M'): copies to and
    from the board's flash and the mounted folder itself stay exact."""
    from mpt.fs.mount import Mount

    host = tmp_path / "host"
    host.mkdir()
    (host / "src.bin").write_bytes(os.urandom(5 * FRAME))
    mount = Mount(fs.transport, str(host))
    mount.start()
    try:
        data = bytes(range(256)) * 8 + b"\x18M" * 300
        fs.write_file("/a.bin", data)
        assert fs.read_file("/a.bin") == data
        fs.write_file("/remote/b.bin", data)
        assert (host / "b.bin").read_bytes() == data
        assert fs.read_file("/remote/src.bin") == (host / "src.bin").read_bytes()
        assert fs.capabilities.binary
    finally:
        mount.stop()
