"""The guest's `socket` module (also `usocket`) on the boards with a radio (rp2w, esp32).

Guest sockets are host sockets: the board's network is the host's, limited by the board's
NetPolicy (netpolicy.py: loopback only unless `--net`) and created through the board's
HostNet (hostnet.py: in this process, or through the network broker when the process is
confined). The MicroPython behaviour kept here, from extmod/modlwip.c (Pico W) and
ports/esp32/modsocket.c:

* no traffic before a WLAN interface is up (STA connected or AP active): connect and
  sendto fail with OSError(EHOSTUNREACH), as with no route; names do not resolve;
* blocking, timeouts (settimeout/setblocking) and non-blocking as the firmware: a
  non-blocking connect raises OSError(EINPROGRESS), a read with nothing there returns None
  (recv raises EAGAIN), a timeout raises ETIMEDOUT; a refused connection is ECONNRESET
  (lwIP reports the peer's RST so on both ports);
* getaddrinfo(host, port, af, type, proto, flags) returns (family, type, proto, canonname,
  (ip, port)) tuples: one on the Pico W with canonname "", every address on the esp32 with
  the host name; a name that does not resolve raises OSError(-2);
* sockets are streams (read, readinto, readline, write) that select.poll and asyncio
  watch (the `_mpt_poll` probe), closed when the program ends or the board soft-resets.

Errno values are MicroPython's internal ones (the errno module's), on both boards.
"""

from __future__ import annotations

import errno as host_errno
import os
import select as host_select
import socket as host_socket
import time as host_time
import weakref

from mpt.runtime.library.buffers import buffer_bytes, writable_view
from mpt.runtime.board.guest.hardware import GuestHardware, bind, guest_classes, hardware_for
from mpt.runtime.board.guest.network import links_up
from mpt.runtime.board.hostnet import HostNet
from mpt.runtime.board.netpolicy import numeric_address

AF_INET, AF_INET6 = 2, 10
SOCK_STREAM, SOCK_DGRAM, SOCK_RAW = 1, 2, 3
EBADF, EAGAIN, EINVAL, ENOTCONN = 9, 11, 22, 107
EOPNOTSUPP, ECONNRESET, EISCONN, ETIMEDOUT = 95, 104, 106, 110
EHOSTUNREACH, EALREADY, EINPROGRESS = 113, 114, 115
NAME_NOT_KNOWN = -2  # getaddrinfo's failure: lwIP's negative code, not an errno
POLLIN, POLLOUT, POLLERR, POLLHUP, POLLNVAL = 0x01, 0x04, 0x08, 0x10, 0x20
WAIT_SLICE_MS = 10  # how often a blocked guest looks at Ctrl-C and the board's callbacks
LISTEN_BACKLOG = 2  # MICROPY_PY_SOCKET_LISTEN_BACKLOG_DEFAULT (py/mpconfig.h)
PEEK_BYTES = 256    # how far readline looks ahead for the end of a line

_HOST_FAMILY = {AF_INET: host_socket.AF_INET, AF_INET6: host_socket.AF_INET6}
_HOST_TYPE = {SOCK_STREAM: host_socket.SOCK_STREAM, SOCK_DGRAM: host_socket.SOCK_DGRAM}
# host errno -> the firmware's, where they differ (lwIP's ERR_RST on a refused connect)
_FIRMWARE_ERRNO = {host_errno.ECONNREFUSED: ECONNRESET, host_errno.EPIPE: ENOTCONN}


def fail(code: int) -> OSError:
    """An OSError with ``errno`` set (the guest sees OSError(code), one argument)."""
    return OSError(code, os.strerror(code) if code > 0 else "name not known")


def firmware_error(exc: OSError) -> OSError:
    """The guest's OSError for a host socket error: its errno, the firmware's."""
    code = exc.errno if exc.errno is not None else EINVAL
    return fail(_FIRMWARE_ERRNO.get(code, code))


