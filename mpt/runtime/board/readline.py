"""The friendly REPL's line editor, byte for byte as MicroPython's readline behaves.

It edits a shared line buffer (continuation lines are appended to it), echoes what a VT100
terminal needs, keeps a history, and auto-indents after a line ending in a colon.
"""

from __future__ import annotations

import os
from typing import Callable

CTRL_A, CTRL_B, CTRL_C, CTRL_D, CTRL_E = 1, 2, 3, 4, 5
CTRL_F, CTRL_K, CTRL_N, CTRL_P, CTRL_U, CTRL_W = 6, 11, 14, 16, 21, 23
HISTORY_SIZE = 8

_ESC_NONE, _ESC, _ESC_BRACKET, _ESC_BRACKET_DIGIT, _ESC_O = range(5)
_AUTO_INDENT_ENABLED, _AUTO_INDENT_JUST_ADDED = 1, 2


def _completion_listing(words: list[str]) -> bytes:
    """Choices in 16-character slots, at most 64 characters a line (print_completions)."""
    slot, width = 16, 64
    out = ""
    line_len = width
    for word in words:
        gap = (line_len + slot - 1) // slot * slot - line_len
        if gap < 2:
            gap += slot
        if line_len + gap + len(word) <= width:
            out += " " * gap + word
            line_len += gap + len(word)
        else:
            out += "\n" + word
            line_len = len(word)
    return (out + "\n").replace("\n", "\r\n").encode()


def move_back(count: int) -> bytes:
    if count <= 0:
        return b""
    if count <= 4:
        return b"\b" * count
    return b"\x1b[%dD" % count


