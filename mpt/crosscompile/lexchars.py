"""The lexer's character classes and helpers (py/lexer.c's predicates, vstr's utf-8
encoder), shared by the tokenizer (lexer.py) and its string-literal part (lexstrings.py)."""

from __future__ import annotations

EOF = 0
INVALID_BYTE = 1
NL = 0x0A
TAB_SIZE = 8

# END and the error kinds: the kinds lexer.h numbers up to MALFORMED_FSTRING.
ERROR_KINDS = ("END", "INVALID", "DEDENT_MISMATCH", "LONELY_STRING_OPEN", "MALFORMED_FSTRING")


def is_space(c: int) -> bool:
    return c == 32 or 9 <= c <= 13


def is_alpha(c: int) -> bool:
    return 65 <= c <= 90 or 97 <= c <= 122


def is_digit(c: int) -> bool:
    return 48 <= c <= 57


def is_xdigit(c: int) -> bool:
    return is_digit(c) or 97 <= (c | 0x20) <= 102


def xdigit_value(c: int) -> int:
    if c <= 57:
        return c - 48
    return (c | 0x20) - 87


def utf8_of(c: int) -> bytes:
    """vstr_add_char: MicroPython's own utf-8 encoder (no surrogate checks)."""
    if c < 0x80:
        return bytes((c,))
    if c < 0x800:
        return bytes((0xC0 | (c >> 6), 0x80 | (c & 0x3F)))
    if c < 0x10000:
        return bytes((0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)))
    return bytes((0xF0 | (c >> 18), 0x80 | ((c >> 12) & 0x3F), 0x80 | ((c >> 6) & 0x3F),
                  0x80 | (c & 0x3F)))


class UnicodeNameEscape(Exception):
    """Raised for ``\\N{...}`` which MicroPython does not implement."""
