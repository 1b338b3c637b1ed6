"""Serving an emulated board to other programs: on a pseudo-terminal, a TCP port and/or an
inherited socket.

Whoever opens the pty (or connects to the TCP port) talks to the board exactly as to a real
one over USB: mpremote, Thonny, a terminal program, pyboard.py, or mpt itself. The output
follows the rules of MicroPython's USB CDC console (shared/tinyusb/mp_usbd_cdc.c):

* while a host has the port open, the board's writes block until the host takes the bytes
  (back-pressure: a host that reads one byte at a time still receives everything); only a
  host that takes nothing at all for ``STALL_TIMEOUT_S`` loses the rest of that write (the
  firmware gives up after 0.5 s; the emulator waits longer because the host shares the CPU);
* while no host has it open (no DTR on USB; no open pty, no TCP client here) the output is
  lost, and what a host left unread when it closed the port is discarded.

DTR, RTS and break change nothing, as on a native-USB board: pyserial cannot set modem lines
on a pty (it ignores the ioctl's error) and socket:// has none, and opening or closing the
port never resets the board. Ctrl-C and Ctrl-D arrive as ordinary bytes.
"""

from __future__ import annotations

import logging
import os
import select
import socket
import threading
import time
from typing import Callable

from mpt.errors import ConnectionFailed, UsageError

LOCALHOST = "127.0.0.1"
STALL_TIMEOUT_S = 5.0  # a connected host that takes no byte for this long loses the write
POLL_SLICE_MS = 100  # how often a blocked writer looks again for a hang-up or a stop
HANGUP_RECHECK_S = 0.05  # nobody has the pty open: how often the pump looks for a newcomer

log = logging.getLogger(__name__)


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
    """A pseudo-terminal whose other side is the board (POSIX only).

    mpt keeps only the master side open, so the kernel tells it (POLLHUP) whether a host has
    the terminal open: that is the board's "connected" state.
    """

    def __init__(self, send_to_board: Callable[[bytes], None], fanout: Fanout):
        try:
            import termios
            import tty
            master, slave = os.openpty()
        except (AttributeError, OSError, ImportError) as exc:
            raise UsageError(f"cannot create a pseudo-terminal here: {exc}") from exc
        tty.setraw(slave)  # no echo, no newline translation: bytes pass as on a UART
        self._termios = termios
        self.master = master
        self.path = os.ttyname(slave)
        os.close(slave)  # the settings stay with the terminal; its next opener gets them
        os.set_blocking(master, False)
        self._send = send_to_board
        self._stop = threading.Event()
        self._connected = False
        fanout.attach(self._write)
        self._thread = threading.Thread(target=self._pump, daemon=True, name="mpt-pty")
        self._thread.start()

    def _events(self, wanted: int, timeout_ms: int) -> int:
        poller = select.poll()
        poller.register(self.master, wanted)
        ready = poller.poll(timeout_ms)
        return ready[0][1] if ready else 0

    def _write(self, data: bytes) -> None:
        """The board's output: blocks while a connected host has not taken it yet."""
        view = memoryview(data)
        last_progress = time.monotonic()
        while view and not self._stop.is_set():
            try:
                events = self._events(select.POLLOUT, POLL_SLICE_MS)
            except (OSError, ValueError):
                return  # closed
            if events & (select.POLLHUP | select.POLLERR | select.POLLNVAL):
                return  # nobody has the terminal open: the bytes are lost, as on USB
            if events & select.POLLOUT:
                try:
                    written = os.write(self.master, view)
                except BlockingIOError:
                    written = 0
                except OSError:
                    return
                if written:
                    view = view[written:]
                    last_progress = time.monotonic()
                    continue
            if time.monotonic() - last_progress > STALL_TIMEOUT_S:
                log.warning("pty: the host took nothing for %.1f s; %d bytes dropped",
                            STALL_TIMEOUT_S, len(view))
                return

    def _pump(self) -> None:
        """The host's bytes to the board; notices hosts opening and closing the terminal."""
        while not self._stop.is_set():
            try:
                events = self._events(select.POLLIN, 200)
            except (OSError, ValueError):
                break
            if events & select.POLLIN:
                # (what a host wrote just before closing is still read: its last Ctrl-B)
                try:
                    data = os.read(self.master, 4096)
                except (BlockingIOError, InterruptedError):
                    data = b""
                except OSError:  # EIO: nothing left from a host that closed the terminal
                    data = b""
                if data:
                    try:
                        self._send(data)
                    except ConnectionFailed:
                        break
                    continue
            if events & select.POLLHUP:
                if self._connected:
                    self._connected = False
                    self._discard_unread()
                self._stop.wait(HANGUP_RECHECK_S)
                continue
            self._connected = True

    def _discard_unread(self) -> None:
        """The host closed the port: what it left unread is dropped (the firmware clears its
        TX FIFO when DTR falls), so the next host does not receive stale bytes."""
        try:
            self._termios.tcflush(self.master, self._termios.TCOFLUSH)
        except (OSError, self._termios.error):
            pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)
        try:
            os.close(self.master)
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
                client, address = self._listener.accept()
            except OSError:
                break
            label = "%s:%s" % address[:2]
            log.info("tcp: %s connected", label)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if not serve_client(client, self._send, self._fanout, self._stop):
                return
            log.info("tcp: %s disconnected", label)

    def close(self) -> None:
        self._stop.set()
        try:
            self._listener.close()
        except OSError:
            pass


class SocketServer:
    """One stream socket that is already connected (inherited from the process that started
    `mpt emulate`, as `mpt -p emu` does): the board talks over it until it closes."""

    def __init__(self, client: socket.socket, send_to_board: Callable[[bytes], None],
                 fanout: Fanout, on_close: Callable[[], None]):
        self.path = f"socket-fd:{client.fileno()}"
        self._client = client
        self._stop = threading.Event()

        def serve() -> None:
            try:
                serve_client(client, send_to_board, fanout, self._stop)
            finally:
                on_close()

        self._thread = threading.Thread(target=serve, daemon=True, name="mpt-socket")
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        try:
            self._client.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve_client(client: socket.socket, send_to_board: Callable[[bytes], None],
                 fanout: Fanout, stop: threading.Event) -> bool:
    """Carry bytes between a connected client and the board until either side ends; the
    client is closed after. False when the board has shut down."""
    # sends block while the client is slow (back-pressure); one that takes nothing for
    # STALL_TIMEOUT_S loses the rest of that write
    client.settimeout(STALL_TIMEOUT_S)

    def sink(data: bytes) -> None:
        try:
            client.sendall(data)
        except TimeoutError:
            log.warning("the client took nothing for %.1f s; output dropped", STALL_TIMEOUT_S)
        except OSError:
            pass

    fanout.attach(sink)
    try:
        while not stop.is_set():
            try:
                data = client.recv(4096)
            except TimeoutError:
                continue  # an idle client: keep waiting for it
            except OSError:
                break
            if not data:
                break
            try:
                send_to_board(data)
            except ConnectionFailed:
                return False
    finally:
        fanout.detach(sink)
        client.close()
    return True


def inherited_socket(fd: int) -> socket.socket:
    """The connected stream socket a parent process handed over as file descriptor `fd`."""
    try:
        client = socket.socket(fileno=fd)
    except OSError as exc:
        raise UsageError(f"--socket-fd {fd}: not an open socket ({exc.strerror or exc})") \
            from exc
    if client.type != socket.SOCK_STREAM:
        client.detach()
        raise UsageError(f"--socket-fd {fd}: not a stream socket")
    return client


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
