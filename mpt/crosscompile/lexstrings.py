"""The string-literal part of the lexer (see lexer.py): adjacent literals concatenated, escape
sequences, and f-strings and t-strings rewritten into ``'...'.format(...)`` /
``__template__(...)`` by injecting characters back into the input, exactly as py/lexer.c does.

A mixin of :class:`mpt.crosscompile.lexer.Lexer`, whose window and token state it uses.
"""

from __future__ import annotations

from mpt.crosscompile.lexchars import (
    EOF, ERROR_KINDS, NL, UnicodeNameEscape, is_space, is_xdigit, utf8_of, xdigit_value,
)

_TRIPLE_QUOTES = {0x22: b'"""', 0x27: b"'''"}


class StringLiteralLexer:
    def _lex_string_literals(self) -> None:
        # Adjacent literals are concatenated here; END marks "no literal seen yet".
        self.tok_kind = "END"
        self.vstr = bytearray()
        had_tstring = False
        while True:
            is_raw = is_fstring = is_tstring = False
            kind = "STRING"
            n_char = 0
            c0, c1 = self.chr0, self.chr1
            if c0 == 0x75:  # u
                n_char = 1
            elif c0 == 0x62:  # b
                kind = "BYTES"
                n_char = 1
                if c1 == 0x72:
                    is_raw = True
                    n_char = 2
            elif c0 == 0x72:  # r
                is_raw = True
                n_char = 1
                if c1 == 0x62:
                    kind = "BYTES"
                    n_char = 2
                elif c1 == 0x66:
                    is_fstring = True
                    n_char = 2
                elif c1 == 0x74:
                    is_tstring = True
                    n_char = 2
            elif c0 == 0x66:  # f
                is_fstring = True
                n_char = 1
                if c1 == 0x72:
                    is_raw = True
                    n_char = 2
            elif c0 == 0x74:  # t
                is_tstring = True
                n_char = 1
                if c1 == 0x72:
                    is_raw = True
                    n_char = 2
            if is_tstring:
                had_tstring = True
            if self.tok_kind == "END":
                self.tok_kind = kind
            elif self.tok_kind != kind:
                break
            if n_char:
                self.next_char()
                if n_char == 2:
                    self.next_char()
            self._parse_string_literal(is_raw, is_fstring, is_tstring)
            self._skip_whitespace(True)
            if not self._is_string_or_bytes():
                break

        if had_tstring:
            self.vstr += b",),"
            self.fstring_args[0:0] = self.vstr
            if self.tok_kind not in ERROR_KINDS:
                self.tok_kind = "NAME"
                self.vstr = bytearray(b"__template__")

        if self.fstring_args:
            self.fstring_args.append(0x29)  # ')'
            if self.inject_idx == 0:
                self.inject += bytes((self.chr0, self.chr1, self.chr2))
            else:
                self.inject_idx -= 3
            self.inject[self.inject_idx:self.inject_idx] = self.fstring_args
            self.fstring_args = bytearray()
            self.chr0 = self.inject[self.inject_idx]
            self.chr1 = self.inject[self.inject_idx + 1]
            self.chr2 = self.inject[self.inject_idx + 2]
            self.inject_idx += 3

    def _scan_plain_string(self, quote: int, num_quotes: int, is_fstring: bool) -> bool:
        """The body of a literal without escapes (or braces, in an f-string) in one slice.

        Called with the opening quotes consumed; False (having consumed nothing more) if the
        literal needs the character loop.
        """
        p = self._synced()
        if p < 0:
            return False
        src = self._src
        if num_quotes == 3:
            end = src.find(_TRIPLE_QUOTES[quote], p, self._src_len)
        else:
            end = src.find(quote, p, self._src_len)
            if end >= 0 and src.find(NL, p, end) >= 0:
                return False
        if end < 0 or src.find(0x5C, p, end) >= 0 or (is_fstring and src.find(0x7B, p, end) >= 0):
            return False
        self.vstr += src[p:end]
        self._seek(p, end + num_quotes)
        return True

    def _get_hex(self, num_digits: int):
        num = 0
        for _ in range(num_digits):
            self.next_char()
            c = self.chr0
            if not is_xdigit(c):
                return None
            num = (num << 4) + xdigit_value(c)
        return num

    def _parse_string_literal(self, is_raw: bool, is_fstring: bool, is_tstring: bool) -> None:
        vstr = self.vstr
        args = self.fstring_args
        quote = 0x22 if self.chr0 == 0x22 else 0x27
        self.next_char()
        if self.chr0 == quote and self.chr1 == quote:
            self.next_char()
            self.next_char()
            num_quotes = 3
        else:
            num_quotes = 1

        n_closing = 0
        if is_fstring and len(args) == 0:
            args += b".format("
        if not is_tstring and self._scan_plain_string(quote, num_quotes, is_fstring):
            return
        if is_tstring and len(args) == 0:
            vstr += b"(("
            vstr += bytes((quote,)) * num_quotes

        tstring_num_interpolations = 0
        end_of_format_index = 0
        nested_formatting_in_tstring = 0
        nested_formatting_needs_fstring = False

        while self.chr0 != EOF and (num_quotes > 1 or self.chr0 != NL) and n_closing < num_quotes:
            if self.chr0 == quote:
                n_closing += 1
                vstr.append(quote)
            elif is_tstring and self.chr0 == NL:
                vstr += b"\\n"
            else:
                n_closing = 0
                injected_brace = False
                while (is_fstring or is_tstring) and self.chr0 == 0x7B:
                    if nested_formatting_in_tstring:
                        nested_formatting_in_tstring += 1
                        break
                    self.next_char()
                    if self.chr0 == 0x7B:
                        if not is_tstring:
                            vstr.append(0x7B)
                        self.next_char()
                    else:
                        args.append(0x28)  # '('
                        i = len(args)
                        nested_bracket_level = 0
                        while self.chr0 != EOF and (
                                nested_bracket_level != 0
                                or not (self.chr0 in (0x3A, 0x7D)
                                        or (self.chr0 == 0x21 and self.chr1 in (0x72, 0x73)
                                            and self.chr2 in (0x3A, 0x7D)))):
                            c = self.chr0
                            if c in (0x5B, 0x7B):
                                nested_bracket_level += 1
                            elif c in (0x5D, 0x7D):
                                nested_bracket_level -= 1
                            args.append(c & 0xFF)
                            self.next_char()
                        was_debug = False
                        if args[-1] == 0x3D:
                            vstr += args[i:]
                            del args[-1]
                            was_debug = True
                        if is_tstring:
                            while args and is_space(args[-1]):
                                del args[-1]
                        if len(args) == i:
                            self.tok_kind = "MALFORMED_FSTRING"
                        args += b"),"
                        if is_tstring:
                            args.append(quote)
                            nn = len(args) - i - 3
                            for j in range(nn):
                                b = args[i + j]
                                if b == quote or b == 0x5C:
                                    args.append(0x5C)
                                args.append(b)
                            args.append(quote)
                            args.append(0x2C)
                            vstr += bytes((quote,)) * num_quotes
                            vstr.append(0x2C)
                            vstr += bytes((quote,)) * num_quotes
                            if self.chr0 == 0x21:
                                self.next_char()
                                args.append(quote)
                                args.append(self.chr0 & 0xFF)
                                self.next_char()
                                args.append(quote)
                                args.append(0x2C)
                            elif was_debug and self.chr0 != 0x3A:
                                args += b"'r',"
                            else:
                                args += b"None,"
                            if self.chr0 == 0x3A:
                                self.next_char()
                            nested_formatting_in_tstring = 1
                            end_of_format_index = len(vstr)
                    vstr.append(0x7B)
                    injected_brace = True
                    break
                if injected_brace:
                    continue  # 'continue_outer': the current char is already the next one

                c0 = self.chr0
                if is_tstring and c0 == 0x5C:
                    vstr.append(0x5C)
                    if is_raw:
                        vstr.append(0x5C)
                    else:
                        self.next_char()
                        vstr.append(self.chr0 & 0xFF)
                elif c0 == 0x5C:
                    self.next_char()
                    c = self.chr0
                    add = True
                    if is_raw:
                        vstr.append(0x5C)
                    elif c == NL:
                        add = False
                    elif c in (0x5C, 0x27, 0x22):
                        pass
                    elif c == 0x61:
                        c = 0x07
                    elif c == 0x62:
                        c = 0x08
                    elif c == 0x74:
                        c = 0x09
                    elif c == 0x6E:
                        c = 0x0A
                    elif c == 0x76:
                        c = 0x0B
                    elif c == 0x66:
                        c = 0x0C
                    elif c == 0x72:
                        c = 0x0D
                    elif c in (0x75, 0x55) and self.tok_kind == "BYTES":
                        vstr.append(0x5C)
                    elif c in (0x75, 0x55, 0x78):
                        num = self._get_hex(2 if c == 0x78 else 4 if c == 0x75 else 8)
                        if num is None:
                            self.tok_kind = "INVALID"
                            num = 0
                        c = num
                    elif c == 0x4E:
                        raise UnicodeNameEscape()
                    elif 0x30 <= c <= 0x37:
                        digits = 3
                        num = c - 0x30
                        while 0x30 <= self.chr1 <= 0x37:
                            digits -= 1
                            if digits == 0:
                                break
                            self.next_char()
                            num = num * 8 + (self.chr0 - 0x30)
                        c = num
                    else:
                        vstr.append(0x5C)
                    if add:
                        if c < 0x110000 and self.tok_kind == "STRING":
                            vstr += utf8_of(c)
                        elif c < 0x100 and self.tok_kind == "BYTES":
                            vstr.append(c)
                        else:
                            self.tok_kind = "INVALID"
                elif is_tstring and nested_formatting_in_tstring and c0 == 0x7D:
                    nested_formatting_in_tstring -= 1
                    if nested_formatting_in_tstring > 0:
                        nested_formatting_needs_fstring = True
                        vstr.append(c0)
                    else:
                        tstring_num_interpolations += 1
                        if nested_formatting_needs_fstring:
                            args.append(0x66)
                            nested_formatting_needs_fstring = False
                        args.append(quote)
                        args += vstr[end_of_format_index + 1:]
                        del vstr[end_of_format_index:]
                        args.append(quote)
                        args.append(0x2C)
                else:
                    vstr.append(c0 & 0xFF)
                    if is_tstring and c0 == 0x7D and self.chr1 == 0x7D:
                        self.next_char()
                    elif is_tstring and c0 == 0x7D:
                        self.tok_kind = "MALFORMED_FSTRING"
            self.next_char()

        if n_closing < num_quotes:
            self.tok_kind = "LONELY_STRING_OPEN"

        if is_tstring:
            if nested_formatting_in_tstring > 0:
                self.tok_kind = "MALFORMED_FSTRING"
            if 1 + tstring_num_interpolations * 4 > 255:
                args[0:0] = b"("
                args.append(0x29)
        else:
            if n_closing:
                del vstr[-n_closing:]
