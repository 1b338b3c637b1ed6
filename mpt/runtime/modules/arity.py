"""MicroPython's argument-count errors for native functions (mp_arg_check_num)."""

from __future__ import annotations


def check_arity(args: tuple, least: int, most: int | None = None) -> None:
    n = len(args)
    if n < least:
        raise TypeError(f"function missing {least - n} required positional arguments")
    if most is not None and n > most:
        if least == most:
            raise TypeError(f"function takes {most} positional arguments but {n} were given")
        raise TypeError(f"function expected at most {most} arguments, got {n}")