def make_module(ctx):
    hw = hardware_for(ctx)
    net: HostNet = hw.board.net
    port = hw.port
    open_sockets: weakref.WeakSet = weakref.WeakSet()

    def close_all() -> None:
        for sock in list(open_sockets):
            sock.close()

    hw.shutdown_hooks.append(close_all)
    cls = bind(socket, hw, _net=net, _open=open_sockets)

    def getaddrinfo(host, port_number, af=0, type=0, proto=0, flags=0):  # noqa: A002
        if not isinstance(host, str):
            raise TypeError(f"can't convert {type_name(host)} to str")
        if isinstance(port_number, str) and hw.port.getaddrinfo_names_host:
            port_number = int(port_number)
        if not isinstance(port_number, int):
            raise TypeError(f"can't convert {type_name(port_number)} to int")
        found = resolve(hw, net, host, port_number, _HOST_FAMILY.get(af, 0))
        if not found:
            raise fail(NAME_NOT_KNOWN)
        if not hw.port.getaddrinfo_names_host:  # modlwip: the first address, a stream
            family, address = found[0]
            return [(AF_INET6 if family == host_socket.AF_INET6 else AF_INET, SOCK_STREAM, 0,
                     "", (address, port_number))]
        return [(AF_INET6 if family == host_socket.AF_INET6 else AF_INET, type or SOCK_STREAM,
                 proto, host, (address, port_number)) for family, address in found]

    attrs = {"socket": cls, "getaddrinfo": getaddrinfo, "AF_INET": AF_INET,
             "AF_INET6": AF_INET6, "SOCK_STREAM": SOCK_STREAM, "SOCK_DGRAM": SOCK_DGRAM,
             "SOCK_RAW": SOCK_RAW, **port.socket_constants}
    return guest_classes(attrs)


def type_name(value) -> str:
    return type(value).__name__


def link_is_up(hw: GuestHardware) -> bool:
    return bool(links_up(hw.ctx))


def resolve(hw: GuestHardware, net: HostNet, host: str, port: int,
            family: int = 0) -> list[tuple[int, str]]:
    """(host family, numeric address) pairs; names need a WLAN link (localhost does not)."""
    found = net.resolve(host, port, family) if host.lower() == "localhost" or \
        _is_numeric(host) or link_is_up(hw) else []
    if family:
        found = [entry for entry in found if entry[0] == family]
    return found


def _is_numeric(host: str) -> bool:
    return host == "" or numeric_address(host) is not None


def stream_read(read_some, size, nonblocking: bool) -> bytes | None:
    """py/stream.c's read over ``read_some(n)`` (bytes, b"" at the end, None when a
    non-blocking stream has nothing): everything to the end when ``size`` is negative or None,
    else up to ``size`` bytes; None when a non-blocking stream had nothing at all."""
    if size is None or size < 0:
        chunks = []
        while True:
            chunk = read_some(4096)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks) if chunks or not nonblocking else None
    return _read_exactly(read_some, int(size))


def _read_exactly(read_some, size: int) -> bytes | None:
    out = bytearray()
    while len(out) < size:
        chunk = read_some(size - len(out))
        if chunk is None:
            return bytes(out) if out else None
        if not chunk:
            break
        out += chunk
    return bytes(out)


def stream_readinto(read_some, buf, nbytes=None) -> int | None:
    """py/stream.c's readinto over ``read_some``: the bytes read into ``buf`` (at most
    ``nbytes``), or None when a non-blocking stream had nothing."""
    view = writable_view(buf)
    data = _read_exactly(read_some, len(view) if nbytes is None else min(int(nbytes), len(view)))
    if data is None:
        return None
    view[:len(data)] = data
    return len(data)


