"""Several board commands in one invocation, separated by '+': `mpt -p emu cp a.py : + exec "import a"`.

Each part runs as its own command line; options given before the first command (such as -p)
apply to every part, and the connection to the board stays open from one part to the next.
"""

from __future__ import annotations

SEPARATOR = "+"

_remaining = 0  # how many parts of the chain follow the one running now


def set_remaining(count: int) -> None:
    global _remaining
    _remaining = count


def remaining() -> int:
    """How many commands of the `+` chain come after the current one."""
    return _remaining


def split_chain(argv: list[str], command_names) -> list[list[str]]:
    """['-p', 'x', 'ls', '+', 'cat', ':a'] -> [['-p', 'x', 'ls'], ['-p', 'x', 'cat', ':a']]"""
    if SEPARATOR not in argv:
        return [argv]
    parts: list[list[str]] = [[]]
    for token in argv:
        if token == SEPARATOR:
            parts.append([])
        else:
            parts[-1].append(token)
    parts = [part for part in parts if part]
    first = parts[0]
    prefix: list[str] = []
    for index, token in enumerate(first):
        if token in command_names:
            prefix = first[:index]
            break
    return [first] + [prefix + part for part in parts[1:]]
