"""Decode the prelude at the start of a bytecode function's fun_data.

Layout (MicroPython 1.29, py/bc.h):

    signature   var-length: n_state, n_exc_stack, scope_flags, n_pos_args, n_kwonly_args,
                n_def_pos_args packed bit-wise
    size        var-length: n_info, n_cell
    code info   n_info bytes: simple-name qstr index, one qstr index per positional and
                keyword-only argument ("*" for unnamed slots), then the line-number table
    cells       n_cell bytes: the locals that become cells
    bytecode    the rest

Qstr indices are var-uints into the module's qstr table. Used by the disassembler and the VM,
so it has no dependencies and decodes in one pass.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from mpt.errors import MpyFormatError

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


@dataclass(slots=True)
class Signature:
    n_state: int
    n_exc_stack: int
    scope_flags: int
    n_pos_args: int
    n_kwonly_args: int
    n_def_pos_args: int


@dataclass(slots=True)
class Prelude:
    n_state: int
    n_exc_stack: int
    scope_flags: int
    n_pos_args: int
    n_kwonly_args: int
    n_def_pos_args: int
    n_info: int
    n_cell: int
    simple_name: int  # qstr index
    arg_names: list[int]  # qstr indices, n_pos_args + n_kwonly_args of them
    line_info: bytes  # the raw line-number table
    line_info_offset: int  # where line_info starts in fun_data
    cells: list[int]  # local numbers converted to cells
    code_offset: int  # where the bytecode starts in fun_data
    lines: list[tuple[int, int]]  # (bytecode offset, line): the line from that offset on

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


def read_var_uint(data: bytes, pos: int) -> tuple[int, int]:
    """A var-uint (7 bits per byte, most significant first, high bit = more follows)."""
    value = 0
    try:
        while True:
            b = data[pos]
            pos += 1
            value = (value << 7) | (b & 0x7F)
            if not b & 0x80:
                return value, pos
    except IndexError:
        raise MpyFormatError("truncated var-uint") from None


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