class socket:  # noqa: N801 - the guest's type name
    """socket.socket: a host socket, non-blocking on the host, with the guest's timeout."""
    _hw: GuestHardware
    _net: HostNet
    _open: weakref.WeakSet

    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=0):  # noqa: A002
        # each argument is an int (mp_obj_get_int) before any is looked at (modlwip.c,
        # ports/esp32/modsocket.c)
        self._sock: host_socket.socket | None = None  # (what close() at collection finds)
        for value in (af, type, proto):
            if not isinstance(value, int):
                raise TypeError(f"can't convert {type_name(value)} to int")
        if af not in _HOST_FAMILY or type not in (SOCK_STREAM, SOCK_DGRAM, SOCK_RAW):
            raise fail(EINVAL)
        if type == SOCK_RAW:
            raise fail(EOPNOTSUPP)  # raw sockets are not emulated
        self._family, self._type = af, type
        self._timeout: float | None = None  # None: blocking; 0: non-blocking
        self._connected = False
        try:
            self._sock = self._net.socket(_HOST_FAMILY[af], _HOST_TYPE[type])
        except OSError as exc:
            raise firmware_error(exc) from None
        self._open.add(self)

    @classmethod
    def _adopt(cls, sock: host_socket.socket) -> "socket":
        """A guest socket around an accepted host socket."""
        self = object.__new__(cls)
        self._family = AF_INET6 if sock.family == host_socket.AF_INET6 else AF_INET
        self._type, self._timeout, self._connected = SOCK_STREAM, None, True
        sock.setblocking(False)
        self._sock = sock
        self._open.add(self)
        return self

    def __repr__(self):
        return "<socket>"

    # --- helpers ------------------------------------------------------------------------
    def _host(self) -> host_socket.socket:
        if self._sock is None:
            raise fail(EBADF)
        return self._sock

    def _address(self, address) -> tuple[str, int]:
        """(numeric host, port) of a guest address tuple; names resolve as getaddrinfo."""
        if not isinstance(address, tuple) or len(address) < 2:
            raise TypeError("object with buffer protocol required" if isinstance(
                address, (bytes, bytearray)) else "can't convert to tuple")
        host, port = address[0], address[1]
        if isinstance(host, (bytes, bytearray)):
            host = bytes(host).decode()
        if not isinstance(host, str) or not isinstance(port, int):
            raise TypeError("invalid address")
        if _is_numeric(host):
            return host or ("::" if self._family == AF_INET6 else "0.0.0.0"), port
        found = resolve(self._hw, self._net, host, port, _HOST_FAMILY[self._family])
        if not found:
            raise fail(NAME_NOT_KNOWN)
        return found[0][1], port

    def _need_link(self) -> None:
        if not link_is_up(self._hw):
            raise fail(EHOSTUNREACH)

    def _wait(self, events: int) -> bool:
        """Wait until the host socket has ``events`` (True) or the guest's timeout passed
        (False); Ctrl-C and board callbacks are handled meanwhile."""
        timeout = self._timeout
        if timeout == 0:
            return False
        deadline = None if timeout is None else host_time.monotonic() + timeout
        poller = host_select.poll()
        poller.register(self._host(), events)
        while True:
            slice_ms = WAIT_SLICE_MS
            if deadline is not None:
                left = deadline - host_time.monotonic()
                if left <= 0:
                    return False
                slice_ms = min(slice_ms, max(1, int(left * 1000)))
            if poller.poll(slice_ms):
                return True
            self._hw.check_interrupt()
            if self._sock is None:
                raise fail(EBADF)

    def _io(self, events: int, operation):
        """Run ``operation()`` on the host socket, waiting as the guest's timeout says;
        raises OSError(EAGAIN) when non-blocking and ETIMEDOUT when timed out."""
        while True:
            try:
                return operation()
            except (BlockingIOError, InterruptedError):
                pass
            except OSError as exc:
                raise firmware_error(exc) from None
            if not self._wait(events):
                raise fail(EAGAIN if self._timeout == 0 else ETIMEDOUT)

    # --- the socket API -----------------------------------------------------------------
    def close(self):
        sock, self._sock = self._sock, None
        if sock is not None:
            self._open.discard(self)
            self._net.close(sock)

    __del__ = close

    def bind(self, address):
        host, port = self._address(address)
        try:
            self._net.bind(self._host(), host, port)
        except OSError as exc:
            raise firmware_error(exc) from None

    def listen(self, backlog=LISTEN_BACKLOG):
        if self._type != SOCK_STREAM:
            raise fail(EOPNOTSUPP)
        try:
            self._net.listen(self._host(), max(1, int(backlog)))
        except OSError as exc:
            raise firmware_error(exc) from None

    def accept(self):
        client, address = self._io(POLLIN, self._host().accept)
        return self._adopt(client), address[:2]

    def connect(self, address):
        host, port = self._address(address)
        sock = self._host()
        if self._type == SOCK_STREAM and self._connected:
            raise fail(EISCONN)
        self._need_link()
        try:
            err = self._net.connect(sock, host, port)
        except OSError as exc:
            raise firmware_error(exc) from None
        if err in (host_errno.EINPROGRESS, host_errno.EAGAIN, host_errno.EALREADY):
            if self._timeout == 0:
                raise fail(EINPROGRESS if err != host_errno.EALREADY else EALREADY)
            if not self._wait(POLLOUT):
                raise fail(ETIMEDOUT)
            err = sock.getsockopt(host_socket.SOL_SOCKET, host_socket.SO_ERROR)
        if err:
            raise fail(_FIRMWARE_ERRNO.get(err, err))
        self._connected = True

    def send(self, data):
        data = buffer_bytes(data)
        return self._io(POLLOUT, lambda: self._host().send(data))

    def sendall(self, data):
        view = memoryview(buffer_bytes(data))
        sent = 0
        while sent < len(view):
            sent += self._io(POLLOUT, lambda: self._host().send(view[sent:]))
        return None

    def sendto(self, data, address):
        data = buffer_bytes(data)
        host, port = self._address(address)
        self._need_link()
        try:
            return self._io(POLLOUT, lambda: self._net.sendto(self._host(), data, host, port))
        except OSError as exc:
            raise firmware_error(exc) from None

    def recv(self, bufsize, flags=0):
        return self._io(POLLIN, lambda: self._host().recv(int(bufsize), self._flags(flags)))

    def recvfrom(self, bufsize, flags=0):
        data, address = self._io(POLLIN, lambda: self._host().recvfrom(
            int(bufsize), self._flags(flags)))
        return data, address[:2]

    def _flags(self, flags: int) -> int:
        host_flags = 0
        constants = self._hw.port.socket_constants
        if flags & constants.get("MSG_PEEK", 0):
            host_flags |= host_socket.MSG_PEEK
        return host_flags

    def settimeout(self, value):
        if value is None:
            self._timeout = None
        else:
            self._timeout = max(0.0, float(value))

    def setblocking(self, flag):
        self._timeout = None if flag else 0.0

    def setsockopt(self, level, optname, value):
        constants = self._hw.port.socket_constants
        sock = self._host()
        if level == constants.get("SOL_SOCKET") and optname == constants.get("SO_REUSEADDR"):
            sock.setsockopt(host_socket.SOL_SOCKET, host_socket.SO_REUSEADDR, int(bool(value)))
        elif level == constants.get("SOL_SOCKET") and \
                optname == constants.get("SO_BROADCAST"):
            sock.setsockopt(host_socket.SOL_SOCKET, host_socket.SO_BROADCAST, int(bool(value)))
        elif level == constants.get("IPPROTO_TCP") and optname == constants.get("TCP_NODELAY"):
            if self._type == SOCK_STREAM:
                sock.setsockopt(host_socket.IPPROTO_TCP, host_socket.TCP_NODELAY,
                                int(bool(value)))
        return None  # other options are accepted and have no effect on the host

    def makefile(self, *args, **kwargs):
        return self

    # --- the stream protocol (read, write, readline...) --------------------------------
    def _read_some(self, size: int) -> bytes | None:
        """One read of up to ``size`` bytes; None when non-blocking and nothing is there."""
        try:
            return self._io(POLLIN, lambda: self._host().recv(size))
        except OSError as exc:
            if exc.errno == EAGAIN and self._timeout == 0:
                return None
            raise

    def read(self, size=-1):
        return stream_read(self._read_some, size, self._timeout == 0)

    def readinto(self, buf, nbytes=None):
        return stream_readinto(self._read_some, buf, nbytes)

    def readline(self, limit=-1):
        line = bytearray()
        while limit < 0 or len(line) < limit:
            want = PEEK_BYTES if limit < 0 else min(PEEK_BYTES, limit - len(line))
            try:
                ahead = self._io(POLLIN, lambda: self._host().recv(want, host_socket.MSG_PEEK))
            except OSError as exc:
                if exc.errno == EAGAIN and self._timeout == 0:
                    return bytes(line) if line else None
                raise
            if not ahead:
                break
            end = ahead.find(b"\n")
            take = len(ahead) if end < 0 else end + 1
            line += self._host().recv(take)
            if end >= 0:
                break
        return bytes(line)

    def write(self, data):
        view = memoryview(buffer_bytes(data))
        sent = 0
        while sent < len(view):
            try:
                sent += self._io(POLLOUT, lambda: self._host().send(view[sent:]))
            except OSError as exc:
                if exc.errno == EAGAIN and self._timeout == 0:
                    return sent or None
                raise
        return sent

    # --- readiness for select.poll / asyncio ----------------------------------------------
    _mpt_host_io = True  # select.poll: the host makes it ready (select_mod)

    def _mpt_poll(self, events: int) -> int:
        sock = self._sock
        if sock is None:
            return POLLNVAL
        poller = host_select.poll()
        poller.register(sock, events & (POLLIN | POLLOUT))
        ready = 0
        for _fd, host_events in poller.poll(0):
            ready |= host_events
        return ready & (events | POLLERR | POLLHUP)
