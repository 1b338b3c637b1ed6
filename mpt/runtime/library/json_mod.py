"""The guest's `json` module, as MicroPython's extmod/modjson.c behaves.

dumps() prints the value in MicroPython's "JSON" print mode: non-ASCII text is written raw,
only control characters are escaped, dict keys that are not strings are quoted, tuples become
lists, and values JSON has no form for are written as their repr. loads() is MicroPython's
lenient one-pass parser: commas and colons count as white space, so '[1 2]' and '{"a"}' parse.
"""

from __future__ import annotations

import io
from functools import partial

from mpt.runtime.vm.floatformat import float_of_text
from mpt.runtime.vm.hashorder import micropython_order
from mpt.runtime.library.arity import check_arity, check_keywords
from mpt.runtime.vm.objects import mp_repr
from mpt.runtime.library.files import _File
from mpt.runtime.library.io_mod import IOBase, _MemoryStream
from mpt.runtime.library.iobase_stream import read_byte

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _json_str(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch < " ":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class _Printer:
    def __init__(self, item_sep: str, key_sep: str):
        self.item_sep = item_sep
        self.key_sep = key_sep

    def text(self, value) -> str:
        parts: list[str] = []
        self._emit(value, parts)
        return "".join(parts)

    def _emit(self, value, out: list) -> None:
        t = type(value)
        if value is None:
            out.append("null")
        elif t is bool:
            out.append("true" if value else "false")
        elif t is str:
            out.append(_json_str(value))
        elif t is bytes:
            out.append(_json_str(value.decode("utf-8", "replace")))
        elif t is list or t is tuple or (isinstance(value, tuple) and t.__repr__ is tuple.__repr__):
            out.append("[")
            for i, item in enumerate(value):
                if i:
                    out.append(self.item_sep)
                self._emit(item, out)
            out.append("]")
        elif isinstance(value, dict):
            keys = (micropython_order(value) or value) if t is dict else value
            out.append("{")
            for i, key in enumerate(keys):
                if i:
                    out.append(self.item_sep)
                if isinstance(key, (str, bytes)):
                    self._emit(key, out)
                else:
                    out.append('"')
                    self._emit(key, out)
                    out.append('"')
                out.append(self.key_sep)
                self._emit(value[key], out)
            out.append("}")
        else:
            out.append(mp_repr(value))


def _printer(separators) -> _Printer:
    if separators is None:
        return _Printer(", ", ": ")
    if not isinstance(separators, (tuple, list)):
        raise TypeError(f"object '{type(separators).__name__}' isn't a tuple or list")
    if len(separators) != 2:
        raise ValueError(f"requested length 2 but object has length {len(separators)}")
    for sep in separators:
        if not isinstance(sep, str):
            raise TypeError(f"can't convert '{type(sep).__name__}' object to str implicitly")
    return _Printer(separators[0], separators[1])


def _check_kwargs(kwargs) -> object:
    check_keywords(kwargs, ("separators",))
    return kwargs.get("separators")


def _is_stream(obj) -> bool:
    return isinstance(obj, (io.IOBase, _File, IOBase, _MemoryStream))


def _stream_error() -> OSError:
    return OSError("stream operation not supported")


def dumps(*args, **kwargs):
    separators = _check_kwargs(kwargs)
    check_arity(args, 1)
    if len(args) > 1:
        raise TypeError("extra positional arguments given")
    return _printer(separators).text(args[0])


def dump(*args, **kwargs):
    separators = _check_kwargs(kwargs)
    check_arity(args, 2)
    if len(args) > 2:
        raise TypeError("extra positional arguments given")
    obj, stream = args
    printer = _printer(separators)
    if not _is_stream(stream):
        raise _stream_error()
    text = printer.text(obj)
    if isinstance(stream, IOBase):  # a guest stream gets the bytes, as MicroPython gives them
        stream.write(bytearray(text.encode("utf-8")))
    elif isinstance(stream, (io.BytesIO, io.RawIOBase, io.BufferedIOBase)):
        stream.write(text.encode("utf-8"))
    else:
        stream.write(text)


def loads(data):
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
    else:
        try:
            raw = memoryview(data).cast("B").tobytes()
        except TypeError:
            raise TypeError("object with buffer protocol required") from None
    return _Parser(raw).parse()


def load(stream):
    if not _is_stream(stream):
        raise _stream_error()
    if isinstance(stream, IOBase):  # its readinto, one byte at a time (extmod/modjson.c)
        data = b"".join(iter(partial(read_byte, stream), b""))
    else:
        data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return _Parser(bytes(data or b"")).parse()


class _SyntaxError(Exception):
    pass


_WHITESPACE = b",: \t\n\r"
_SIMPLE_ESCAPES = {ord("b"): 0x08, ord("f"): 0x0C, ord("n"): 0x0A, ord("r"): 0x0D, ord("t"): 0x09}
_NUMBER_CHARS = frozenset(b"0123456789+-.eE")


class _Parser:
    """A transcription of MicroPython's stack-based parser, over bytes."""

    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def parse(self):
        try:
            return self._parse()
        except _SyntaxError:
            raise ValueError("syntax error in JSON") from None

    def _literal(self, rest: bytes, value):
        end = self.pos + len(rest)
        if self.data[self.pos:end] != rest:
            raise _SyntaxError
        self.pos = end
        return value

    def _string(self) -> str:
        data, n = self.data, len(self.data)
        buf = bytearray()
        pos = self.pos
        while pos < n and data[pos] != 0x22 and data[pos] != 0:
            c = data[pos]
            if c == 0x5C:
                pos += 1
                c = data[pos] if pos < n else 0
                if c == ord("u"):
                    num = 0
                    for _ in range(4):
                        pos += 1
                        d = ((data[pos] if pos < n else 0) | 0x20) - 0x30
                        if d > 9:
                            d -= 0x61 - 0x3A
                        num = ((num << 4) | (d & 0xFF)) & 0xFFFFFFFF
                    buf += chr(num & 0x1FFFFF if num < 0x110000 else 0xFFFD).encode(
                        "utf-8", "surrogatepass")
                    pos += 1
                    continue
                c = _SIMPLE_ESCAPES.get(c, c)
            buf.append(c)
            pos += 1
        if pos >= n or data[pos] == 0:
            raise _SyntaxError
        self.pos = pos + 1
        try:
            return buf.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return buf.decode("utf-8", "replace")

    def _number(self, first: int):
        data, n = self.data, len(self.data)
        start = self.pos - 1
        pos = self.pos
        is_float = False
        while pos < n and data[pos] in _NUMBER_CHARS:
            if data[pos] in b".eE":
                is_float = True
            pos += 1
        self.pos = pos
        text = data[start:pos].decode("ascii")
        if is_float:
            return float_of_text(text)  # py/parsenum.c, in the build's precision
        try:
            return int(text)
        except ValueError:
            digits = text[1:] if text[:1] in "+-" else text
            raise ValueError(f"invalid syntax for integer with base 10: {digits!r}") from None

    def _parse(self):
        data, n = self.data, len(self.data)
        stack = []
        top = None
        top_is_list = False
        have_top = False
        key = _NO_KEY
        while True:
            if self.pos >= n or data[self.pos] == 0:
                raise _SyntaxError
            cur = data[self.pos]
            self.pos += 1
            enter = False
            if cur in _WHITESPACE:
                continue
            if cur == 0x6E:  # n
                value = self._literal(b"ull", None)
            elif cur == 0x66:  # f
                value = self._literal(b"alse", False)
            elif cur == 0x74:  # t
                value = self._literal(b"rue", True)
            elif cur == 0x22:
                value = self._string()
            elif cur == 0x2D or 0x30 <= cur <= 0x39:
                value = self._number(cur)
            elif cur == 0x5B:
                value, enter = [], True
            elif cur == 0x7B:
                value, enter = {}, True
            elif cur == 0x5D or cur == 0x7D:
                if not have_top:
                    raise _SyntaxError
                if not stack:
                    return self._finish(top, stack)
                top = stack.pop()
                top_is_list = type(top) is list
                continue
            else:
                raise _SyntaxError
            if not have_top:
                top, have_top = value, True
                top_is_list = type(top) is list
                if not enter:
                    return self._finish(top, stack)
                continue
            if top_is_list:
                top.append(value)
            elif key is _NO_KEY:
                key = value
                if enter:
                    raise _SyntaxError
            else:
                try:
                    top[key] = value
                except TypeError:
                    raise TypeError(f"unsupported type for __hash__: '{type(key).__name__}'") \
                        from None
                key = _NO_KEY
            if enter:
                stack.append(top)
                top = value
                top_is_list = type(top) is list

    def _finish(self, top, stack):
        data, n = self.data, len(self.data)
        while self.pos < n and data[self.pos] in b" \t\n\r\x0b\x0c":
            self.pos += 1
        if self.pos < n and data[self.pos] != 0:
            raise _SyntaxError
        if stack:
            raise _SyntaxError
        return top


_NO_KEY = object()


def make_module(ctx):
    return {"dump": dump, "dumps": dumps, "load": load, "loads": loads}
