"""The network broker: sockets for a confined board process, made outside it.

A confined board process (confine.py) may not create inet sockets, nor call connect, bind,
listen, sendmsg, or sendto with a destination address (its seccomp program refuses them),
so a guest that got past mpt's in-process checks still cannot reach beyond what the
board's NetPolicy grants. The sockets the guest's socket module needs come from a helper
process forked before confinement, which:

* creates a TCP or UDP socket and hands its descriptor over an AF_UNIX socketpair
  (SCM_RIGHTS); the board process reads and writes it, polls it, accepts on it;
* binds, listens, connects and sends datagrams to an address on its own copy of that
  socket (the same socket), after checking the address against the same NetPolicy;
* closes its copy once a TCP socket connects or listens (the board process's copy is then
  the only one: its close ends the connection), or when the board process closes the
  socket; and ends when the board process does (its end of the socketpair closes).

Requests and answers are JSON objects (never pickle: the board process is not trusted),
one per SOCK_SEQPACKET message; a datagram's payload follows its request's header line.
The broker itself runs confined too (no files but the interpreter's, no processes).
"""

from __future__ import annotations

import json
import os
import signal
import socket as host_socket
import threading

from mpt.runtime.board.hostnet import FAMILIES, TYPES, HostNet
from mpt.runtime.board.netpolicy import NetPolicy, numeric_address

MAX_SOCKETS = 64          # what one board may hold open through the broker
MAX_MESSAGE = 70_000      # a datagram's payload (64 KiB) and its header
EBADF, EINVAL, EMFILE, EPROTO = 9, 22, 24, 71


class BrokerError(OSError):
    """The broker is gone or answered nonsense."""


# --- the board process's side ----------------------------------------------------------
class BrokeredNet(HostNet):
    """HostNet over the broker: each operation is one request and one answer."""

    def __init__(self, channel: host_socket.socket, policy: NetPolicy, pid: int = 0):
        self.policy = policy
        self._channel = channel
        self._pid = pid
        self._ids: dict[int, int] = {}   # host fd in this process -> the broker's id
        self._lock = threading.Lock()
        self._owner: int | None = None   # the thread between a request and its answer
        self._deferred: list[int] = []   # closes asked for while a request was under way

    def _exchange(self, message: bytes) -> tuple[dict, list[int]]:
        try:
            self._channel.sendall(message)
            data, fds, _flags, _addr = host_socket.recv_fds(self._channel, 4096, 1)
        except OSError as exc:
            raise BrokerError(EPROTO, f"network broker: {exc}") from None
        if not data:
            raise BrokerError(EPROTO, "network broker: gone")
        return json.loads(data), fds

    def _ask(self, request: dict, payload: bytes = b"") -> tuple[dict, list[int]]:
        message = json.dumps(request).encode() + b"\n" + payload
        with self._lock:
            self._owner = threading.get_ident()
            try:
                while self._deferred:
                    self._exchange(_close_request(self._deferred.pop()))
                answer, fds = self._exchange(message)
            finally:
                self._owner = None
        if "errno" in answer:
            for fd in fds:
                os.close(fd)
            raise OSError(int(answer["errno"]), os.strerror(int(answer["errno"])))
        if answer.get("released"):   # the broker no longer holds this socket
            self._ids = {fd: i for fd, i in self._ids.items() if i != request.get("id")}
        return answer, fds

    def _id(self, sock: host_socket.socket) -> int:
        ident = self._ids.get(sock.fileno())
        if ident is None:
            raise OSError(EBADF, "socket not made by the broker")
        return ident

    def socket(self, family: int, kind: int) -> host_socket.socket:
        answer, fds = self._ask({"op": "socket", "family": family, "type": kind})
        if len(fds) != 1:
            raise BrokerError(EPROTO, "network broker: no descriptor")
        sock = host_socket.socket(fileno=fds[0])
        sock.setblocking(False)
        self._ids[sock.fileno()] = int(answer["id"])
        return sock

    def bind(self, sock: host_socket.socket, host: str, port: int) -> None:
        self._ask({"op": "bind", "id": self._id(sock), "host": host, "port": port})

    def listen(self, sock: host_socket.socket, backlog: int) -> None:
        self._ask({"op": "listen", "id": self._id(sock), "backlog": backlog})

    def connect(self, sock: host_socket.socket, host: str, port: int) -> int:
        self.policy.destination(host)   # checked here, and again by the broker
        answer, _ = self._ask({"op": "connect", "id": self._id(sock), "host": host,
                               "port": port})
        return int(answer["result"])

    def sendto(self, sock: host_socket.socket, data: bytes, host: str, port: int) -> int:
        self.policy.destination(host)
        answer, _ = self._ask({"op": "sendto", "id": self._id(sock), "host": host,
                               "port": port}, data)
        return int(answer["sent"])

    def close(self, sock: host_socket.socket) -> None:
        ident = self._ids.pop(sock.fileno(), None) if sock.fileno() >= 0 else None
        sock.close()
        if ident is None:
            return
        if self._owner == threading.get_ident():
            # a socket collected (__del__) in the middle of this thread's own request:
            # the broker's copy closes with the next request
            self._deferred.append(ident)
            return
        try:
            self._ask({"op": "close", "id": ident})
        except OSError:
            pass


