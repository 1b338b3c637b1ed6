"""The host side of a board's sockets: where they are created, bound and connected.

The guest's socket module (guest/socket_module.py) keeps the MicroPython semantics and
asks a ``HostNet`` for the operations that choose an address: creating a socket, bind,
listen, connect and sendto. Two implementations, one interface:

* ``DirectNet``: in this process, through the host's socket module, after the board's
  NetPolicy (netpolicy.py) allowed the address. Used when the process is not confined
  (the Python API, tests) or is confined with the network granted (``--net``).
* ``netbroker.BrokeredNet``: the confined board process may not create inet sockets nor
  call connect/bind/listen/sendto-with-an-address (seccomp); a helper process started
  before confinement does those after applying the same policy, and hands the socket over.

Every socket a HostNet gives out is non-blocking on the host: the guest module waits for
readiness itself, so Ctrl-C and the board's callbacks run while a guest blocks.
"""

from __future__ import annotations

import socket as host_socket

from mpt.runtime.board.netpolicy import NetPolicy, numeric_address

FAMILIES = (host_socket.AF_INET, host_socket.AF_INET6)
TYPES = (host_socket.SOCK_STREAM, host_socket.SOCK_DGRAM)
EINVAL = 22


class HostNet:
    """What the guest's sockets need from the host (see the module docstring)."""

    policy: NetPolicy

    def socket(self, family: int, kind: int) -> host_socket.socket:
        raise NotImplementedError

    def bind(self, sock: host_socket.socket, host: str, port: int) -> None:
        raise NotImplementedError

    def listen(self, sock: host_socket.socket, backlog: int) -> None:
        raise NotImplementedError

    def connect(self, sock: host_socket.socket, host: str, port: int) -> int:
        """Start a connection; returns 0 or the errno of connect_ex (EINPROGRESS...)."""
        raise NotImplementedError

    def sendto(self, sock: host_socket.socket, data: bytes, host: str, port: int) -> int:
        raise NotImplementedError

    def close(self, sock: host_socket.socket) -> None:
        sock.close()

    def resolve(self, host: str, port: int, family: int = 0) -> list[tuple[int, str]]:
        """(family, numeric address) pairs for ``host``: numeric hosts and "localhost"
        without asking anyone, other names through the host's resolver when the policy
        allows it; [] when the name is not known."""
        if host == "":
            host = "0.0.0.0"
        address = numeric_address(host)
        if address is not None:
            fam = host_socket.AF_INET6 if address.version == 6 else host_socket.AF_INET
            return [(fam, str(address))]
        if host.lower() == "localhost":
            return [(host_socket.AF_INET, "127.0.0.1")]
        if not self.policy.may_resolve(host):
            return []
        try:
            infos = host_socket.getaddrinfo(host, port, family, host_socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return []
        return [(int(info[0]), str(info[4][0])) for info in infos]


def check_kind(family: int, kind: int) -> None:
    if family not in FAMILIES or kind not in TYPES:
        raise OSError(EINVAL)


class DirectNet(HostNet):
    """Sockets made in this process, their addresses checked against ``policy``."""

    def __init__(self, policy: NetPolicy):
        self.policy = policy

    def socket(self, family: int, kind: int) -> host_socket.socket:
        check_kind(family, kind)
        sock = host_socket.socket(family, kind)
        sock.setblocking(False)
        return sock

    def bind(self, sock: host_socket.socket, host: str, port: int) -> None:
        sock.bind((self.policy.bind_address(host, sock.family == host_socket.AF_INET6), port))

    def listen(self, sock: host_socket.socket, backlog: int) -> None:
        if not self.policy.open and sock.getsockname()[1] == 0:
            self.bind(sock, "", 0)  # an unbound socket would listen on every interface
        sock.listen(backlog)

    def connect(self, sock: host_socket.socket, host: str, port: int) -> int:
        return sock.connect_ex((self.policy.destination(host), port))

    def sendto(self, sock: host_socket.socket, data: bytes, host: str, port: int) -> int:
        return sock.sendto(data, (self.policy.destination(host), port))
