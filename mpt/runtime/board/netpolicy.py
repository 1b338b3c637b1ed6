"""Where an emulated board's sockets may reach: the one owner of that rule.

Without ``--net`` (``NetPolicy(open=False)``) the board's network is the host's loopback
interface and nothing else: a socket may connect or send only to 127.0.0.0/8 or ::1, and
a bind to any other address (the wildcard 0.0.0.0, the board's own WLAN address, ...) binds
the host's loopback address instead, so a guest server is reachable from this machine only.
With ``--net`` (``open=True``) addresses pass through unchanged.

A destination the policy refuses fails as on a board whose network has no route to it:
``OSError(EHOSTUNREACH)`` (lwIP's ERR_RTE, which modlwip maps to MP_EHOSTUNREACH).

Both the guest's socket module (in the board process) and the network broker (the
unconfined helper process that creates the confined board's sockets, netbroker.py) apply
this same policy, so bypassing the first leaves the second.
"""

from __future__ import annotations

import ipaddress

EHOSTUNREACH = 113
EINVAL = 22
LOOPBACK_V4 = "127.0.0.1"
LOOPBACK_V6 = "::1"


def refusal() -> OSError:
    """The error of a destination outside what the policy grants: a host OSError with
    errno EHOSTUNREACH (the guest sees OSError(EHOSTUNREACH), one argument, as the
    firmware raises it)."""
    return OSError(EHOSTUNREACH, "No route to host")


def numeric_address(host: str):
    """The ipaddress object for a numeric host, or None for a name."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    address = numeric_address(host)
    return address is not None and address.is_loopback


class NetPolicy:
    """open: the guest may reach any address (``--net``); otherwise loopback only."""

    def __init__(self, open: bool = False):  # noqa: A002 - the policy's one switch
        self.open = bool(open)

    def __repr__(self) -> str:
        return f"NetPolicy(open={self.open})"

    def destination(self, host: str) -> str:
        """``host`` (numeric) if a socket may connect or send to it, else refusal()."""
        if self.open or is_loopback(host):
            return host
        raise refusal()

    def bind_address(self, host: str, family_v6: bool = False) -> str:
        """The host address a bind to ``host`` becomes: unchanged with --net, loopback
        itself, else the loopback address of the family."""
        if self.open or is_loopback(host):
            return host
        return LOOPBACK_V6 if family_v6 else LOOPBACK_V4

    def may_resolve(self, host: str) -> bool:
        """Whether names may be looked up through the host's resolver (which may ask a DNS
        server beyond the machine): only with --net. Numeric hosts and "localhost" need no
        lookup."""
        return self.open
