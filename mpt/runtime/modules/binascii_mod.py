"""The guest's `binascii` module."""

from __future__ import annotations

import binascii


def make_module(ctx):
    def hexlify(data, sep=None):
        return binascii.hexlify(data, sep) if sep is not None else binascii.hexlify(data)

    def a2b_base64(data):
        try:
            return binascii.a2b_base64(data)
        except binascii.Error:
            raise ValueError("invalid padding") from None

    def unhexlify(data):
        try:
            return binascii.unhexlify(data)
        except binascii.Error:
            raise ValueError("odd-length string") from None

    def b2a_base64(data, newline=True):
        return binascii.b2a_base64(data, newline=newline)

    return {"hexlify": hexlify, "unhexlify": unhexlify, "a2b_base64": a2b_base64,
            "b2a_base64": b2a_base64, "crc32": binascii.crc32}
