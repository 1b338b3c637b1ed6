"""The guest's `hashlib` module: sha256, sha1, md5 with update()/digest()."""

from __future__ import annotations

import hashlib


def _make(algo: str):
    class Hash:
        def __init__(self, data=None):
            self._h = hashlib.new(algo)
            self._final = False
            if data is not None:
                self._h.update(data)

        def update(self, data):
            if self._final:  # MicroPython's hashes are finished by digest()
                raise ValueError("hash is final")
            self._h.update(data)

        def digest(self):
            if self._final:
                raise ValueError("hash is final")
            self._final = True
            return self._h.digest()

    Hash.__name__ = Hash.__qualname__ = algo
    Hash.__module__ = "builtins"
    return Hash


def make_module(ctx):
    return {"sha256": _make("sha256"), "sha1": _make("sha1"), "md5": _make("md5")}
