"""A byte link to a board: waits that wake on data, never on a fixed sleep, and always end.

`Link` wraps any pyserial-like object (``read``, ``write``, ``in_waiting``, ``timeout``,
``close``): a real serial port, ``socket://``, ``rfc2217://``, ``loop://`` or ``emu://``.
The port's own read timeout is only the granularity at which an idle wait re-checks its
deadline; data wakes a read as soon as it arrives.

Ctrl-C never cuts a transfer in half (mpt.transport.interrupts): a write goes out whole, and
bytes received are handed to the intercept and buffered before a KeyboardInterrupt is raised,
so whoever catches it can still resynchronise with the board.
"""

from __future__ import annotations

import logging
import select
import socket
import threading
import time
from typing import Callable

from mpt.errors import BoardTimeout, ConnectionFailed
from mpt.logs import shown_bytes
from mpt.transport.interrupts import held

log = logging.getLogger("mpt.transport")

# How long one blocking read may sleep before a wait re-checks its deadline.
WAKE_INTERVAL = 0.05
# The most a wait that returns what it read holds before giving up on its marker: a board
# babbling without ever sending it is broken, not slow (output handed to an `on_data` callback
# as it arrives is not held, so a program may print forever).
ANSWER_LIMIT = 16 * 2**20

OnData = Callable[[bytes], None]


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def board_text(received: bytes | bytearray | str, limit: int = 80) -> str:
    """What a board sent, for a one-line message: its text in double quotes (the last
    ``limit`` characters), control characters escaped; "nothing" when it sent nothing."""
    if not received:
        return "nothing"
    text = received if isinstance(received, str) else bytes(received).decode("utf-8", "replace")
    prefix = "..." if len(text) > limit else ""
    shown = "".join(c if c.isprintable() and c not in _ESCAPES else
                    _ESCAPES.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}")
                    for c in text[-limit:])
    return f'{prefix}"{shown}"'


