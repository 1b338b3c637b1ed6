"""The guest's `tls` module (extmod/modtls_mbedtls.c) over the host's TLS (Python's ssl).

tls.SSLContext(PROTOCOL_TLS_CLIENT | PROTOCOL_TLS_SERVER) with verify_mode (a client
context starts at CERT_REQUIRED, a server one at CERT_NONE, as mbedTLS's defaults),
load_cert_chain(cert, key) and load_verify_locations(cadata) taking the certificates and
key as bytes (PEM or DER), and wrap_socket(sock, server_side=, do_handshake_on_connect=,
server_hostname=) on a socket of the guest's socket module. The board has no CA store: a
client that verifies must be given its CA (load_verify_locations), as on the firmware.

Failures as the firmware raises them: a certificate that does not verify is a ValueError
with the reason; CERT_REQUIRED without server_hostname is ValueError("CERT_REQUIRED
requires server_hostname"); other TLS failures are OSError with mbedTLS's negative code
(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, -0x7780, for what the peer refused).
"""

from __future__ import annotations

import base64
import os
import ssl as host_ssl

from mpt.runtime.library.buffers import buffer_bytes
from mpt.runtime.board.guest.hardware import GuestHardware, bind, guest_classes, hardware_for
from mpt.runtime.board.guest.socket_module import (EAGAIN, EBADF, EINVAL, ETIMEDOUT, POLLIN,
                                                   POLLNVAL, POLLOUT, fail, firmware_error,
                                                   socket, stream_read, stream_readinto)

PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER = 0, 1
CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED = 0, 1, 2
MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE = -0x7780
MBEDTLS_ERR_X509_CERT_VERIFY_FAILED = -0x2700
_HOST_VERIFY = {CERT_NONE: host_ssl.CERT_NONE, CERT_OPTIONAL: host_ssl.CERT_OPTIONAL,
                CERT_REQUIRED: host_ssl.CERT_REQUIRED}


def make_module(ctx):
    hw = hardware_for(ctx)
    context_cls = bind(SSLContext, hw, _socket_cls=bind(SSLSocket, hw))
    return guest_classes({"SSLContext": context_cls,
                          "PROTOCOL_TLS_CLIENT": PROTOCOL_TLS_CLIENT,
                          "PROTOCOL_TLS_SERVER": PROTOCOL_TLS_SERVER,
                          "CERT_NONE": CERT_NONE, "CERT_OPTIONAL": CERT_OPTIONAL,
                          "CERT_REQUIRED": CERT_REQUIRED})


def _pem(data, kind: str) -> bytes:
    """PEM text for ``data`` given as PEM or DER bytes (the firmware takes both)."""
    data = bytes(data)
    if b"-----BEGIN" in data:
        return data
    body = base64.encodebytes(data)
    return b"-----BEGIN " + kind.encode() + b"-----\n" + body + b"-----END " + \
        kind.encode() + b"-----\n"


def _memory_file(data: bytes) -> tuple[int, str]:
    """A file in memory the host's ssl can load by path (no file system write: the board
    process may write only its flash)."""
    fd = os.memfd_create("mpt-tls", os.MFD_CLOEXEC)
    os.write(fd, data)
    return fd, f"/proc/self/fd/{fd}"


