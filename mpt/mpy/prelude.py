"""The prelude at the start of a bytecode function's fun_data: decoding, and encoding its parts.

Layout (MicroPython 1.29, py/bc.h):

    signature   var-length: n_state, n_exc_stack, scope_flags, n_pos_args, n_kwonly_args,
                n_def_pos_args packed bit-wise
    size        var-length: n_info, n_cell
    code info   n_info bytes: simple-name qstr index, one qstr index per positional and
                keyword-only argument ("*" for unnamed slots), then the line-number table
    cells       n_cell bytes: the locals that become cells
    bytecode    the rest

Qstr indices are var-uints into the module's qstr table. The emitter writes the signature, the
sizes and the line-number table through the encoders here; the disassembler and the VM read
the whole prelude back with decode_prelude, in one pass.
"""

from __future__ import annotations

from bisect import bisect_right

from mpt.errors import MpyFormatError
from mpt.mpy.varint import read_var_uint

SCOPE_FLAG_GENERATOR = 0x01
SCOPE_FLAG_VARKEYWORDS = 0x02
SCOPE_FLAG_VARARGS = 0x04
SCOPE_FLAG_DEFKWARGS = 0x08

SCOPE_FLAG_NAMES = (
    (SCOPE_FLAG_GENERATOR, "GENERATOR"),
    (SCOPE_FLAG_VARKEYWORDS, "VARKEYWORDS"),
    (SCOPE_FLAG_VARARGS, "VARARGS"),
    (SCOPE_FLAG_DEFKWARGS, "DEFKWARGS"),
)