class LineEditor:
    def __init__(self, write: Callable[[bytes], None],
                 complete: Callable[[str], tuple[str, list[str]]] | None = None, *,
                 words_move: bool = False, extra_words_move: bool = False):
        self._write = write
        self._complete = complete
        # MICROPY_REPL_EMACS_WORDS_MOVE and ..._EXTRA_WORDS_MOVE (the latter needs the former)
        self._words_move = words_move
        self._extra_words_move = words_move and extra_words_move
        self.history: list[bytes] = []
        self.line = bytearray()
        self._last_nl = 0
        self._reset_state()

    def _reset_state(self) -> None:
        self.orig_len = len(self.line)
        self.cursor = self.orig_len
        self.escape = _ESC_NONE
        self.escape_digit = b""
        self.hist_cur = -1
        self.auto_indent = 0

    def start(self, line: bytearray, prompt: bytes) -> None:
        """readline_init: begin editing a (possibly non-empty) buffer after showing a prompt."""
        self.line = line
        self._reset_state()
        self.prompt = prompt
        self._write(prompt)
        if not line:
            self.auto_indent = _AUTO_INDENT_ENABLED
        self._auto_indent()

    def note_newline(self, prompt: bytes) -> None:
        """A continuation line begins (the buffer already ends in a newline)."""
        self.orig_len = len(self.line)
        self.cursor = self.orig_len
        self.prompt = prompt
        self._write(prompt)
        self._auto_indent()

    def _auto_indent(self) -> None:
        if not self.auto_indent & _AUTO_INDENT_ENABLED:
            return
        line = self.line
        if len(line) > 1 and line[-1:] == b"\n":
            i = len(line) - 1
            while i > 0 and line[i - 1] != 0x0A:
                i -= 1
            j = i
            while j < len(line) and line[j] == 0x20:
                j += 1
            if i > 0 and j + 1 == len(line):
                k = i - 1
                while k > 0:
                    if line[k - 1] == 0x0A:
                        return
                    if line[k - 1] != 0x20:
                        break
                    k -= 1
            n = (j - i) // 4
            if line[-2] == ord(":"):
                n += 1
            for _ in range(n):
                line += b"    "
                self._write(b"    ")
                self.cursor += 4
                self.auto_indent |= _AUTO_INDENT_JUST_ADDED

    def _process_nl(self, c: int) -> bool:
        if c in (0x0D, 0x0A) and (self._last_nl == 0 or self._last_nl == c):
            self._last_nl = c
            return True
        self._last_nl = 0
        return False

    def process(self, c: int) -> int:
        """Feed one byte; returns -1 to keep going, 0 for end of line, or a control char."""
        result = self._process(c)
        if result < 0:
            self.auto_indent &= ~_AUTO_INDENT_JUST_ADDED
        return result

    def _process(self, c: int) -> int:
        line = self.line
        last_len = len(line)
        step_back = 0
        redraw_from_cursor = False
        step_forward = 0
        if self.escape == _ESC_NONE:
            if CTRL_A <= c <= CTRL_E and len(line) == self.orig_len:
                return c
            if c == CTRL_A:
                step_back = self.cursor - self.orig_len  # home
            elif c == CTRL_B:
                step_back = 1 if self.cursor > self.orig_len else 0
            elif c == CTRL_C:
                return c
            elif c == CTRL_D:
                if self.cursor < len(line):
                    del line[self.cursor]
                    redraw_from_cursor = True
            elif c == CTRL_E:
                step_forward = len(line) - self.cursor
            elif c == CTRL_F:
                step_forward = 1 if self.cursor < len(line) else 0
            elif c == CTRL_K:
                del line[self.cursor:]
                redraw_from_cursor = True
            elif c == CTRL_N:
                return self._history_step(-1)
            elif c == CTRL_P:
                return self._history_step(+1)
            elif c == CTRL_U:
                del line[self.orig_len:self.cursor]
                step_back = self.cursor - self.orig_len
                redraw_from_cursor = True
            elif c == CTRL_W and self._extra_words_move:
                step_back = self._kill_word_back()
                redraw_from_cursor = True
            elif self._process_nl(c):
                self._write(b"\r\n")
                self._push_history(bytes(line[self.orig_len:]))
                return 0
            elif c == 27:
                self.escape = _ESC
            elif c in (8, 127):
                if self.cursor > self.orig_len:
                    spaces = 0
                    for i in range(self.orig_len, self.cursor):
                        if line[i] != 0x20:
                            spaces = 0
                            break
                        spaces += 1
                    count = 4 if spaces >= 4 else 1
                    del line[self.cursor - count:self.cursor]
                    step_back = count
                    redraw_from_cursor = True
            elif self.auto_indent & _AUTO_INDENT_JUST_ADDED and c in (9, 0x20):
                self.auto_indent = 0
                if c == 0x20:
                    step_back = 3
                    del line[-3:]
            elif c == 9:
                inserted = self._tab()
                if inserted:
                    line[self.cursor:self.cursor] = inserted
                    redraw_from_cursor = True
                    step_forward = len(inserted)
            elif 32 <= c <= 126:
                line.insert(self.cursor, c)
                redraw_from_cursor = True
                step_forward = 1
        elif self.escape == _ESC:
            self.escape = {ord("["): _ESC_BRACKET, ord("O"): _ESC_O}.get(c, _ESC_NONE)
            if self.escape != _ESC_NONE or not self._words_move:
                return -1
            if c == ord("b"):  # Alt-B: a word back
                step_back = self._word_length(forward=False)
            elif c == ord("f"):  # Alt-F: a word forward
                step_forward = self._word_length(forward=True)
            elif c == ord("d"):  # Alt-D: delete the word after the cursor
                del line[self.cursor:self.cursor + self._word_length(forward=True)]
                redraw_from_cursor = True
            elif c == 127:  # Alt-Backspace: delete the word before it
                step_back = self._kill_word_back()
                redraw_from_cursor = True
        elif self.escape == _ESC_BRACKET:
            self.escape = _ESC_NONE
            if 0x30 <= c <= 0x39:
                self.escape = _ESC_BRACKET_DIGIT
                self.escape_digit = bytes([c])
                return -1
            if c == ord("A"):
                return self._history_step(+1)
            if c == ord("B"):
                return self._history_step(-1)
            if c == ord("C"):
                step_forward = 1 if self.cursor < len(line) else 0
            elif c == ord("D"):
                step_back = 1 if self.cursor > self.orig_len else 0
            elif c == ord("H"):
                step_back = self.cursor - self.orig_len
            elif c == ord("F"):
                step_forward = len(line) - self.cursor
        elif self.escape == _ESC_BRACKET_DIGIT:
            self.escape = _ESC_NONE
            if self._extra_words_move and c == ord(";") and self.escape_digit == b"1":
                # ESC [ 1 ; 5 C: the parameters of Ctrl-Right/Left follow, as after ESC [
                self.escape = _ESC_BRACKET
                return -1
            if self._extra_words_move and self.escape_digit == b"5" and c in b"CD":
                if c == ord("C"):  # Ctrl-Right
                    step_forward = self._word_length(forward=True)
                else:  # Ctrl-Left
                    step_back = self._word_length(forward=False)
            elif c == ord("~"):
                if self.escape_digit in (b"1", b"7"):
                    step_back = self.cursor - self.orig_len
                elif self.escape_digit in (b"4", b"8"):
                    step_forward = len(line) - self.cursor
                elif self.escape_digit == b"3" and self.cursor < len(line):
                    del line[self.cursor]
                    redraw_from_cursor = True
        else:  # _ESC_O
            self.escape = _ESC_NONE
            if c == ord("H"):
                step_back = self.cursor - self.orig_len
            elif c == ord("F"):
                step_forward = len(line) - self.cursor
        self._redraw(last_len, step_back, redraw_from_cursor, step_forward)
        return -1

    def _word_length(self, forward: bool) -> int:
        """How far the cursor moves to the end (or start) of the next (previous) word: over
        what is not alphanumeric, then over a word (cursor_count_word; backwards it may go
        into a continued statement's earlier lines, as readline.c's does)."""
        line, pos, in_word = self.line, self.cursor, False
        while pos != (len(line) if forward else 0):
            c = line[pos if forward else pos - 1]
            if c < 128 and chr(c).isalnum():
                in_word = True
            elif in_word:
                break
            pos += 1 if forward else -1
        return pos - self.cursor if forward else self.cursor - pos

    def _kill_word_back(self) -> int:
        """Delete the word before the cursor; how far the cursor steps back."""
        count = self._word_length(forward=False)
        del self.line[self.cursor - count:self.cursor]
        return count

    def _redraw(self, last_len: int, step_back: int, from_cursor: bool, forward: int) -> None:
        out = bytearray()
        if step_back > 0:
            out += move_back(step_back)
            self.cursor -= step_back
        if from_cursor:
            if len(self.line) < last_len:
                out += b"\x1b[K"
            out += self.line[self.cursor:]
            out += move_back(len(self.line) - (self.cursor + forward))
            self.cursor += forward
        elif forward > 0:
            out += self.line[self.cursor:self.cursor + forward]
            self.cursor += forward
        if out:
            self._write(bytes(out))

    def _tab(self) -> bytes:
        """What Tab inserts (mp_repl_autocomplete); a list of choices is printed instead."""
        line = self.line
        if len(line) and line[self.cursor - 1:self.cursor].isspace():
            return b"    "
        if self._complete is None:
            return b""
        text = line[self.orig_len:self.cursor].decode("utf-8", "replace")
        partial, matches = self._complete(text)
        if not matches:
            first_word = text == partial
            if first_word and 0 < len(partial) < 7 and "import ".startswith(partial):
                return "import "[len(partial):].encode()
            return b""
        common = os.path.commonprefix(matches)
        if len(matches) == 1 or len(common) > len(partial):
            return common[len(partial):].encode()
        self._write(_completion_listing(matches))
        self._write(self.prompt + bytes(line[self.orig_len:self.cursor]))
        self._write(bytes(line[self.cursor:]) + move_back(len(line) - self.cursor))
        return b""

    def _history_step(self, direction: int) -> int:
        target = self.hist_cur + direction
        if direction > 0 and target >= len(self.history):
            return -1
        if direction < 0 and self.hist_cur < 0:
            return -1
        self.hist_cur = target
        last_len = len(self.line)
        step_back = self.cursor - self.orig_len
        del self.line[self.orig_len:]
        if target >= 0:
            self.line += self.history[target]
        self._redraw(last_len, step_back, True, len(self.line) - self.orig_len)
        return -1

    def _push_history(self, text: bytes) -> None:
        if text and (not self.history or self.history[0] != text):
            self.history.insert(0, text)
            del self.history[HISTORY_SIZE:]
