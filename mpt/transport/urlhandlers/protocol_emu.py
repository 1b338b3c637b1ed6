"""`emu://[BOARD][?flash=DIR&...]`: the in-process emulated board as a pyserial port.

Reads block on a condition variable until the board produces output (no polling); writes go
straight to the board, which runs guest code on its own thread so that Ctrl-C can reach it.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
import weakref

from serial.serialutil import PortNotOpenError, SerialBase, SerialException
from mpt.transport.emulated import open_endpoint


def parse_emu_url(url: str) -> dict:
    """emu://rp2?flash=build/f -> {"board": "rp2", "flash": "build/f"}"""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() != "emu":
        raise SerialException(f"expected an emu:// URL, got {url!r}")
    options = {"board": (parts.netloc or parts.path.strip("/")) or None}
    for key, values in urllib.parse.parse_qs(parts.query).items():
        options[key] = values[-1]
    return options


def _weak_output(port: "Serial"):
    """The board's output callback, holding the port weakly: a port nobody references is
    garbage (io's finaliser then closes it, and closing switches its board off) although
    the board's thread, which calls this, lives on until then."""
    receive = weakref.WeakMethod(port._receive_from_board)

    def output(data: bytes) -> None:
        method = receive()
        if method is not None:
            method(data)
    return output


class Serial(SerialBase):
    """pyserial port whose other end is an emulated MicroPython board."""

    def open(self):
        if self._port is None:
            raise SerialException("port must be configured before it can be used")
        if self.is_open:
            raise SerialException("port already open")

        self._buffer = bytearray()
        self._ready = threading.Condition()
        self._cancelled = False
        options = parse_emu_url(self._port)
        try:
            self._endpoint = open_endpoint(options, _weak_output(self))
        except Exception as exc:
            raise SerialException(f"cannot start the emulated board: {exc}") from exc
        self.is_open = True

    def _receive_from_board(self, data: bytes) -> None:
        with self._ready:
            self._buffer += data
            self._ready.notify_all()

    def close(self):
        if self.is_open:
            self.is_open = False
            endpoint, self._endpoint = self._endpoint, None
            if endpoint is not None:
                endpoint.close()
            with self._ready:
                self._ready.notify_all()

    def _reconfigure_port(self, *args, **kwargs):
        pass  # baud rate and framing mean nothing to the emulated board

    def from_url(self, url):
        return url

    @property
    def in_waiting(self):
        if not self.is_open:
            raise PortNotOpenError()
        with self._ready:
            return len(self._buffer)

    def read(self, size=1):
        if not self.is_open:
            raise PortNotOpenError()
        deadline = None if self._timeout is None else time.monotonic() + self._timeout
        with self._ready:
            while len(self._buffer) < size and self.is_open and not self._cancelled:
                if self._endpoint is not None and self._endpoint.closed:
                    break
                if deadline is None:
                    self._ready.wait()
                else:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._ready.wait(remaining)
            self._cancelled = False
            data = bytes(self._buffer[:size])
            del self._buffer[:size]
        if not data and (self._endpoint is None or self._endpoint.closed):
            raise SerialException("the emulated board has shut down")
        return data

    def cancel_read(self):
        with self._ready:
            self._cancelled = True
            self._ready.notify_all()

    def write(self, data):
        if not self.is_open:
            raise PortNotOpenError()
        data = bytes(data)
        self._endpoint.send(data)
        return len(data)

    def reset_input_buffer(self):
        with self._ready:
            self._buffer.clear()

    def reset_output_buffer(self):
        pass

    def _update_dtr_state(self):
        pass

    def _update_rts_state(self):
        pass

    def _update_break_state(self):
        pass

    @property
    def cts(self):
        return True

    @property
    def dsr(self):
        return True

    @property
    def ri(self):
        return False

    @property
    def cd(self):
        return True
