"""`mpt emulate` delivers every byte to a slow host, as a USB board does: its writes wait for
the host instead of dropping what does not fit in the pty or socket buffer."""

import os
import select
import socket
import subprocess
import sys
import termios
import time
import tty

import pytest

BIG = 65000  # well over a pty's buffer (about 20 KB on Linux)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--pty", "--tcp", "0",
         "--flash", str(tmp_path_factory.mktemp("flash"))],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pty = process.stdout.readline().strip()
    url = process.stdout.readline().strip()
    yield {"pty": pty, "url": url}
    process.terminate()
    process.wait(timeout=10)


class OneByteReader:
    """A host like pyboard.py: each read asks for a single byte."""

    def __init__(self, kind, address):
        if kind == "pty":
            self.fd = os.open(address, os.O_RDWR | os.O_NOCTTY)
            tty.setraw(self.fd)
            self.sock = None
        else:
            host, port = address[len("socket://"):].rsplit(":", 1)
            self.sock = socket.create_connection((host, int(port)), timeout=60)

    def write(self, data: bytes) -> None:
        if self.sock is not None:
            self.sock.sendall(data)
        else:
            os.write(self.fd, data)

    def read_byte(self, deadline: float) -> bytes:
        source = self.sock if self.sock is not None else self.fd
        ready, _, _ = select.select([source], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return b""
        return self.sock.recv(1) if self.sock is not None else os.read(self.fd, 1)

    def read_until(self, ending: bytes, deadline: float) -> bytes:
        data = bytearray()
        while not data.endswith(ending):
            assert time.monotonic() < deadline, f"stuck after {len(data)} bytes: {data[-80:]!r}"
            byte = self.read_byte(deadline)
            assert byte or time.monotonic() < deadline, f"stuck after {len(data)} bytes: " \
                f"{data[-80:]!r}"
            assert byte, "the board hung up"
            data += byte
        return bytes(data)

    def leave_raw_repl(self, deadline: float) -> None:
        """Ctrl-B, and wait for the friendly REPL's prompt: the board has taken the byte
        before the next test talks to it (over another channel, whose bytes could otherwise
        overtake it and be typed into the friendly REPL)."""
        self.write(b"\x02")
        self.read_until(b"for more information.\r\n>>> ", deadline)

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        else:
            termios.tcflush(self.fd, termios.TCIFLUSH)
            os.close(self.fd)


@pytest.mark.parametrize("kind", ["pty", "url"])
def test_a_host_reading_one_byte_at_a_time_receives_a_large_output_completely(served, kind):
    host = OneByteReader(kind, served[kind])
    deadline = time.monotonic() + 120
    try:
        host.write(b"\r\x03\x03\x01")
        host.read_until(b"raw REPL; CTRL-B to exit\r\n>", deadline)
        # one print: a single write of 65 KB, which no pty buffer holds at once
        host.write(b"print('0123456789' * %d, end='')\x04" % (BIG // 10))
        answer = host.read_until(b"\x04>", deadline)
        assert answer == b"OK" + b"0123456789" * (BIG // 10) + b"\x04\x04>"
        host.leave_raw_repl(deadline)
    finally:
        host.close()


def test_a_host_that_closes_the_pty_mid_output_does_not_wedge_the_board(served):
    first = OneByteReader("pty", served["pty"])
    deadline = time.monotonic() + 60
    first.write(b"\r\x03\x03\x01")
    first.read_until(b"raw REPL; CTRL-B to exit\r\n>", deadline)
    first.write(b"print('unread ' * 20000)\x04")  # 300 KB that nobody will read
    first.read_until(b"OK", deadline)
    os.close(first.fd)
    second = OneByteReader("pty", served["pty"])
    try:
        second.write(b"\r\x03\x03\x01")
        second.read_until(b"raw REPL; CTRL-B to exit\r\n>", deadline)
        second.write(b"print('fresh')\x04")
        assert second.read_until(b"\x04>", deadline).endswith(b"OKfresh\r\n\x04\x04>")
        second.leave_raw_repl(deadline)
    finally:
        second.close()


def test_what_a_host_sends_just_before_closing_the_pty_reaches_the_board(served):
    first = OneByteReader("pty", served["pty"])
    deadline = time.monotonic() + 60
    first.write(b"\r\x03\x03\x01")
    first.read_until(b"raw REPL; CTRL-B to exit\r\n>", deadline)
    first.write(b"last_words = 'sent before closing'\x04\x02")  # run it, back to friendly REPL
    os.close(first.fd)  # at once, reading nothing
    second = OneByteReader("pty", served["pty"])
    try:
        second.write(b"\x01")  # only valid from the friendly REPL the Ctrl-B returned to
        second.read_until(b"raw REPL; CTRL-B to exit\r\n>", deadline)
        second.write(b"print(last_words)\x04")
        assert second.read_until(b"\x04>", deadline).endswith(
            b"OKsent before closing\r\n\x04\x04>")
        second.leave_raw_repl(deadline)
    finally:
        second.close()


def test_dtr_rts_and_break_leave_the_board_running_as_a_native_usb_board(served):
    import serial

    from mpt.transport.serial_transport import SerialTransport
    first = SerialTransport(served["pty"])
    first.exec("kept = 'state survives'")
    first.close()
    # the ways hosts open ports: pyserial's default, ESP-style (DTR/RTS low), pyboard.py's
    # execpty (rtscts, dsrdtr); pyserial applies the lines at open time and ignores the
    # pty's "inappropriate ioctl", as it does for QEMU's ptys
    for options in ({}, {"dtr": False, "rts": False}, {"rtscts": True, "dsrdtr": True}):
        port = serial.serial_for_url(served["pty"], do_not_open=True, timeout=1)
        for name, value in options.items():
            setattr(port, name, value)
        port.open()
        port.send_break(0.05)
        port.close()
    second = SerialTransport(served["pty"])
    try:
        assert second.exec("print(kept)") == b"state survives\r\n"  # no reset happened
    finally:
        second.close()
