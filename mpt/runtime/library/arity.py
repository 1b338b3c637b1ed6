"""MicroPython's argument-count errors for native functions (mp_arg_check_num)."""

from __future__ import annotations


def check_arity(args: tuple, least: int, most: int | None = None) -> None:
    n = len(args)
    if least == most:
        if n != least:
            raise TypeError(f"function takes {most} positional arguments but {n} were given")
        return
    if n < least:
        raise TypeError(f"function missing {least - n} required positional arguments")
    if most is not None and n > most:
        raise TypeError(f"function expected at most {most} arguments, got {n}")


def check_keywords(kwargs: dict, allowed: tuple[str, ...]) -> None:
    """mp_arg_parse_all's error for a keyword the function does not know."""
    for key in kwargs:
        if key not in allowed:
            raise TypeError("extra keyword arguments given")