def _close_request(ident: int) -> bytes:
    return json.dumps({"op": "close", "id": ident}).encode() + b"\n"


_READY = b"ready"
READY_SECONDS = 30.0


def start_broker(policy: NetPolicy, confine_broker=None) -> BrokeredNet | None:
    """Fork the broker (call before this process confines itself); ``confine_broker()``
    runs in the broker before it serves (it confines the broker's own process). Returns
    once the broker is confined and serving; None if it did not get that far."""
    ours, theirs = host_socket.socketpair(host_socket.AF_UNIX, host_socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:  # the broker
        status = 0
        try:
            # Ctrl-C is the guest's (its KeyboardInterrupt may close sockets yet): the
            # broker ends only when the board process does
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            ours.close()
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):   # it must not hold the terminal or a caller's pipe open
                os.dup2(null, fd)
            _close_other_fds(theirs.fileno())
            if confine_broker is not None:
                confine_broker()
            theirs.send(_READY)  # confined: the board may go on
            serve(theirs, policy)
        except BaseException:  # noqa: BLE001 - the broker's end, whatever happened
            status = 1
        os._exit(status)
    theirs.close()
    # the board's guest starts only once the broker is confined (or has failed to start)
    ours.settimeout(READY_SECONDS)
    try:
        ready = ours.recv(len(_READY))
    except OSError:
        ready = b""
    ours.settimeout(None)
    if ready != _READY:
        ours.close()
        return None  # (the caller says so: mpt.runtime.board.confine)
    return BrokeredNet(ours, policy, pid)


def _close_other_fds(keep: int) -> None:
    """The broker holds only its channel (and stdio on /dev/null)."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for fd in fds:
        if fd > 2 and fd != keep:
            try:
                os.close(fd)
            except OSError:
                pass


# --- the broker's side --------------------------------------------------------------------
def serve(channel: host_socket.socket, policy: NetPolicy) -> None:
    """Answer requests until the board process closes its end."""
    sockets: dict[int, host_socket.socket] = {}
    next_id = 1
    while True:
        try:
            message = channel.recv(MAX_MESSAGE)
        except OSError:
            return
        if not message:
            return
        header, _, payload = message.partition(b"\n")
        fds: list[int] = []
        try:
            request = json.loads(header)
            if not isinstance(request, dict):
                raise OSError(EINVAL)
            op = request.get("op")
            if op == "socket":
                if len(sockets) >= MAX_SOCKETS:
                    raise OSError(EMFILE)
                family, kind = _int(request, "family"), _int(request, "type")
                if family not in FAMILIES or kind not in TYPES:
                    raise OSError(EINVAL)
                sock = host_socket.socket(family, kind)
                sock.setblocking(False)
                sockets[next_id] = sock
                answer: dict = {"id": next_id}
                fds = [sock.fileno()]
                next_id += 1
            else:
                found = sockets.get(_int(request, "id"))
                if found is None:
                    raise OSError(EBADF)
                sock = found
                answer = _operate(op, request, sock, payload, policy)
                if op == "close" or answer.get("released"):
                    # a TCP socket connecting or listening needs the broker no more: its
                    # copy closes, so the board's close() alone ends the connection
                    sockets.pop(request["id"]).close()
        except OSError as exc:
            answer, fds = {"errno": exc.errno if isinstance(exc.errno, int) else EINVAL}, []
        except (ValueError, KeyError, TypeError):
            answer, fds = {"errno": EINVAL}, []
        try:
            host_socket.send_fds(channel, [json.dumps(answer).encode()], fds) if fds else \
                channel.sendall(json.dumps(answer).encode())
        except OSError:
            return


def _int(request: dict, key: str) -> int:
    value = request[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise OSError(EINVAL)
    return value


def _address(request: dict) -> tuple[str, int]:
    host, port = request["host"], _int(request, "port")
    if not isinstance(host, str) or numeric_address(host) is None or not 0 <= port < 65536:
        raise OSError(EINVAL)
    return host, port


def _operate(op, request: dict, sock: host_socket.socket, payload: bytes,
             policy: NetPolicy) -> dict:
    if op == "bind":
        host, port = _address(request)
        sock.bind((policy.bind_address(host, sock.family == host_socket.AF_INET6), port))
        return {}
    if op == "listen":
        if sock.getsockname()[1] == 0:   # unbound: it would listen on every interface
            sock.bind((policy.bind_address("", sock.family == host_socket.AF_INET6), 0))
        sock.listen(max(1, min(_int(request, "backlog"), 128)))
        return {"released": True}
    if op == "connect":
        host, port = _address(request)
        result = sock.connect_ex((policy.destination(host), port))
        return {"result": result, "released": sock.type == host_socket.SOCK_STREAM}
    if op == "sendto":
        host, port = _address(request)
        return {"sent": sock.sendto(payload, (policy.destination(host), port))}
    if op == "close":
        sock.close()
        return {}
    raise OSError(EINVAL)