class _Record:
    """Value equality and a dataclass-like repr over ``__slots__`` (plain classes rather than
    dataclasses: creating dataclasses costs start-up time on every `mpt compile`)."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Record)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        args = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({args})"


class Signature(_Record):
    __slots__ = ("n_state", "n_exc_stack", "scope_flags", "n_pos_args", "n_kwonly_args",
                 "n_def_pos_args")

    def __init__(self, n_state: int, n_exc_stack: int, scope_flags: int, n_pos_args: int,
                 n_kwonly_args: int, n_def_pos_args: int) -> None:
        self.n_state = n_state
        self.n_exc_stack = n_exc_stack
        self.scope_flags = scope_flags
        self.n_pos_args = n_pos_args
        self.n_kwonly_args = n_kwonly_args
        self.n_def_pos_args = n_def_pos_args


class Prelude(_Record):
    __slots__ = ("n_state", "n_exc_stack", "scope_flags", "n_pos_args", "n_kwonly_args",
                 "n_def_pos_args", "n_info", "n_cell", "simple_name", "arg_names", "line_info",
                 "line_info_offset", "cells", "code_offset", "lines")

    def __init__(self, n_state: int, n_exc_stack: int, scope_flags: int, n_pos_args: int,
                 n_kwonly_args: int, n_def_pos_args: int, n_info: int, n_cell: int,
                 simple_name: int, arg_names: list[int], line_info: bytes,
                 line_info_offset: int, cells: list[int], code_offset: int,
                 lines: list[tuple[int, int]]) -> None:
        self.n_state = n_state
        self.n_exc_stack = n_exc_stack
        self.scope_flags = scope_flags
        self.n_pos_args = n_pos_args
        self.n_kwonly_args = n_kwonly_args
        self.n_def_pos_args = n_def_pos_args
        self.n_info = n_info
        self.n_cell = n_cell
        self.simple_name = simple_name  # qstr index
        self.arg_names = arg_names  # qstr indices, n_pos_args + n_kwonly_args of them
        self.line_info = line_info  # the raw line-number table
        self.line_info_offset = line_info_offset  # where line_info starts in fun_data
        self.cells = cells  # local numbers converted to cells
        self.code_offset = code_offset  # where the bytecode starts in fun_data
        # (bytecode offset, line): the line from that offset on
        self.lines = lines

    def source_line(self, bc_offset: int) -> int:
        """The source line of the instruction at ``bc_offset`` (relative to the bytecode start)."""
        return line_for_offset(self.lines, bc_offset)


def decode_signature(data: bytes, pos: int = 0) -> tuple[Signature, int]:
    """Decode the packed signature at ``pos``; returns it and the position after it."""
    try:
        z = data[pos]
        pos += 1
        n_state = (z >> 3) & 0xF
        n_exc_stack = (z >> 2) & 0x1
        scope_flags = 0
        n_pos_args = z & 0x3
        n_kwonly_args = 0
        n_def_pos_args = 0
        n = 0
        while z & 0x80:
            z = data[pos]
            pos += 1
            n_state |= (z & 0x30) << (2 * n)
            n_exc_stack |= (z & 0x02) << n
            scope_flags |= ((z & 0x40) >> 6) << n
            n_pos_args |= (z & 0x4) << n
            n_kwonly_args |= ((z & 0x08) >> 3) << n
            n_def_pos_args |= (z & 0x1) << n
            n += 1
    except IndexError:
        raise MpyFormatError("truncated function prelude (signature)") from None
    return Signature(n_state + 1, n_exc_stack, scope_flags, n_pos_args, n_kwonly_args,
                     n_def_pos_args), pos


def decode_size(data: bytes, pos: int) -> tuple[int, int, int]:
    """Decode (n_info, n_cell) at ``pos``; returns them and the position after them."""
    n_info = 0
    n_cell = 0
    n = 0
    try:
        while True:
            z = data[pos]
            pos += 1
            n_cell |= (z & 1) << n
            n_info |= ((z & 0x7E) >> 1) << (6 * n)
            if not z & 0x80:
                break
            n += 1
    except IndexError:
        raise MpyFormatError("truncated function prelude (sizes)") from None
    return n_info, n_cell, pos


def encode_signature(n_state: int, n_exc_stack: int, scope_flags: int, n_pos_args: int,
                     n_kwonly_args: int, n_def_pos_args: int) -> bytes:
    """The packed signature (the inverse of decode_signature)."""
    s = (n_state - 1) & 0xFFFFFFFFFFFFFFFF  # size_t arithmetic: the native emitter's sizing
    # pass encodes n_state 0
    e = n_exc_stack
    f = scope_flags
    a = n_pos_args
    k = n_kwonly_args
    d = n_def_pos_args
    out = bytearray()
    z = (s & 0xF) << 3 | (e & 1) << 2 | (a & 3)
    s >>= 4
    e >>= 1
    a >>= 2
    while s | e | f | a | k | d:
        out.append(0x80 | z)
        z = (f & 1) << 6 | (s & 3) << 4 | (k & 1) << 3 | (a & 1) << 2 | (e & 1) << 1 | (d & 1)
        s >>= 2
        e >>= 1
        f >>= 1
        a >>= 1
        k >>= 1
        d >>= 1
    out.append(z)
    return bytes(out)


def encode_size(n_info: int, n_cell: int) -> bytes:
    """The packed (n_info, n_cell) sizes (the inverse of decode_size)."""
    out = bytearray()
    while True:
        z = (n_info & 0x3F) << 1 | (n_cell & 1)
        n_cell >>= 1
        n_info >>= 6
        if n_cell | n_info:
            z |= 0x80
        out.append(z)
        if not n_cell | n_info:
            return bytes(out)


def encode_line_step(bytes_to_skip: int, lines_to_skip: int) -> bytes:
    """Line-number table entries advancing the offset and the line by the given amounts.

    The short form (1 byte) takes up to 31 bytes and 3 lines, the long form (2 bytes) up to
    15 bytes and 2047 lines; larger steps take several entries, as emitbc.c writes them.
    """
    out = bytearray()
    while bytes_to_skip > 0 or lines_to_skip > 0:
        if lines_to_skip <= 6 or bytes_to_skip > 0xF:
            b = min(bytes_to_skip, 0x1F)
            lines = 0 if b < bytes_to_skip else min(lines_to_skip, 0x3)
            out.append(b | (lines << 5))
        else:
            b = min(bytes_to_skip, 0xF)
            lines = min(lines_to_skip, 0x7FF)
            out += bytes((0x80 | b | ((lines >> 4) & 0x70), lines & 0xFF))
        bytes_to_skip -= b
        lines_to_skip -= lines
    return bytes(out)


def encode_line_info(lines: list[tuple[int, int]]) -> bytes:
    """The line-number table for cumulative (bytecode offset, line) pairs (see decode_line_info)."""
    out = bytearray()
    offset = 0
    line = 1
    for next_offset, next_line in lines:
        out += encode_line_step(next_offset - offset, next_line - line)
        offset, line = next_offset, next_line
    return bytes(out)


def decode_line_info(line_info: bytes) -> list[tuple[int, int]]:
    """Decode the line-number table into cumulative (bytecode offset, line) pairs.

    Each entry advances the bytecode offset and the line; the line of an instruction is the line
    of the last pair whose offset is <= the instruction's offset (line 1 before any pair).
    """
    pairs = []
    offset = 0
    line = 1
    i = 0
    n = len(line_info)
    while i < n:
        c = line_info[i]
        if c & 0x80:
            if i + 1 >= n:
                raise MpyFormatError("truncated line-number table")
            offset += c & 0xF
            line += ((c << 4) & 0x700) | line_info[i + 1]
            i += 2
        else:
            offset += c & 0x1F
            line += c >> 5
            i += 1
        pairs.append((offset, line))
    return pairs


def line_for_offset(lines: list[tuple[int, int]], bc_offset: int) -> int:
    idx = bisect_right(lines, (bc_offset, float("inf")))
    return lines[idx - 1][1] if idx else 1


def decode_prelude(fun_data: bytes) -> Prelude:
    """Decode the prelude of a bytecode function (see the module docstring)."""
    sig, pos = decode_signature(fun_data, 0)
    n_info, n_cell, pos = decode_size(fun_data, pos)
    info_end = pos + n_info
    code_offset = info_end + n_cell
    if code_offset > len(fun_data):
        raise MpyFormatError("function prelude is longer than its code")
    simple_name, pos = read_var_uint(fun_data, pos)
    arg_names = []
    for _ in range(sig.n_pos_args + sig.n_kwonly_args):
        qst, pos = read_var_uint(fun_data, pos)
        arg_names.append(qst)
    if pos > info_end:
        raise MpyFormatError("function argument names overrun the code info")
    line_info = bytes(fun_data[pos:info_end])
    return Prelude(
        n_state=sig.n_state, n_exc_stack=sig.n_exc_stack, scope_flags=sig.scope_flags,
        n_pos_args=sig.n_pos_args, n_kwonly_args=sig.n_kwonly_args,
        n_def_pos_args=sig.n_def_pos_args, n_info=n_info, n_cell=n_cell,
        simple_name=simple_name, arg_names=arg_names, line_info=line_info,
        line_info_offset=pos, cells=list(fun_data[info_end:code_offset]),
        code_offset=code_offset, lines=decode_line_info(line_info),
    )


def scope_flag_names(flags: int) -> list[str]:
    return [name for bit, name in SCOPE_FLAG_NAMES if flags & bit]
