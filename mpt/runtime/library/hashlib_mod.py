"""The guest's `hashlib` module: sha256, sha1 and md5 objects with update() and digest().

As in MicroPython, a hash is finished by digest(): a second digest() or a later update()
raises ValueError; there is no hexdigest() or copy(). (The webassembly port has sha256 only;
ESP32 and most boards also have sha1 and md5.)
"""

from __future__ import annotations

import hashlib

from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.buffers import buffer_bytes


class _Hash:
    """A hash object; each algorithm is a subclass naming it (_make)."""
    __slots__ = ("_h", "_final")
    _algo: str

    def __init__(self, *args):
        check_arity(args, 0, 1)
        self._h = hashlib.new(self._algo)
        self._final = False
        if args:
            self._h.update(buffer_bytes(args[0]))

    def update(self, data):
        if self._final:
            raise ValueError("hash is final")
        self._h.update(buffer_bytes(data))

    def digest(self):
        if self._final:
            raise ValueError("hash is final")
        self._final = True
        return self._h.digest()


def _make(algo: str) -> type:
    """The guest's class for ``algo`` (one per interpreter: interpreters share no class)."""
    return type(algo, (_Hash,), {"__slots__": (), "_algo": algo, "__module__": "builtins"})


def make_module(ctx):
    return {"sha256": _make("sha256"), "sha1": _make("sha1"), "md5": _make("md5")}
