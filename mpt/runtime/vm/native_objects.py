"""Guest objects as the machine words native code handles (MICROPY_OBJ_REPR_A, the ARM ports).

A small int is ``(n << 1) | 1``, a qstr ``(q << 3) | 2``, None/False/True the immediates
6/14/30; any other object is a pointer, here a stable fake address from a handle table
(:class:`Handles`): the same object gets the same word for as long as the table holds it, and
a word that is no handle is no object. The table forgets objects as MicroPython's collector
would: only those no word on a native stack, in a register or in a pinned table refers to
(a conservative scan, as gc_collect scans the C stack).

Qstrs (:class:`Qstrs`) are numbered per board, from 1 (0 is MP_QSTRnull), so that a module's
qstr table (16-bit entries) can map its own indices to them.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Iterable

from mpt.runtime.vm.thumb_base import MASK, SIGN, CpuFault

NONE_WORD, FALSE_WORD, TRUE_WORD = 6, 14, 30
NULL = 0  # MP_OBJ_NULL, also MP_OBJ_STOP_ITERATION
SENTINEL = 4  # MP_OBJ_SENTINEL
_SMALL_MIN, _SMALL_MAX = -(1 << 30), (1 << 30) - 1
# where the handles live in the board's address space (nothing else is placed there)
HANDLE_BASE = 0x30000000
HANDLE_END = 0x38000000
_PRUNE_AT = 4096


class Handles:
    """Words for guest objects and back, for one board."""

    def __init__(self, roots: Callable[[], Iterable[int]]) -> None:
        self.by_word: dict[int, Any] = {}
        self.by_id: dict[int, int] = {}
        self.pinned: set[int] = set()
        self.next_word = HANDLE_BASE
        self.roots = roots  # the words native code may still hold (stacks, registers)
        self.prune_at = _PRUNE_AT

    def word(self, obj) -> int:
        if obj is None:
            return NONE_WORD
        t = type(obj)
        if t is bool:
            return TRUE_WORD if obj else FALSE_WORD
        if t is int and _SMALL_MIN <= obj <= _SMALL_MAX:
            return ((obj << 1) | 1) & MASK
        word = self.by_id.get(id(obj))
        if word is not None and self.by_word[word] is obj:
            return word
        if len(self.by_word) >= self.prune_at:
            self.prune()
        word = self.next_word
        if word >= HANDLE_END:
            raise MemoryError("memory allocation failed, native code holds too many objects")
        self.next_word += 8
        self.by_word[word] = obj
        self.by_id[id(obj)] = word
        return word

    def pin(self, obj) -> int:
        """``obj``'s word, kept for as long as the board lives (a module's constants)."""
        word = self.word(obj)
        if word in self.by_word:
            self.pinned.add(word)
        return word

    def object(self, word: int, qstrs: Qstrs):
        if word & 1:
            return (word - (1 << 32) if word & SIGN else word) >> 1
        if word & 7 == 2:
            return qstrs.text(word >> 3)
        if word == NONE_WORD:
            return None
        if word == FALSE_WORD or word == TRUE_WORD:
            return word == TRUE_WORD
        try:
            return self.by_word[word]
        except KeyError:
            raise CpuFault("native code used a word that is no object as one", word) from None

    def prune(self) -> None:
        """Forget the objects no root refers to and nothing else holds."""
        live = set(self.roots()) | self.pinned
        for word, obj in list(self.by_word.items()):
            # the references: the table's dict, the local and getrefcount's argument
            if word not in live and sys.getrefcount(obj) <= 3:
                del self.by_word[word]
                self.by_id.pop(id(obj), None)
        self.prune_at = max(_PRUNE_AT, 2 * len(self.by_word))


class Qstrs:
    """The board's interned strings by number."""

    def __init__(self) -> None:
        self.texts: list[str] = [""]
        self.numbers: dict[str, int] = {}

    def number(self, text: str) -> int:
        n = self.numbers.get(text)
        if n is None:
            n = len(self.texts)
            if n > 0xFFFF:
                raise MemoryError("memory allocation failed, too many qstrs for native code")
            self.texts.append(text)
            self.numbers[text] = n
        return n

    def text(self, number: int) -> str:
        if 0 < number < len(self.texts):
            return self.texts[number]
        raise CpuFault("native code used a qstr number that does not exist", number)
