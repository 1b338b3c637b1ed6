"""Serving an emulated board to other programs: on a pseudo-terminal and/or a TCP port.

Whoever opens the pty (or connects to the TCP port) talks to the board exactly as to a real
one over USB serial: mpremote, Thonny, a terminal program, or mpt itself. Like a real UART,
what the board prints while nobody listens is lost.
"""

from __future__ import annotations

import os
import select
import socket
import threading
from typing import Callable

from mpt.errors import ConnectionFailed, UsageError

LOCALHOST = "127.0.0.1"


class Fanout:
    """The board's output, delivered to whichever listeners are attached right now."""

    def __init__(self):
        self._lock = threading.Lock()
        self._sinks: list[Callable[[bytes], None]] = []

    def attach(self, sink: Callable[[bytes], None]) -> None:
        with self._lock:
            self._sinks.append(sink)

    def detach(self, sink: Callable[[bytes], None]) -> None:
        with self._lock:
            if sink in self._sinks:
                self._sinks.remove(sink)

    def __call__(self, data: bytes) -> None:
        with self._lock:
            sinks = list(self._sinks)
        for sink in sinks:
            sink(data)


class PtyServer:
    """A pseudo-terminal whose other side is the board (POSIX only)."""

    def __init__(self, send_to_board: Callable[[bytes], None], fanout: Fanout):
        try:
            import tty
            master, slave = os.openpty()
        except (AttributeError, OSError, ImportError) as exc:
            raise UsageError(f"cannot create a pseudo-terminal here: {exc}") from exc
        tty.setraw(slave)  # no echo, no newline translation: bytes pass as on a UART
        self.master, self._slave = master, slave
        self.path = os.ttyname(slave)
        os.set_blocking(master, False)
        self._send = send_to_board
        self._stop = threading.Event()
        fanout.attach(self._write)
        self._thread = threading.Thread(target=self._pump, daemon=True, name="mpt-pty")
        self._thread.start()

    def _write(self, data: bytes) -> None:
        try:
            os.write(self.master, data)
        except (BlockingIOError, OSError):
            pass  # nobody reads the terminal and its buffer is full: the bytes are lost

    def _pump(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if not ready:
                continue
            try:
                data = os.read(self.master, 4096)
            except BlockingIOError:
                continue
            except OSError:
                break
            if data:
                try:
                    self._send(data)
                except ConnectionFailed:
                    break

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)
        for fd in (self.master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass


class TcpServer:
    """A TCP port (127.0.0.1 unless told otherwise); one client at a time talks to the board."""

    def __init__(self, host: str, port: int, send_to_board: Callable[[bytes], None],
                 fanout: Fanout):
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._listener.bind((host, port))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        self._listener.listen(1)
        self.host, self.port = self._listener.getsockname()[:2]
        self.url = f"socket://{self.host}:{self.port}"
        self._send = send_to_board
        self._fanout = fanout
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True, name="mpt-tcp")
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _address = self._listener.accept()
            except OSError:
                break
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def sink(data: bytes, client=client) -> None:
                try:
                    client.sendall(data)
                except OSError:
                    pass

            self._fanout.attach(sink)
            try:
                while not self._stop.is_set():
                    try:
                        data = client.recv(4096)
                    except OSError:
                        break
                    if not data:
                        break
                    try:
                        self._send(data)
                    except ConnectionFailed:
                        return
            finally:
                self._fanout.detach(sink)
                client.close()

    def close(self) -> None:
        self._stop.set()
        try:
            self._listener.close()
        except OSError:
            pass


def check_port_number(number: int, option: str) -> int:
    if not 0 <= number <= 65535:
        raise UsageError(f"{option} wants a TCP port from 0 to 65535, not {number}")
    return number


def parse_tcp_address(text: str) -> tuple[str, int]:
    """'2217' -> (127.0.0.1, 2217); 'HOST:PORT' as given; ':0' or '' picks a free port."""
    host, _, port = text.rpartition(":")
    host = host or LOCALHOST
    try:
        number = int(port or 0)
    except ValueError as exc:
        raise UsageError(f"--tcp wants PORT or HOST:PORT, not {text!r}") from exc
    return host, check_port_number(number, "--tcp")
