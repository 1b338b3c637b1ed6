"""The guest's `ssl` module: the interface CPython's ssl has, over the `tls` module.

On the firmware this is micropython-lib's small `ssl` package, frozen: ssl.SSLContext wraps
tls.SSLContext but starts at CERT_NONE, its load_cert_chain/load_verify_locations also
take file names (read from the board's file system), and ssl.wrap_socket(sock,
server_side=False, key=None, cert=None, cert_reqs=CERT_NONE, cadata=None,
server_hostname=None, do_handshake=True) makes a context for one socket.
"""

from __future__ import annotations

from mpt.runtime.board.guest.hardware import guest_classes
from mpt.runtime.library.guestclass import copy_class
from mpt.runtime.board.guest import tls_module
from mpt.runtime.board.guest.tls_module import (CERT_NONE, PROTOCOL_TLS_CLIENT,
                                                PROTOCOL_TLS_SERVER)


class SSLContext:  # noqa: D101 - the guest's type
    # one interpreter's, set by copy_class in make_module: tls.SSLContext, and a reader of
    # the board's files (staticmethods: plain functions, not methods of the context)
    _tls_context = None
    _read_guest_file = None

    def __init__(self, *args):
        self._context = type(self)._tls_context(*args)
        self._context.verify_mode = CERT_NONE

    @property
    def verify_mode(self):
        return self._context.verify_mode

    @verify_mode.setter
    def verify_mode(self, value):
        self._context.verify_mode = value

    def load_cert_chain(self, certfile, keyfile):
        if isinstance(certfile, str):
            certfile = type(self)._read_guest_file(certfile)
        if isinstance(keyfile, str):
            keyfile = type(self)._read_guest_file(keyfile)
        self._context.load_cert_chain(certfile, keyfile)

    def load_verify_locations(self, cafile=None, cadata=None):
        if cafile:
            cadata = type(self)._read_guest_file(cafile)
        self._context.load_verify_locations(cadata)

    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True,
                    server_hostname=None):
        return self._context.wrap_socket(sock, server_side=server_side,
                                         do_handshake_on_connect=do_handshake_on_connect,
                                         server_hostname=server_hostname)


def make_module(ctx):
    tls = tls_module.make_module(ctx)
    runtime = ctx.interpreter.runtime

    def read_guest_file(name) -> bytes:
        builtins = runtime.import_name("builtins", None, 0, {})
        handle = ctx.call_guest(builtins.open, name, "rb")
        try:
            return ctx.call_guest(handle.read)
        finally:
            ctx.call_guest(handle.close)

    context_class = copy_class(SSLContext, "SSLContext",
                               _tls_context=staticmethod(tls["SSLContext"]),
                               _read_guest_file=staticmethod(read_guest_file))

    def wrap_socket(sock, server_side=False, key=None, cert=None, cert_reqs=CERT_NONE,
                    cadata=None, server_hostname=None, do_handshake=True):
        context = context_class(PROTOCOL_TLS_SERVER if server_side else PROTOCOL_TLS_CLIENT)
        if cert or key:
            context.load_cert_chain(cert, key)
        if cadata:
            context.load_verify_locations(cadata=cadata)
        context.verify_mode = cert_reqs
        return context.wrap_socket(sock, server_side=server_side,
                                   do_handshake_on_connect=do_handshake,
                                   server_hostname=server_hostname)

    attrs = {name: value for name, value in tls.items() if name != "SSLContext"}
    attrs.update(SSLContext=context_class, wrap_socket=wrap_socket)
    return guest_classes(attrs)