class SSLContext:
    """tls.SSLContext: the host's ssl.SSLContext behind the firmware's interface."""
    _hw: GuestHardware
    _socket_cls: type

    def __init__(self, protocol):
        if protocol not in (PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER):
            raise ValueError("invalid protocol")  # DTLS is not emulated
        self._server = protocol == PROTOCOL_TLS_SERVER
        self._host = host_ssl.SSLContext(host_ssl.PROTOCOL_TLS_SERVER if self._server
                                         else host_ssl.PROTOCOL_TLS_CLIENT)
        self._host.check_hostname = False
        self._verify = CERT_NONE if self._server else CERT_REQUIRED

    @property
    def verify_mode(self):
        return self._verify

    @verify_mode.setter
    def verify_mode(self, value):
        if value not in _HOST_VERIFY:
            raise ValueError("invalid verify mode")
        self._verify = value

    def load_cert_chain(self, cert, key):
        files = [_memory_file(_pem(cert, "CERTIFICATE"))]
        try:
            files.append(_memory_file(_key_pem(key)))
            self._host.load_cert_chain(files[0][1], files[1][1])
        except (host_ssl.SSLError, OSError, ValueError):
            raise ValueError("invalid cert") from None
        finally:
            for fd, _ in files:
                os.close(fd)

    def load_verify_locations(self, cadata):
        try:
            if b"-----BEGIN" in bytes(cadata):
                self._host.load_verify_locations(cadata=bytes(cadata).decode("ascii"))
            else:
                self._host.load_verify_locations(cadata=bytes(cadata))
        except (host_ssl.SSLError, ValueError, UnicodeError):
            raise ValueError("invalid cert") from None

    def wrap_socket(self, sock, *, server_side=False, do_handshake_on_connect=True,
                    server_hostname=None, client_id=None):
        if not isinstance(sock, socket):
            raise fail(EINVAL)
        if not server_side and self._verify == CERT_REQUIRED and server_hostname is None:
            raise ValueError("CERT_REQUIRED requires server_hostname")
        self._host.verify_mode = _HOST_VERIFY[self._verify] if not server_side or \
            self._verify != CERT_OPTIONAL else host_ssl.CERT_OPTIONAL
        self._host.check_hostname = (not server_side and self._verify == CERT_REQUIRED
                                     and server_hostname is not None)
        wrapped = self._socket_cls(sock, self._host, bool(server_side),
                                   server_hostname if not server_side else None)
        if do_handshake_on_connect:
            wrapped._handshake()
        return wrapped


def _key_pem(key) -> bytes:
    data = bytes(key)
    if b"-----BEGIN" in data:
        return data
    # DER: PKCS#8 (the general form), else a bare RSA or EC key
    for kind in ("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"):
        pem = _pem(data, kind)
        probe = host_ssl.SSLContext(host_ssl.PROTOCOL_TLS_SERVER)
        fd, path = _memory_file(pem)
        try:
            probe.load_cert_chain(path, path)
        except host_ssl.SSLError as exc:
            if "KEY" in str(exc).upper() and "CERT" not in str(exc).upper():
                continue
            return pem
        finally:
            os.close(fd)
        return pem
    return _pem(data, "PRIVATE KEY")


def _tls_error(exc: Exception) -> Exception:
    if isinstance(exc, host_ssl.SSLCertVerificationError):
        return ValueError(exc.verify_message or "certificate verify failed")
    if isinstance(exc, (host_ssl.SSLZeroReturnError, host_ssl.SSLEOFError)):
        return fail(104)  # ECONNRESET: the peer ended the session
    if isinstance(exc, host_ssl.SSLError):
        return OSError(MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE)
    if isinstance(exc, OSError):
        return firmware_error(exc)
    return exc