class Link:
    """Buffered, deadline-aware reading and writing over a pyserial-like port."""

    def __init__(self, port, *, name: str = ""):
        self.port = port
        self.name = name or getattr(port, "portstr", None) or getattr(port, "port", "") or "board"
        self._pending = bytearray()
        # pyserial's socket:// reports in_waiting as 0 or 1, which would mean a call per
        # byte; read its socket directly instead (select + recv of all that has arrived).
        self._socket = getattr(port, "_socket", None) \
            if type(port).__module__.endswith("protocol_socket") else None
        if self._socket is not None:
            # Small writes (a command's last bytes, then its Ctrl-D) must not wait for the
            # board's delayed acknowledgement of the one before (Nagle's algorithm: up to
            # 40 ms a write on Linux); the writes here are whole messages already.
            try:
                self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        self.bytes_written = 0
        self.bytes_read = 0
        # sees every received byte first and returns those meant for the reader (a protocol
        # sharing the line, such as `mpt mount`, takes its own out and answers them)
        self.intercept: Callable[[bytes], bytes] | None = None
        # one write at a time: an answer to the board is never split by another writer
        self._write_lock = threading.RLock()
        try:
            port.timeout = WAKE_INTERVAL
        except Exception:  # some port objects have a fixed timeout; reads still return
            pass

    # -- low level ---------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s: sent %d bytes %s", self.name, len(data), shown_bytes(data))
        with held(), self._write_lock:
            try:
                self.port.write(data)
                flush = getattr(self.port, "flush", None)
                if flush is not None:
                    flush()
            except Exception as exc:  # pyserial raises SerialException / OSError subclasses
                raise ConnectionFailed(f"lost the connection to {self.name}: {exc}") from exc
            self.bytes_written += len(data)

    def _receive(self, wait: bool, within: float | None = None) -> bytes:
        """Whatever the port has now; when `wait`, block up to WAKE_INTERVAL (or `within` s,
        if sooner; a socket only) for the first byte.

        Callers hold SIGINT (`held()`) until the bytes are buffered."""
        data = self._receive_raw(wait, within)
        if data and log.isEnabledFor(logging.DEBUG):
            log.debug("%s: received %d bytes %s", self.name, len(data), shown_bytes(data))
        if data and self.intercept is not None:
            data = self.intercept(data)
        return data

    def _receive_raw(self, wait: bool, within: float | None) -> bytes:
        if self._socket is not None:
            return self._receive_socket(wait, within)
        try:
            waiting = self.port.in_waiting
            if waiting:
                data = self.port.read(waiting)
            elif wait:
                data = self.port.read(1)
                if data:
                    more = self.port.in_waiting
                    if more:
                        data += self.port.read(more)
            else:
                data = b""
        except Exception as exc:
            raise ConnectionFailed(f"lost the connection to {self.name}: {exc}") from exc
        self.bytes_read += len(data)
        return bytes(data)

    def _receive_socket(self, wait: bool, within: float | None) -> bytes:
        sock = self._socket
        assert sock is not None  # only called when the port is pyserial's socket://
        wake = WAKE_INTERVAL if within is None else max(0.0, min(WAKE_INTERVAL, within))
        try:
            ready, _, _ = select.select([sock], [], [], wake if wait else 0)
            if not ready:
                return b""
            data = sock.recv(65536)
        except OSError as exc:
            raise ConnectionFailed(f"lost the connection to {self.name}: {exc}") from exc
        if not data:
            raise ConnectionFailed(f"{self.name} closed the connection")
        self.bytes_read += len(data)
        return data

    def _fill(self, deadline: float | None) -> bool:
        """Append newly received bytes to the buffer; False if the deadline passed first."""
        while True:
            with held():
                data = self._receive(wait=True, within=None if deadline is None
                                     else deadline - time.monotonic())
                self._pending += data
            if data:
                return True
            if deadline is not None and time.monotonic() >= deadline:
                return False

    # -- waits -------------------------------------------------------------------------------

    def read_until(self, marker: bytes, timeout: float | None, *, on_data: OnData | None = None,
                   what: str = "", overall: float | None = None,
                   max_bytes: int = ANSWER_LIMIT) -> bytes:
        """Read up to and including `marker`; return the bytes before it.

        `timeout` is the longest silence allowed (it restarts whenever bytes arrive);
        None waits forever. `overall` bounds the whole wait even while bytes keep coming.
        With `on_data`, bytes before the marker are handed over as they arrive instead of
        being returned; without it, more than `max_bytes` bytes and no marker is a BoardTimeout.
        """
        received_tail = bytearray()
        searched = 0  # the buffer before this offset holds no marker
        now = time.monotonic()
        deadline = None if timeout is None else now + timeout
        final = None if overall is None else now + overall
        while True:
            index = self._pending.find(marker, searched)
            if index >= 0:
                before = bytes(self._pending[:index])
                del self._pending[:index + len(marker)]
                if on_data is not None:
                    if before:
                        on_data(before)
                    return b""
                return before
            keep = len(marker) - 1
            if on_data is not None:
                # hand over all but a possible partial marker at the end
                ready = len(self._pending) - keep
                if ready > 0:
                    chunk = bytes(self._pending[:ready])
                    del self._pending[:ready]
                    received_tail = (received_tail + chunk)[-200:]
                    on_data(chunk)
                searched = 0
            else:
                searched = max(0, len(self._pending) - keep)
                if len(self._pending) > max_bytes:  # as good as no answer (a retry may help)
                    seen = bytes(self._pending[-200:])
                    raise BoardTimeout(
                        f"{self.name} sent over {max_bytes} bytes without answering"
                        f"{' ' + what if what else ''} (last received {board_text(seen)})", seen)
            limit = deadline if final is None else (final if deadline is None else min(deadline, final))
            if not self._fill(limit):
                seen = bytes(received_tail + self._pending[-200:])
                waited = timeout if final is None or (deadline is not None and deadline <= final) \
                    else overall
                raise BoardTimeout(
                    f"{self.name} did not answer{' ' + what if what else ''} within {waited:g} s "
                    f"(received {board_text(seen)})", seen)
            if final is not None and time.monotonic() >= final:
                seen = bytes(received_tail + self._pending[-200:])
                raise BoardTimeout(
                    f"{self.name} did not answer{' ' + what if what else ''} within {overall:g} s "
                    f"(received {board_text(seen)})", seen)
            if timeout is not None:
                deadline = time.monotonic() + timeout

    def read_exactly(self, count: int, timeout: float | None, *, what: str = "") -> bytes:
        deadline = None if timeout is None else time.monotonic() + timeout
        while len(self._pending) < count:
            if not self._fill(deadline):
                seen = bytes(self._pending)
                raise BoardTimeout(
                    f"{self.name} did not answer{' ' + what if what else ''} within {timeout:g} s "
                    f"(received {board_text(seen)})", seen)
        data = bytes(self._pending[:count])
        del self._pending[:count]
        return data

    def read_available(self) -> bytes:
        """Everything buffered or waiting now, without blocking."""
        with held():
            self._pending += self._receive(wait=False)
        data = bytes(self._pending)
        self._pending.clear()
        return data

    def read_some(self, timeout: float | None) -> bytes:
        """At least one byte unless `timeout` passes first (then b"")."""
        if not self._pending:
            deadline = None if timeout is None else time.monotonic() + timeout
            if not self._fill(deadline):
                return b""
        return self.read_available()

    def has_pending(self) -> bool:
        if self._pending:
            return True
        with held():
            data = self._receive(wait=False)
            self._pending += data
        return bool(data)

    def drain(self, quiet: float, limit: float) -> bytes:
        """Discard input until the line has been silent for `quiet` s (at most `limit` s)."""
        dropped = bytearray(self._pending)
        self._pending.clear()
        end = time.monotonic() + limit
        while True:
            now = time.monotonic()
            if now >= end:
                break
            data = self.read_some(min(quiet, end - now))
            if not data:
                break
            dropped += data
        return bytes(dropped)

    def close(self) -> None:
        if self._socket is not None:
            # pyserial's socket:// close() sleeps 0.3 s "for quick reconnects"; mpt does not
            # reconnect at once, so close the socket here and leave pyserial nothing to do.
            try:
                self._socket.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._socket.close()
            self._socket = None
            self.port._socket = None
            self.port.is_open = False
            return
        try:
            self.port.close()
        except Exception:
            pass
