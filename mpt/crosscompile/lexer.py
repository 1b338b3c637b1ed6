"""The tokenizer of the cross-compiler: a re-implementation of MicroPython's py/lexer.c.

It works on bytes with a lookahead window of three characters (chr0, chr1, chr2), as the C
lexer does, because byte-identical output depends on its quirks: INDENT/DEDENT and error
tokens, adjacent literal concatenation done in the lexer, escape handling, and f-strings (and
t-strings) rewritten by injecting characters back into the input (lexstrings.py). Where the
window is on the source itself, whole tokens, whitespace and indentation are scanned with
regular expressions (compiled on first use) instead of character by character. The whole
source is lexed before the parser starts (into lists the parser walks); py/lexer.c's one error
raised while lexing (``\\N{...}``) is held until the parser reaches that token.

Token kinds are the names of MicroPython's ``MP_TOKEN_*`` constants without the prefix.
"""

from __future__ import annotations

from mpt.crosscompile.lexchars import (
    EOF, NL, TAB_SIZE, UnicodeNameEscape, is_alpha, is_digit, is_space, utf8_of,
)
from mpt.crosscompile.lexstrings import StringLiteralLexer

# Keywords, as the lexer recognises them (``__debug__`` becomes True/False at lex time).
KEYWORDS = {
    b"False": "KW_FALSE", b"None": "KW_NONE", b"True": "KW_TRUE", b"__debug__": "KW___DEBUG__",
    b"and": "KW_AND", b"as": "KW_AS", b"assert": "KW_ASSERT", b"async": "KW_ASYNC",
    b"await": "KW_AWAIT", b"break": "KW_BREAK", b"class": "KW_CLASS",
    b"continue": "KW_CONTINUE", b"def": "KW_DEF", b"del": "KW_DEL", b"elif": "KW_ELIF",
    b"else": "KW_ELSE", b"except": "KW_EXCEPT", b"finally": "KW_FINALLY", b"for": "KW_FOR",
    b"from": "KW_FROM", b"global": "KW_GLOBAL", b"if": "KW_IF", b"import": "KW_IMPORT",
    b"in": "KW_IN", b"is": "KW_IS", b"lambda": "KW_LAMBDA", b"nonlocal": "KW_NONLOCAL",
    b"not": "KW_NOT", b"or": "KW_OR", b"pass": "KW_PASS", b"raise": "KW_RAISE",
    b"return": "KW_RETURN", b"try": "KW_TRY", b"while": "KW_WHILE", b"with": "KW_WITH",
    b"yield": "KW_YIELD",
}

# Operators and delimiters by their spelling; the lexer takes the longest match.
OPERATORS = {
    "(": "DEL_PAREN_OPEN", ")": "DEL_PAREN_CLOSE", "[": "DEL_BRACKET_OPEN",
    "]": "DEL_BRACKET_CLOSE", "{": "DEL_BRACE_OPEN", "}": "DEL_BRACE_CLOSE",
    ",": "DEL_COMMA", ";": "DEL_SEMICOLON", "~": "OP_TILDE",
    ":": "DEL_COLON", ":=": "OP_ASSIGN",
    "<": "OP_LESS", "<=": "OP_LESS_EQUAL", "<<": "OP_DBL_LESS", "<<=": "DEL_DBL_LESS_EQUAL",
    ">": "OP_MORE", ">=": "OP_MORE_EQUAL", ">>": "OP_DBL_MORE", ">>=": "DEL_DBL_MORE_EQUAL",
    "*": "OP_STAR", "*=": "DEL_STAR_EQUAL", "**": "OP_DBL_STAR", "**=": "DEL_DBL_STAR_EQUAL",
    "+": "OP_PLUS", "+=": "DEL_PLUS_EQUAL",
    "-": "OP_MINUS", "-=": "DEL_MINUS_EQUAL", "->": "DEL_MINUS_MORE",
    "&": "OP_AMPERSAND", "&=": "DEL_AMPERSAND_EQUAL",
    "|": "OP_PIPE", "|=": "DEL_PIPE_EQUAL",
    "/": "OP_SLASH", "/=": "DEL_SLASH_EQUAL", "//": "OP_DBL_SLASH", "//=": "DEL_DBL_SLASH_EQUAL",
    "%": "OP_PERCENT", "%=": "DEL_PERCENT_EQUAL",
    "^": "OP_CARET", "^=": "DEL_CARET_EQUAL",
    "@": "OP_AT", "@=": "DEL_AT_EQUAL",
    "=": "DEL_EQUAL", "==": "OP_DBL_EQUAL",
}
_OP_BYTES = {k.encode(): v for k, v in OPERATORS.items()}
_OP_START = {k[0] for k in _OP_BYTES}
# what the token pattern's operator group can match
_BULK_OPS = {**_OP_BYTES, b"...": "ELLIPSIS", b"!=": "OP_NOT_EQUAL", b".": "DEL_PERIOD"}