class SSLSocket:
    """What SSLContext.wrap_socket returns: a stream over a TLS session that runs in memory
    (the host's ssl.SSLObject over two memory BIOs), its records carried by the guest
    socket, whose timeout governs waiting."""
    _hw: GuestHardware

    def __init__(self, sock, context, server_side: bool, server_hostname):
        self._sock = sock
        self._in, self._out = host_ssl.MemoryBIO(), host_ssl.MemoryBIO()
        self._obj: host_ssl.SSLObject | None = context.wrap_bio(
            self._in, self._out, server_side=server_side, server_hostname=server_hostname)
        self._unsent = b""

    def __repr__(self):
        return "<SSLSocket>"

    def _session(self) -> host_ssl.SSLObject:
        if self._obj is None:
            raise fail(EBADF)
        return self._obj

    def _flush(self) -> bool:
        """Send the records the session produced; False if the socket would block."""
        self._unsent += self._out.read()
        host = self._sock._host()
        while self._unsent:
            try:
                self._unsent = self._unsent[host.send(self._unsent):]
            except (BlockingIOError, InterruptedError):
                if not self._sock._wait(POLLOUT):
                    return False
            except OSError as exc:
                raise firmware_error(exc) from None
        return True

    def _fill(self) -> bool:
        """Feed the session what the socket received; False if nothing is there yet."""
        host = self._sock._host()
        while True:
            try:
                data = host.recv(16384)
            except (BlockingIOError, InterruptedError):
                if not self._sock._wait(POLLIN):
                    return False
                continue
            except OSError as exc:
                raise firmware_error(exc) from None
            if data:
                self._in.write(data)
            else:
                self._in.write_eof()
            return True

    def _run(self, operation, blocking_anyway: bool = False):
        """``operation()`` on the session, moving records as it needs; OSError(EAGAIN) when
        the socket is non-blocking and would block, ETIMEDOUT when its timeout passed
        (``blocking_anyway``: wrap_socket's handshake, which always completes)."""
        saved = self._sock._timeout
        if blocking_anyway:
            self._sock._timeout = None
        try:
            while True:
                if not self._flush():
                    raise fail(EAGAIN if self._sock._timeout == 0 else ETIMEDOUT)
                try:
                    result = operation()
                except host_ssl.SSLWantReadError:
                    if not self._flush() or not self._fill():
                        raise fail(EAGAIN if self._sock._timeout == 0 else ETIMEDOUT) \
                            from None
                    continue
                except (host_ssl.SSLError, OSError) as exc:
                    raise _tls_error(exc) from None
                self._flush()
                return result
        finally:
            self._sock._timeout = saved

    def _handshake(self) -> None:
        self._run(self._session().do_handshake, blocking_anyway=True)

    def _read_once(self, size: int) -> bytes | None:
        def read():
            try:
                return self._session().read(size)
            except (host_ssl.SSLZeroReturnError, host_ssl.SSLEOFError):
                return b""  # the peer ended the session (or just the connection): EOF
        try:
            return self._run(read)
        except OSError as exc:
            if exc.errno == EAGAIN:
                return None
            raise

    def read(self, size=-1):
        return stream_read(self._read_once, size, self._sock._timeout == 0)

    def recv(self, size):
        return self._read_once(int(size))

    def readinto(self, buf, nbytes=None):
        return stream_readinto(self._read_once, buf, nbytes)

    recv_into = readinto

    def readline(self):
        line = bytearray()
        while not line.endswith(b"\n"):
            chunk = self._read_once(1)
            if chunk is None:
                return bytes(line) if line else None
            if not chunk:
                break
            line += chunk
        return bytes(line)

    def _write_once(self, data) -> int | None:
        try:
            return self._run(lambda: self._session().write(data))
        except OSError as exc:
            if exc.errno == EAGAIN:
                return None
            raise

    def send(self, data):
        return self._write_once(buffer_bytes(data))

    def write(self, data):
        data = buffer_bytes(data)
        return self._write_once(data) if data else 0

    sendall = write

    def setblocking(self, flag):
        self._sock.setblocking(flag)

    def close(self):
        if self._obj is not None:
            self._obj = None
            self._sock.close()

    __del__ = close

    def getpeercert(self, binary_form=False):
        return self._session().getpeercert(binary_form=True)

    def cipher(self):
        name, version, _bits = self._session().cipher()
        return (name, version)

    _mpt_host_io = True  # select.poll: the host makes it ready (select_mod)

    def _mpt_poll(self, events: int) -> int:
        if self._obj is None:
            return POLLNVAL
        ready = 0
        if events & POLLIN and (self._obj.pending() or self._in.pending):
            ready |= POLLIN
        return ready | self._sock._mpt_poll(events)
