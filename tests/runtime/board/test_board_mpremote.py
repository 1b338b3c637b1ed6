"""The real mpremote 1.29 against the emulated board served on a TCP socket (socket://)."""

import shutil
import socket
import subprocess
import sys
import threading

import pytest

from mpt.runtime.board.board import Board
from mpt.runtime.board.vm_executor import VMExecutor
from mpt.runtime.board.repl import BoardSession

MPREMOTE = shutil.which("mpremote") or str((__import__("pathlib").Path(sys.executable).parent
                                            / "mpremote"))


class TcpBoard:
    """One emulated board per accepted connection, its serial line being the socket."""

    def __init__(self, flash_dir):
        self.flash_dir = flash_dir
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.port = self.listener.getsockname()[1]
        self.sessions = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            board = Board("rp2", flash_dir=self.flash_dir, virtual_time=True)
            executor = VMExecutor(board)

            def output(data, conn=conn):
                try:
                    conn.sendall(data)
                except OSError:
                    pass

            session = BoardSession(executor, output, banner=board.profile.banner)
            executor.attach(session)
            session.start()
            self.sessions.append(session)
            threading.Thread(target=self._pump, args=(conn, session), daemon=True).start()

    def _pump(self, conn, session):
        while True:
            try:
                data = conn.recv(4096)
            except OSError:
                data = b""
            if not data:
                session.close()
                conn.close()
                return
            session.feed(data)

    def close(self):
        self.listener.close()
        for session in self.sessions:
            session.close()


@pytest.fixture
def tcp_board(tmp_path):
    server = TcpBoard(tmp_path / "flash")
    yield server
    server.close()


def mpremote(server, *args):
    return subprocess.run([MPREMOTE, "connect", f"socket://127.0.0.1:{server.port}", *args],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_mpremote_exec_eval_and_files(tcp_board, tmp_path):
    result = mpremote(tcp_board, "exec", "import sys; print(sys.platform, 6 * 7)")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "rp2 42\n"
    result = mpremote(tcp_board, "eval", "1 + 1")
    assert result.stdout == "2\n"
    source = tmp_path / "data.bin"
    source.write_bytes(bytes(range(256)) * 8)
    result = mpremote(tcp_board, "cp", str(source), ":data.bin", "+", "ls")
    assert result.returncode == 0, result.stderr
    assert "2048 data.bin" in result.stdout
    assert (tmp_path / "flash" / "data.bin").read_bytes() == source.read_bytes()
    back = tmp_path / "back.bin"
    result = mpremote(tcp_board, "cp", ":data.bin", str(back))
    assert result.returncode == 0, result.stderr
    assert back.read_bytes() == source.read_bytes()
    result = mpremote(tcp_board, "exec", "1/0")
    assert result.returncode == 1
    assert "ZeroDivisionError: divide by zero" in result.stdout + result.stderr


@pytest.mark.slow
def test_mpremote_run_and_soft_reset_with_boot_py(tcp_board, tmp_path):
    (tmp_path / "flash").mkdir(exist_ok=True)
    (tmp_path / "flash" / "boot.py").write_text("print('boot says hi')\n")
    script = tmp_path / "blink.py"
    script.write_text("from machine import Pin\nimport time\nled = Pin('LED', Pin.OUT)\n"
                      "for i in range(3):\n    led.toggle()\n    time.sleep_ms(100)\n"
                      "print('blinked', led.value())\n")
    result = mpremote(tcp_board, "soft-reset", "+", "run", str(script))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("blinked 1\n")
