"""`mpt emulate` serves the emulated board on a pty and TCP; mpt and mpremote 1.29 both talk to it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

MPREMOTE = Path(sys.executable).parent / "mpremote"


def serve(flash):
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--pty", "--tcp", "0", "--flash", str(flash)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pty = process.stdout.readline().strip()
    url = process.stdout.readline().strip()
    yield {"pty": pty, "url": url, "flash": flash}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    yield from serve(tmp_path_factory.mktemp("flash"))


@pytest.fixture
def fresh_served(tmp_path):
    """A board of its own, with no output left over from other tests' connections."""
    yield from serve(tmp_path / "flash")


def mpt(*args):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True, text=True,
                          timeout=60)


def mpremote(*args):
    return subprocess.run([str(MPREMOTE), *args], capture_output=True, text=True, timeout=60)


def test_addresses_come_first(served):
    assert served["pty"].startswith("/dev/pts/") and os.path.exists(served["pty"])
    assert served["url"].startswith("socket://127.0.0.1:")


@pytest.mark.parametrize("kind", ["pty", "url"])
def test_mpt_talks_to_the_served_board(served, kind):
    result = mpt("-p", served[kind], "exec", "import sys\nprint(sys.platform)")
    assert (result.returncode, result.stdout) == (0, "rp2\n")


needs_mpremote = pytest.mark.skipif(not MPREMOTE.exists(), reason="mpremote not installed")


@needs_mpremote
@pytest.mark.parametrize("kind", ["pty", "url"])
def test_mpremote_exec_and_eval(served, kind):
    result = mpremote("connect", served[kind], "exec", "print(6 * 7)", "+", "eval", "1 + 1")
    assert (result.returncode, result.stdout) == (0, "42\n2\n")


@needs_mpremote
def test_mpremote_file_system_round_trip(served, tmp_path):
    data = os.urandom(3000)
    (tmp_path / "blob.bin").write_bytes(data)
    (tmp_path / "hello.py").write_text("print('hello from a file')\n")
    url = served["url"]
    result = mpremote("connect", url, "fs", "cp", str(tmp_path / "blob.bin"), ":blob.bin",
                      "+", "fs", "cp", str(tmp_path / "hello.py"), ":hello.py",
                      "+", "fs", "ls", "+", "fs", "cat", ":hello.py")
    assert result.returncode == 0, result.stderr
    assert "        3000 blob.bin" in result.stdout
    assert "print('hello from a file')" in result.stdout
    assert (served["flash"] / "blob.bin").read_bytes() == data
    result = mpremote("connect", url, "fs", "cp", ":blob.bin", str(tmp_path / "back.bin"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "back.bin").read_bytes() == data
    result = mpremote("connect", url, "run", str(tmp_path / "hello.py"))
    assert result.stdout == "hello from a file\n"
    result = mpremote("connect", url, "fs", "rm", ":blob.bin", "+", "fs", "ls")
    assert result.returncode == 0 and "blob.bin" not in result.stdout.split("rm :blob.bin")[1]


@needs_mpremote
def test_mpremote_soft_reset_clears_state(served):
    result = mpremote("connect", served["pty"], "exec", "x = 1", "+", "soft-reset",
                      "+", "exec", "print('x' in globals())")
    assert (result.returncode, result.stdout) == (0, "False\n")


def test_hard_reset_through_a_device_path_reconnects(served):
    result = mpt("-p", served["pty"], "exec", "x = 1", "+", "reset", "+",
                 "exec", "print('x' in globals())")
    assert (result.returncode, result.stdout) == (0, "False\n")


def test_repl_through_a_socket(served):
    result = subprocess.run([sys.executable, "-m", "mpt", "-p", served["url"], "repl"],
                            input=b"print(2 ** 10)\n", capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert b">>> print(2 ** 10)\r\n1024\r\n>>> " in result.stdout


@pytest.mark.parametrize("kind", ["pty", "url"])
def test_a_new_connection_recovers_a_board_left_mid_raw_paste(served, kind):
    from mpt.transport.serial_transport import SerialTransport
    first = SerialTransport(served[kind])
    first.enter_raw_repl()
    first.link.write(b"\x05A\x01")
    assert first.link.read_exactly(2, 5) == b"R\x01"
    first.link.write(b"print('never finished'")  # no end of input: the board keeps waiting
    first.link.close()
    second = SerialTransport(served[kind])
    try:
        assert second.exec("print('recovered')") == b"recovered\r\n"
    finally:
        second.close()


def test_reconnect_finds_the_board_by_usb_serial_number_under_a_new_name(fresh_served, tmp_path,
                                                                         monkeypatch):
    served = fresh_served
    from mpt.transport import ports
    from mpt.transport.serial_transport import SerialTransport
    old_name = tmp_path / "ttyACM0"
    old_name.symlink_to(served["pty"])
    monkeypatch.setattr(ports, "find_port_info", lambda device: ports.PortInfo(
        device, vid=0x2E8A, pid=0x0005, serial_number="E6614104"))
    transport = SerialTransport(str(old_name))
    assert transport.usb_serial_number == "E6614104"
    transport.exec("x = 1")
    old_name.unlink()  # the reset re-enumerates the board under another name
    monkeypatch.setattr(ports, "find_by_serial_number",
                        lambda number: served["pty"] if number == "E6614104" else None)
    transport.hard_reset()
    try:
        assert transport.device == served["pty"]
        assert transport.exec("print('x' in globals())") == b"False\r\n"
    finally:
        transport.close()


def test_a_raw_repl_banner_left_unread_by_an_earlier_connection_is_not_taken_as_the_answer(
        fresh_served):
    from mpt.transport.serial_transport import SerialTransport
    first = SerialTransport(fresh_served["pty"])
    first.exec("x = 1")
    # ask for one more banner and go back to the friendly REPL, reading none of the answers
    first.link.write(b"\r\x01")
    first.link.write(b"\r\x02")
    first.link.close()
    second = SerialTransport(fresh_served["pty"])
    try:
        assert second.exec("print('fresh')") == b"fresh\r\n"
        assert second.exec("print(x)") == b"1\r\n"
    finally:
        second.close()
