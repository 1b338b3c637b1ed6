"""A client's Ctrl-C ends a guest stuck in host C code on a served board (issue 9).

Host code such as a backtracking regular expression or a huge power holds the interpreter
of the board's process, so that process cannot even read the Ctrl-C. `mpt emulate` and
`-p emu` run the board in a watched child (mpt.transport.emulator_process): a Ctrl-C it has
not taken within 1 s gets it killed and a fresh board started on the same flash, and the
client goes on talking to that one. A Ctrl-C the guest takes resets nothing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from waiting import DEADLINE_S, wait_until

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the watched board needs POSIX")

MPT = [sys.executable, "-m", "mpt"]
# minutes of host C code each, with no check point the guest's Ctrl-C could use
STUCK = {
    "regex": "import re\nprint('start')\nre.match('(a+)+$', 'a' * 40 + 'b')\nprint('never')",
    "power": "print('start')\nx = 3 ** (10 ** 8)\nprint('never')",
}
BANNER_END = b'Type "help()" for more information.\r\n>>> '
RESET_NOTE = "it was reset, its flash is kept"


class Served:
    """`mpt emulate --tcp 0 --pty` on a flash folder of its own; what it says on stderr is
    collected, so a test can wait for a line."""

    def __init__(self, flash):
        self.process = subprocess.Popen(
            [*MPT, "emulate", "--pty", "--tcp", "0", "--flash", str(flash)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.pty = self.process.stdout.readline().strip()
        self.url = self.process.stdout.readline().strip()
        assert self.url.startswith("socket://"), self.process.stderr.read()
        self.err: list[str] = []
        self._reader = threading.Thread(target=self._collect, daemon=True)
        self._reader.start()

    def _collect(self):
        for line in self.process.stderr:
            self.err.append(line)

    def resets(self) -> int:
        return sum(RESET_NOTE in line for line in self.err)

    def close(self):
        self.process.stdin.close()  # a closed stdin ends mpt emulate
        status = self.process.wait(timeout=DEADLINE_S)
        self._reader.join(DEADLINE_S)
        assert status == 0 and not any("Traceback" in line for line in self.err), self.err


@pytest.fixture
def served(tmp_path):
    board = Served(tmp_path / "flash")
    yield board
    board.close()


class Client:
    """A raw client on the TCP port or the pty, as a terminal program talks to a board."""

    def __init__(self, kind: str, address: str):
        if kind == "tcp":
            host, port = address.removeprefix("socket://").rsplit(":", 1)
            self.sock = socket.create_connection((host, int(port)), timeout=DEADLINE_S)
            self._read, self.write = (lambda: self.sock.recv(4096)), self.sock.sendall
        else:
            import tty

            self.sock = None
            self.fd = os.open(address, os.O_RDWR | os.O_NOCTTY)
            tty.setraw(self.fd)
            self._read = lambda: os.read(self.fd, 4096)
            self.write = lambda data: os.write(self.fd, data)
        self.received = bytearray()
        self._lock = threading.Lock()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        while True:
            try:
                data = self._read()
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.received.extend(data)

    def wait_for(self, marker: bytes) -> bytes:
        """Everything received up to ``marker`` (then dropped from what is kept)."""
        def seen():
            with self._lock:
                at = self.received.find(marker)
                if at < 0:
                    return None
                taken = bytes(self.received[:at + len(marker)])
                del self.received[:at + len(marker)]
                return taken
        return wait_until(seen, what=f"{marker!r} from the board")

    def run(self, line: str, until: bytes = b">>> ") -> bytes:
        self.write(line.encode() + b"\r")
        return self.wait_for(until)

    def close(self):
        if self.sock is not None:
            self.sock.close()
        else:
            os.close(self.fd)


def paste(client: Client, source: str) -> None:
    """Run ``source`` through paste mode (Ctrl-E ... Ctrl-D); returns once it printed start."""
    client.write(b"\x05")
    client.wait_for(b"=== ")
    client.write(source.replace("\n", "\r\n").encode() + b"\x04")
    client.wait_for(b"start\r\n")


@pytest.mark.parametrize("kind", ["tcp", "pty"])
@pytest.mark.parametrize("stuck", sorted(STUCK))
def test_a_ctrl_c_resets_a_board_stuck_in_host_code(served, kind, stuck):
    client = Client(kind, served.url if kind == "tcp" else served.pty)
    try:
        client.write(b"\r\x03")
        client.wait_for(b">>> ")
        client.run("open('kept.txt', 'w').write('on the flash')")
        client.run("x = 'lost with the reset'")
        paste(client, STUCK[stuck])
        sent = time.monotonic()
        client.write(b"\x03")
        after_reset = client.wait_for(BANNER_END)
        seconds = time.monotonic() - sent
        assert after_reset.startswith(b"MicroPython v1.29.0") and b"never" not in after_reset
        wait_until(lambda: served.resets() == 1, what="the note on the reset")
        # a fresh board on the same flash, which goes on serving this client
        assert b"'on the flash'" in client.run("print(repr(open('kept.txt').read()))")
        assert b"NameError" in client.run("x")
        assert b"42\r\n" in client.run("print(6 * 7)")
        # 1 s for the guest to answer, then a new process starts (about a second more)
        assert seconds < DEADLINE_S
    finally:
        client.close()


@pytest.mark.parametrize("waiting", [
    "while True:\n    pass", "import time\ntime.sleep(600)", "input()",
    "import micropython\nmicropython.kbd_intr(-1)\ninput()",  # a plain key: the line editor's
], ids=["loop", "sleep", "input", "kbd_intr-off"])
def test_a_ctrl_c_the_guest_takes_resets_nothing(served, waiting):
    client = Client("tcp", served.url)
    try:
        client.write(b"\r\x03")
        client.wait_for(b">>> ")
        client.run("x = 'kept'")
        paste(client, "print('start')\n" + waiting)
        client.write(b"\x03")
        assert client.wait_for(b">>> ").endswith(b"KeyboardInterrupt: \r\n>>> ")
        assert b"'kept'" in client.run("x")
        assert served.resets() == 0
    finally:
        client.close()


@pytest.mark.parametrize("port", ["tcp", "emu"])
def test_mpts_own_client_interrupts_a_stuck_board_and_the_next_command_works(served, tmp_path,
                                                                            port):
    address = served.url if port == "tcp" else f"emu://rp2?flash={tmp_path / 'emu-flash'}"
    command = subprocess.Popen([*MPT, "-p", address, "exec", STUCK["regex"]],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)  # interrupted as a terminal would
    try:
        assert command.stdout.readline() == "start\n"
        os.killpg(command.pid, signal.SIGINT)
        out, err = command.communicate(timeout=DEADLINE_S)
    finally:
        if command.poll() is None:
            command.kill()
            command.wait()
    assert command.returncode == 130 and "never" not in out and "Traceback" not in err
    result = subprocess.run([*MPT, "-p", address, "exec", "print(6 * 7)"], capture_output=True,
                            text=True, timeout=DEADLINE_S * 2)
    assert (result.returncode, result.stdout) == (0, "42\n")
    if port == "tcp":
        assert served.resets() == 1


def test_the_watched_port_replaces_a_child_that_does_not_answer(tmp_path):
    """The library's part: the stuck child is killed about ANSWER_SECONDS after the Ctrl-C
    and a fresh one serves the port."""
    from mpt.transport import emulator_process

    port = emulator_process.start_emulator({"flash": str(tmp_path)}, "emu://rp2")
    try:
        port.timeout = 0.05
        received = bytearray()

        def read_until(marker: bytes) -> None:
            wait_until(lambda: received.extend(port.read(4096)) or marker in received,
                       what=repr(marker))
            del received[:]

        port.write(b"\r\x03")
        read_until(b">>> ")
        stuck = port.process
        port.write(b"\x05")
        read_until(b"=== ")
        port.write(STUCK["regex"].replace("\n", "\r\n").encode() + b"\x04")
        read_until(b"start\r\n")
        sent = time.monotonic()
        port.write(b"\x03")
        read_until(BANNER_END)
        assert port.resets == 1 and port.process is not stuck
        assert stuck.returncode == -signal.SIGKILL
        # killed after ANSWER_SECONDS, then a new process started and booted its board
        assert emulator_process.ANSWER_SECONDS <= time.monotonic() - sent < DEADLINE_S
        port.write(b"print(6 * 7)\r")
        read_until(b"42\r\n>>> ")
    finally:
        port.close()
