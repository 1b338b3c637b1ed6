"""Compile errors met at run time (compile/exec/eval, importing a .py) as guest exceptions.

mpt's compiler raises :class:`mpt.errors.CompileError` carrying MicroPython's exception name,
message and location. On a board the same failure is an ordinary exception of that type
(SyntaxError, IndentationError, RuntimeError("name too long"), ...) whose traceback starts with
the offending source line, ``File "<string>", line 3`` (``, in f`` only for errors found by the
compiler proper, which knows the enclosing function).
"""

from __future__ import annotations

import builtins

from mpt.errors import CompileError
from mpt.runtime.vm.exceptions import add_traceback
from mpt.runtime.vm.viper import ViperTypeError

_GUEST_TYPES = frozenset({"SyntaxError", "IndentationError", "RuntimeError",
                          "NotImplementedError", "ValueError", "OverflowError", "MemoryError",
                          "TypeError"})


def guest_compile_error(err: CompileError) -> BaseException:
    """The guest exception MicroPython raises for ``err``."""
    if err.exc_name == "ViperTypeError":
        exc_type: type = ViperTypeError
    else:
        exc_type = getattr(builtins, err.exc_name if err.exc_name in _GUEST_TYPES
                           else "SyntaxError")
    exc = exc_type(err.detail) if err.detail else exc_type()
    if err.line is not None:
        add_traceback(exc, err.filename, err.line, err.scope)
    return exc