OPEN_BRACKETS = ("DEL_PAREN_OPEN", "DEL_BRACKET_OPEN", "DEL_BRACE_OPEN")
CLOSE_BRACKETS = ("DEL_PAREN_CLOSE", "DEL_BRACKET_CLOSE", "DEL_BRACE_CLOSE")
_BRACKET_DEPTH = {**{kind: 1 for kind in OPEN_BRACKETS}, **{kind: -1 for kind in CLOSE_BRACKETS}}





_BASE_PREFIXES = (b"b", b"B", b"o", b"O", b"x", b"X")
# The groups of the token patterns (Match.lastindex tells which alternative matched).
_G_NEWLINE, _G_STRING, _G_NAME, _G_NUMBER, _G_OP = 3, 4, 5, 6, 7


class _Patterns:
    """The bulk scanners' regular expressions, compiled when the first Lexer is made."""

    def __getattr__(self, name):
        import re

        if name in ("escaped_body", "escape"):
            self._compile_escapes(re)
            return self.__dict__[name]
        # whitespace, comments and line continuations, stopping at a newline or not
        ws_line = rb"(?:[ \t\x0b\x0c]+|#[^\n\0]*|\\\n)*"
        ws_any = rb"(?:[ \t\n\x0b\x0c]+|#[^\n\0]*|\\\n)*"
        self.ws_line = re.compile(ws_line)
        self.ws_any = re.compile(ws_any)
        # One token after whitespace: group 1 is leading spaces, group 2 the rest of the
        # whitespace, then one group per alternative (the _G_* numbers). What the character
        # loop does differently (newlines, string literals) is matched only to be handed on;
        # anything else (the end, an invalid character) does not match.
        operators = b"|".join(re.escape(op) for op in sorted(_OP_BYTES, key=len, reverse=True))
        token = (rb"( *)(%s)(?:(\n)|((?:[rubft]|rf|fr|rt|tr|rb|br)?['\"])"
                 rb"|([A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*)"
                 # numbers: 'e' takes a sign unless the number has a 0b/0o/0x prefix
                 rb"|(0[bBoOxX][A-Za-z0-9._]*|(?:[0-9]|\.(?=[0-9]))(?:[eE][+-]?|[A-Za-z0-9._])*)"
                 rb"|(\.\.\.|!=|%s|\.))")
        self.token_line = re.compile(token % (ws_line, operators))
        # what may start a string literal (any prefix the lexer knows)
        self.string_start = re.compile(rb"(?:[rubft]|rf|fr|rt|tr|rb|br)?['\"]")
        self.token_bracketed = re.compile(token % (ws_any, operators))
        return self.__dict__[name]

    def _compile_escapes(self, re) -> None:
        """The patterns for literals with backslashes, compiled when the first is met."""
        # the body of a literal with backslashes, up to its closing quotes (an escaped quote
        # or line break does not end it; a plain line break ends a one-quote literal)
        self.escaped_body = {
            (quote, 1): re.compile(rb"(?:[^%s\\\n]|\\.)*%s" % (q, q), re.S)
            for quote, q in ((0x22, b'"'), (0x27, b"'"))}
        self.escaped_body.update({
            (quote, 3): re.compile(rb"(?:[^%s\\]|\\.|%s(?!%s%s))*%s%s%s" % ((q,) * 7), re.S)
            for quote, q in ((0x22, b'"'), (0x27, b"'"))})
        # the escapes the bulk scanner decodes (see _escape): any other one is left to the
        # character loop
        self.escape = re.compile(
            rb"\\(?:([\\'\"abfnrtv])|(\n)|x([0-9a-fA-F]{2})|([0-7]{1,3})"
            rb"|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([uU])|([^xNuU\x80-\xff])|)")


