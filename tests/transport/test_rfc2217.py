"""rfc2217:// ports: the emulated board served through pyserial's RFC 2217 server side,
with mpt's own commands on the client side."""

import os
import socket
import subprocess
import sys
import threading

import pytest
import serial
import serial.rfc2217

from mpt.transport import urlhandlers

urlhandlers.register()


class Connection:
    """The socket as PortManager wants it (``write``), safe to use from both pumps."""

    def __init__(self, sock):
        self.sock = sock
        self.lock = threading.Lock()

    def write(self, data):
        with self.lock:
            self.sock.sendall(data)


class Rfc2217Bridge:
    """An RFC 2217 server on 127.0.0.1 (ephemeral port) in front of one emu:// port."""

    def __init__(self, port_url):
        self.port = serial.serial_for_url(port_url, timeout=0.05)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)  # to notice close()
        self.url = f"rfc2217://127.0.0.1:{self.listener.getsockname()[1]}"
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with connection:
                self._bridge(connection)

    def _bridge(self, connection):
        client = Connection(connection)
        manager = serial.rfc2217.PortManager(self.port, client)
        done = threading.Event()

        def board_to_client():
            while not done.is_set():
                data = self.port.read(self.port.in_waiting or 1)
                if data:
                    try:
                        client.write(b"".join(manager.escape(data)))
                    except OSError:
                        break
                manager.check_modem_lines()

        pump = threading.Thread(target=board_to_client, daemon=True)
        pump.start()
        try:
            while True:
                data = connection.recv(1024)
                if not data:
                    break
                self.port.write(b"".join(manager.filter(data)))
        except OSError:
            pass
        finally:
            done.set()
            pump.join(timeout=5)

    def close(self):
        self.stopped.set()
        self.listener.close()
        self.thread.join(timeout=5)
        self.port.close()


@pytest.fixture(scope="module")
def bridge(tmp_path_factory):
    flash = tmp_path_factory.mktemp("flash")
    served = Rfc2217Bridge(f"emu://rp2?flash={flash}")
    served.flash = flash
    yield served
    served.close()


def mpt(*args):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True, text=True,
                          timeout=60)


def test_exec_through_rfc2217(bridge):
    result = mpt("-p", bridge.url, "exec", "print(1+1)")
    assert (result.returncode, result.stdout) == (0, "2\n"), result.stderr


def test_cp_and_ls_round_trip_through_rfc2217(bridge, tmp_path):
    data = os.urandom(5000)
    (tmp_path / "blob.bin").write_bytes(data)
    result = mpt("-p", bridge.url, "cp", str(tmp_path / "blob.bin"), ":blob.bin")
    assert result.returncode == 0, result.stderr
    assert (bridge.flash / "blob.bin").read_bytes() == data
    result = mpt("-p", bridge.url, "ls")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "blob.bin\n"
    result = mpt("-p", bridge.url, "cp", ":blob.bin", str(tmp_path / "back.bin"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "back.bin").read_bytes() == data
