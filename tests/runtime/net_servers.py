"""Host-side servers on 127.0.0.1 (port 0) for the networking programs of programs_net/:
the same servers for the tests (test_network.py) and for recording the expected outputs
from real MicroPython (record_net_expected.py). Each is a context manager giving its port;
every server thread ends when the block does."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import socket
import ssl
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs_net")
# a self-signed certificate for "localhost" (made once with `openssl req -x509`), and its key
TLS_CERT = os.path.join(HERE, "data", "net_localhost_cert.pem")
TLS_KEY = os.path.join(HERE, "data", "net_localhost_key.pem")


def free_port() -> int:
    """A TCP port nobody listens on now (for a program that serves on it itself)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve_threads(target, *args) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def tcp_echo():
    """Echoes what each connection sends until it closes its side, then closes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def one(conn):
        with conn:
            while True:
                data = conn.recv(4096)
                if not data:
                    return
                conn.sendall(data)

    def accept():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            _serve_threads(one, conn)

    thread = _serve_threads(accept)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(10)


@contextlib.contextmanager
def udp_echo():
    """Answers each datagram with b"echo:" + the datagram, to its sender."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        while True:
            data, peer = sock.recvfrom(65536)
            if stop.is_set():
                return
            sock.sendto(b"echo:" + data, peer)

    thread = _serve_threads(serve)
    try:
        yield sock.getsockname()[1]
    finally:
        stop.set()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as waker:
            waker.sendto(b"", sock.getsockname())   # wakes the thread, which then ends
        thread.join(10)
        sock.close()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def _reply(self, status: int, body: bytes, kind: str = "text/plain",
               chunked: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if chunked:
            for start in range(0, len(body), 7):
                part = body[start:start + 7]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/hello":
            self._reply(200, b"hello from the host")
        elif self.path == "/data.json":
            self._reply(200, json.dumps({"board": "emulated", "n": [1, 2, 3]}).encode(),
                        "application/json")
        elif self.path == "/chunked":
            self._reply(200, b"a body sent in chunks of seven bytes", chunked=True)
        elif self.path.startswith("/query?"):
            self._reply(200, self.path.split("?", 1)[1].encode())
        else:
            self._reply(404, b"not here")

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        kind = self.headers.get("Content-Type", "")
        self._reply(201, b"got " + kind.encode() + b": " + body)


@contextlib.contextmanager
def http_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = _serve_threads(server.serve_forever)
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@contextlib.contextmanager
def tls_echo():
    """A TLS server (the localhost certificate): answers each connection's first line with
    b"echo " + that line, then closes."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS_CERT, TLS_KEY)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def one(conn):
        try:
            with context.wrap_socket(conn, server_side=True) as tls:
                line = b""
                while not line.endswith(b"\n"):
                    part = tls.recv(100)
                    if not part:
                        break
                    line += part
                tls.sendall(b"echo " + line)
        except (OSError, ssl.SSLError):
            pass  # a client that refused our certificate

    def accept():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            _serve_threads(one, conn)

    thread = _serve_threads(accept)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(10)


# each program of programs_net/ and the servers it talks to (their ports are its arguments,
# in this order; "free" is a port the program serves on itself)
PROGRAM_SERVERS = {
    "tcp_client.py": ("tcp_echo",),
    "tcp_pair_nonblocking.py": ("free",),
    "udp.py": ("udp_echo", "free"),
    "asyncio_streams.py": ("free", "tcp_echo"),
    "http_requests.py": ("http_server",),
    "socket_constructor_args.py": (),
}
SERVERS = {"tcp_echo": tcp_echo, "udp_echo": udp_echo, "http_server": http_server,
           "tls_echo": tls_echo}


@contextlib.contextmanager
def servers_for(program: str):
    """The ports (as strings, the program's arguments) of the servers ``program`` needs,
    running for the block."""
    with contextlib.ExitStack() as stack:
        ports = [str(free_port()) if name == "free" else str(stack.enter_context(
            SERVERS[name]())) for name in PROGRAM_SERVERS[program]]
        yield ports