_rx = _Patterns()


class Lexer(StringLiteralLexer):
    """Lexes a whole source when made: its tokens are in ``kinds``, ``lines``, ``columns`` and
    ``texts`` (see scan). ``tok_kind``, ``tok_line``, ``tok_column`` and ``text`` are the
    character loop's token, one at a time."""

    def __init__(self, source: bytes, filename: str = "<stdin>", opt_level: int = 0,
                 tstrings: bool = True):
        self.filename = filename
        self.opt_level = opt_level
        # MICROPY_PY_TSTRINGS (mpy-cross has it; a firmware built below "full features" does
        # not, and lexes t'...' as the name t followed by a string)
        self.string_prefixes = b"rubft" if tstrings else b"rubf"
        self.two_char_prefixes = ((0x72, 0x66), (0x66, 0x72), (0x72, 0x74), (0x74, 0x72)) \
            if tstrings else ((0x72, 0x66), (0x66, 0x72))
        # The C lexer's reader turns "\r\n" and a lone "\r" into "\n", a NUL byte into
        # INVALID_BYTE, and adds a "\n" after a last line without one. Doing that to the whole
        # text first gives the same characters, and lets the scanners below work on slices of
        # it. Three NULs after the end are the EOF lookahead.
        if b"\r" in source:
            source = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        if b"\0" in source:
            source = source.replace(b"\0", b"\1")
        if source and source[-1] != NL:
            source += b"\n"
        self._src_len = len(source)
        self._src = source + b"\0\0\0"
        self._pos = 0
        self.line = 1
        self.column = -2
        self.emit_dent = 0
        self.nested_bracket_level = 0
        self.indent_level = [0]
        self.vstr = bytearray()
        self.inject = bytearray()
        self.inject_idx = 0
        self.fstring_args = bytearray()
        self.tok_kind = "END"
        self.tok_line = 1
        self.tok_column = 1
        self.chr0 = self.chr1 = self.chr2 = 0
        self.next_char()
        self.next_char()
        self.next_char()
        self.scan()

    # -- character input -------------------------------------------------------------------

    def next_char(self) -> None:
        """Move the (chr0, chr1, chr2) window on by one character (injected ones first)."""
        c0 = self.chr0
        if c0 == NL:
            self.line += 1
            self.column = 1
        elif c0 == 9:
            self.column = (((self.column - 1 + TAB_SIZE) // TAB_SIZE) * TAB_SIZE) + 1
        else:
            self.column += 1
        self.chr0 = self.chr1
        self.chr1 = self.chr2
        while True:
            if self.inject_idx:
                c2 = self.inject[self.inject_idx]
                self.inject_idx += 1
                if self.inject_idx >= len(self.inject):
                    self.inject = bytearray()
                    self.inject_idx = 0
            else:
                # _pos counts source reads, also past the end: chr0 is then _src[_pos - 3]
                pos = self._pos
                c2 = self._src[pos] if pos < self._src_len else EOF
                self._pos = pos + 1
            # the source has no "\r" left, but an escape in a t-string can inject one
            if self.chr1 == 0x0D:
                self.chr1 = NL
                if c2 == NL:
                    continue
            break
        if c2 == EOF and self.chr1 != EOF and self.chr1 != NL:
            c2 = NL
        self.chr2 = c2

    def _synced(self) -> int:
        """The index of chr0 in the source when the window is three consecutive source
        characters and nothing is injected (the bulk scanners can then work on the source
        directly), else -1."""
        if self.inject_idx:
            return -1
        p = self._pos - 3
        if p >= self._src_len:
            return -1
        src = self._src
        if src[p] == self.chr0 and src[p + 1] == self.chr1 and src[p + 2] == self.chr2:
            return p
        return -1

    def _seek(self, p: int, q: int) -> None:
        """Move the window from source index p to q, as q - p next_char() calls would."""
        self.line, self.column = _advance(self._src, p, q, self.line, self.column)
        self._move(q)

    @property
    def text(self) -> bytes:
        return bytes(self.vstr)

    # -- helpers mirroring the C predicates ------------------------------------------------

    def _is_string_or_bytes(self) -> bool:
        c0, c1, c2 = self.chr0, self.chr1, self.chr2
        q1 = c1 in (0x27, 0x22)
        q2 = c2 in (0x27, 0x22)
        if c0 in (0x27, 0x22):
            return True
        if c0 in self.string_prefixes and q1:
            return True
        if (c0, c1) in self.two_char_prefixes and q2:
            return True
        return (c0, c1) in ((0x72, 0x62), (0x62, 0x72)) and q2

    def _is_head_of_identifier(self) -> bool:
        c = self.chr0
        return is_alpha(c) or c == 0x5F or c >= 0x80

    def _skip_whitespace(self, stop_at_newline: bool) -> bool:
        p = self._synced()
        if p >= 0:
            stop = stop_at_newline and self.nested_bracket_level == 0
            q = (_rx.ws_line if stop else _rx.ws_any).match(self._src, p).end()
            if q != p:
                self._seek(p, q)
            return stop and self.chr0 == NL
        while self.chr0 != EOF:
            c = self.chr0
            if c == NL:
                if stop_at_newline and self.nested_bracket_level == 0:
                    return True
                self.next_char()
            elif is_space(c):
                self.next_char()
            elif c == 0x23:
                self.next_char()
                while self.chr0 != EOF and self.chr0 != NL:
                    self.next_char()
            elif c == 0x5C and self.chr1 == NL:
                self.next_char()
                self.next_char()
            else:
                break
        return False

    # -- tokens ----------------------------------------------------------------------------

    def scan(self) -> None:
        """Lex the whole source into ``kinds``, ``lines``, ``columns`` and ``texts`` (one entry
        per token, up to and including END). A ``\\N{...}`` escape stops the lists short of the
        token it is in and sets ``error`` (py/lexer.c raises when it lexes that token).

        Where the window is three consecutive source characters, whole tokens are matched
        there with one regular expression, with the lexer's state in local variables; other
        tokens (string literals, injected characters, the end) go through the character loop.
        """
        kinds: list[str] = []
        lines: list[int] = []
        columns: list[int] = []
        texts: list[bytes] = []
        self.kinds, self.lines, self.columns, self.texts = kinds, lines, columns, texts
        self.error = None
        add_kind, add_line, add_column, add_text = (
            kinds.append, lines.append, columns.append, texts.append)
        src = self._src
        src_len = self._src_len
        match_line = _rx.token_line.match
        match_bracketed = _rx.token_bracketed.match
        match_ws = _rx.ws_any.match
        keywords = KEYWORDS
        operators = _BULK_OPS
        bracket_depth = _BRACKET_DEPTH
        debug_kind = "KW_TRUE" if self.opt_level == 0 else "KW_FALSE"
        indent_level = self.indent_level
        first = True
        try:
            while True:
                # the character loop, for one token
                self._to_next_chars()
                add_kind(self.tok_kind)
                add_line(self.tok_line)
                add_column(self.tok_column)
                add_text(bytes(self.vstr))
                if first:
                    first = False
                    if self.tok_column != 1 and self.tok_kind != "NEWLINE":
                        kinds[0] = "INDENT"
                if self.tok_kind == "END":
                    return
                if self.inject_idx or self.emit_dent:
                    continue
                p = self._pos - 3
                if not (p < src_len and src[p] == self.chr0 and src[p + 1] == self.chr1
                        and src[p + 2] == self.chr2):
                    continue
                # The window is three consecutive source characters: whole tokens from here.
                line, col, level = self.line, self.column, self.nested_bracket_level
                while True:
                    m = (match_bracketed if level else match_line)(src, p)
                    if m is None:  # the end, or an invalid character
                        break
                    start = m.end(2)
                    if start != m.end(1):  # tabs, comments or line continuations
                        line, col = _advance(src, p, start, line, col)
                    else:
                        col += start - p
                    group = m.lastindex
                    if group == _G_NEWLINE and not level:
                        newline_at = len(kinds)
                        add_kind("NEWLINE")
                        add_line(line)
                        add_column(col)
                        add_text(b"")
                        p = match_ws(src, start).end()
                        line, col = _advance(src, start, p, line, col)
                        # the indentation of the next line: INDENT and DEDENT tokens there
                        num_spaces = col - 1
                        if num_spaces > indent_level[-1]:
                            indent_level.append(num_spaces)
                            add_kind("INDENT")
                            add_line(line)
                            add_column(col)
                            add_text(b"")
                        elif num_spaces < indent_level[-1]:
                            while num_spaces < indent_level[-1]:
                                indent_level.pop()
                                add_kind("DEDENT")
                                add_line(line)
                                add_column(col)
                                add_text(b"")
                            if num_spaces != indent_level[-1]:
                                # the NEWLINE, not the DEDENTs after it
                                kinds[newline_at] = "DEDENT_MISMATCH"
                        continue
                    if group < _G_NAME:
                        plain = _plain_literal(src, start, m.end(), src_len, level) \
                            if group == _G_STRING else None
                        if plain is None:  # the character loop goes on from here
                            p = start
                            break
                        kind, text, end = plain
                        add_kind(kind)
                        add_line(line)
                        add_column(col)
                        add_text(text)
                        line, col = _advance(src, start, end, line, col)
                        p = end
                        continue
                    end = m.end()
                    text = src[start:end]
                    if group == _G_NAME:
                        kind = keywords.get(text)
                        if kind is None:
                            kind = "NAME"
                        elif kind == "KW___DEBUG__":
                            kind = debug_kind
                    elif group == _G_OP:
                        kind = operators[text]
                        depth = bracket_depth.get(kind)
                        if depth is not None:
                            level += depth
                        text = b""
                    else:
                        kind, text = _number(text)
                    add_kind(kind)
                    add_line(line)
                    add_column(col)
                    add_text(text)
                    col += end - start
                    p = end
                self._move(p)
                self.line, self.column, self.nested_bracket_level = line, col, level
        except UnicodeNameEscape as exc:
            self.error = exc

    def _move(self, q: int) -> None:
        """Put the window at source index q (line and column are the caller's business)."""
        src = self._src
        self.chr0 = src[q]
        self.chr1 = src[q + 1]
        self.chr2 = src[q + 2]
        self._pos = q + 3

    def _to_next_chars(self) -> None:
        self.vstr = b""
        had_physical_newline = self._skip_whitespace(True)
        self.tok_line = self.line
        self.tok_column = self.column

        if self.emit_dent < 0:
            self.tok_kind = "DEDENT"
            self.emit_dent += 1
        elif self.emit_dent > 0:
            self.tok_kind = "INDENT"
            self.emit_dent -= 1
        elif had_physical_newline:
            self._skip_whitespace(False)
            self._newline()
        elif self.chr0 == EOF:
            self.tok_kind = "END"
        elif self._is_string_or_bytes():
            self._lex_string_literals()
        elif self._is_head_of_identifier():
            self._lex_name()
        elif is_digit(self.chr0) or (self.chr0 == 0x2E and is_digit(self.chr1)):
            self._lex_number()
        else:
            self._lex_operator()

    def _newline(self) -> None:
        """A NEWLINE token, the window at the first character of the next line's token: the
        indentation there decides the INDENT/DEDENT tokens that follow."""
        self.tok_kind = "NEWLINE"
        num_spaces = self.column - 1
        top = self.indent_level[-1]
        if num_spaces == top:
            pass
        elif num_spaces > top:
            self.indent_level.append(num_spaces)
            self.emit_dent += 1
        else:
            while num_spaces < self.indent_level[-1]:
                self.indent_level.pop()
                self.emit_dent -= 1
            if num_spaces != self.indent_level[-1]:
                self.tok_kind = "DEDENT_MISMATCH"

    def _lex_name(self) -> None:
        self.tok_kind = "NAME"
        self.vstr = bytearray()
        self.vstr.append(self.chr0)
        self.next_char()
        while self.chr0 != EOF and (self._is_head_of_identifier() or is_digit(self.chr0)):
            self.vstr.append(self.chr0)
            self.next_char()
        self._set_name(bytes(self.vstr))

    def _set_name(self, text: bytes) -> None:
        self.vstr = text
        kind = KEYWORDS.get(text)
        if kind is not None:
            if kind == "KW___DEBUG__":
                kind = "KW_TRUE" if self.opt_level == 0 else "KW_FALSE"
            self.tok_kind = kind

    def _lex_number(self) -> None:
        forced_integer = False
        if self.chr0 == 0x2E:
            self.tok_kind = "FLOAT_OR_IMAG"
        else:
            self.tok_kind = "INTEGER"
            if self.chr0 == 0x30 and (self.chr1 | 0x20) in (0x62, 0x6F, 0x78):
                forced_integer = True
        self.vstr = bytearray(utf8_of(self.chr0))
        self.next_char()
        while self.chr0 != EOF:
            c = self.chr0
            if not forced_integer and c in (0x65, 0x45):
                self.tok_kind = "FLOAT_OR_IMAG"
                self.vstr.append(0x65)
                self.next_char()
                if self.chr0 in (0x2B, 0x2D):
                    self.vstr.append(self.chr0)
                    self.next_char()
            elif is_alpha(c) or is_digit(c) or c == 0x2E:
                if c in (0x2E, 0x6A, 0x4A):
                    self.tok_kind = "FLOAT_OR_IMAG"
                self.vstr.append(c)
                self.next_char()
            elif c == 0x5F:
                self.next_char()
            else:
                break

    def _lex_operator(self) -> None:
        c0 = self.chr0
        if c0 == 0x21:  # '!'
            self.next_char()
            if self.chr0 == 0x3D:
                self.next_char()
                self.tok_kind = "OP_NOT_EQUAL"
            else:
                self.tok_kind = "INVALID"
            return
        if c0 == 0x2E:  # '.'
            self.next_char()
            if self.chr0 == 0x2E and self.chr1 == 0x2E:
                self.next_char()
                self.next_char()
                self.tok_kind = "ELLIPSIS"
            else:
                self.tok_kind = "DEL_PERIOD"
            return
        if c0 not in _OP_START:
            self.next_char()
            self.tok_kind = "INVALID"
            return
        spelled = bytes((c0,))
        self.next_char()
        while spelled + bytes((self.chr0,)) in _OP_BYTES:
            spelled += bytes((self.chr0,))
            self.next_char()
        kind = _OP_BYTES[spelled]
        self.tok_kind = kind
        if kind in OPEN_BRACKETS:
            self.nested_bracket_level += 1
        elif kind in CLOSE_BRACKETS:
            self.nested_bracket_level -= 1

def _advance(src: bytes, p: int, q: int, line: int, col: int) -> tuple[int, int]:
    """(line, column) after moving from source index p to q, starting at (line, col)."""
    nl = src.count(NL, p, q)
    if nl:
        line += nl
        p = src.rfind(NL, p, q) + 1
        col = 1
    if src.find(9, p, q) < 0:
        return line, col + q - p
    for c in src[p:q]:
        col = (((col - 1 + TAB_SIZE) // TAB_SIZE) * TAB_SIZE) + 1 if c == 9 else col + 1
    return line, col


_PLAIN_PREFIXES = (b"", b"u", b"r", b"b", b"rb", b"br")
_TRIPLE = {0x22: b'"""', 0x27: b"'''"}


def _plain_literal(src: bytes, start: int, body: int, src_len: int, bracketed: int):
    """A string or bytes literal at ``start`` (its opening quote ends at ``body``), with the
    literals of its kind right after it that the character loop joins to it, worked out
    here: (kind, text, end), else None (see _one_literal). A literal of the other kind after
    them ends the token, as in the character loop."""
    kind = None
    texts = []
    ws = _rx.ws_any if bracketed else _rx.ws_line
    while True:
        literal = _one_literal(src, start, body, src_len)
        if literal is None:
            return None
        if kind is None:
            kind = literal[0]
        elif literal[0] != kind:
            break
        texts.append(literal[1])
        end = literal[2]
        after = ws.match(src, end).end()
        m = _rx.string_start.match(src, after)
        if m is None:
            break
        start, body = after, m.end()
    return kind, texts[0] if len(texts) == 1 else b"".join(texts), end


def _one_literal(src: bytes, start: int, body: int, src_len: int):
    """One string or bytes literal at ``start`` (its opening quote ends at ``body``) that
    the character loop would read as the text worked out here: (kind, text, end), else
    None. That is one without an f or t prefix, without a line break in a one-quote literal
    (but for an escaped one), ended in the source, with only the escapes _escape decodes
    (any backslash if raw, but one before a non-ASCII character)."""
    quote = src[body - 1]
    prefix = src[start:body - 1]
    if prefix not in _PLAIN_PREFIXES:
        return None
    num_quotes = 1
    if src[body] == quote and src[body + 1] == quote:
        body += 2
        num_quotes = 3
        close = src.find(_TRIPLE[quote], body, src_len)
        if close < 0:
            return None
    else:
        close = src.find(quote, body, src_len)
        if close < 0 or src.find(NL, body, close) >= 0:
            close = -1
    if close < 0 or src.find(0x5C, body, close) >= 0:
        # backslashes: an escaped quote or line break may come before the closing quote
        m = _rx.escaped_body[quote, num_quotes].match(src, body, src_len)
        if m is None:
            return None
        close = m.end() - num_quotes
        end = m.end()
        text = src[body:close]
        if 0x72 in prefix:  # raw: the text as it is, unless a backslash escapes non-ASCII
            for i in range(len(text) - 1):
                if text[i] == 0x5C and text[i + 1] >= 0x80:
                    return None
        else:
            text = _escape(text, 0x62 in prefix)
            if text is None:
                return None
    else:
        end = close + num_quotes
        text = src[body:close]
    return ("BYTES" if 0x62 in prefix else "STRING"), text, end


_SIMPLE_ESCAPES = {ord(k): v for k, v in (
    ("\\", b"\\"), ("'", b"'"), ('"', b'"'), ("a", b"\x07"), ("b", b"\x08"), ("f", b"\x0c"),
    ("n", b"\n"), ("r", b"\r"), ("t", b"\t"), ("v", b"\x0b"))}


class _Unhandled(Exception):
    pass


def _escape(text: bytes, is_bytes: bool) -> bytes | None:
    """The text of a literal body with escapes, as the character loop decodes them, if they
    are all of the common kinds (a one-character escape, a line continuation, \\xHH, an
    octal one with a value a literal of its kind holds, \\uXXXX and \\UXXXXXXXX in a str, an
    unknown one before an ASCII character, kept as it is, as \\u and \\U are in bytes), else
    None."""

    def one(m) -> bytes:
        simple, _, hex_digits, octal, hex4, hex8, u, other = m.groups()
        if simple is not None:
            return _SIMPLE_ESCAPES[simple[0]]
        if other is not None:
            return m.group()
        if hex_digits is not None:
            value = int(hex_digits, 16)
        elif hex4 is not None or hex8 is not None:
            if is_bytes:
                return m.group()  # not an escape in bytes: kept, digits and all
            value = int(hex4 or hex8, 16)
            if value >= 0x110000:
                raise _Unhandled  # an invalid token
        elif octal is not None:
            value = int(octal, 8)
            if is_bytes and value > 0xFF:
                raise _Unhandled  # an invalid token
        elif u is not None:
            if is_bytes:
                return m.group()
            raise _Unhandled
        elif m.end() - m.start() == 2:
            return b""  # a line continuation
        else:
            raise _Unhandled  # \\x without two hex digits, \\N, before non-ASCII
        return bytes((value,)) if is_bytes else utf8_of(value)

    try:
        return _rx.escape.sub(one, text)
    except _Unhandled:
        return None


def _number(text: bytes) -> tuple[str, bytes]:
    """The kind and text of a number the token pattern matched."""
    tail = text[1:]
    forced_integer = text[0] == 0x30 and text[1:2] in _BASE_PREFIXES
    if text[0] == 0x2E or b"." in tail or b"j" in tail or b"J" in tail:
        kind = "FLOAT_OR_IMAG"
    else:
        kind = "INTEGER"
    if b"_" in text:
        text = text.replace(b"_", b"")
    if not forced_integer and (b"e" in tail or b"E" in tail):
        kind = "FLOAT_OR_IMAG"
        text = text.replace(b"E", b"e")
    return kind, text

