"""The guest's `json` module."""

from __future__ import annotations

import json


def make_module(ctx):
    def as_json(obj):
        if isinstance(obj, (bytes, bytearray)):  # MicroPython writes bytes as a string
            return bytes(obj).decode("utf-8", "replace")
        raise TypeError

    def dumps(obj, separators=None):
        try:
            return json.dumps(obj, separators=separators, default=as_json)
        except TypeError:
            raise TypeError("can't convert to json") from None

    def loads(text):
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode()
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise ValueError("syntax error in JSON") from None

    def dump(obj, stream, separators=None):
        stream.write(dumps(obj, separators))

    def load(stream):
        return loads(stream.read())

    return {"dumps": dumps, "loads": loads, "dump": dump, "load": load}
