"""Changes to the code objects CPython compiles from a translation (names the guest sees)."""

from __future__ import annotations

import types
from typing import Any


def rename_code(code: types.CodeType, old: str, new: str,
                qualname: str | None = None) -> types.CodeType:
    """Give the nested code object named ``old`` the guest name ``new`` (for __name__) and
    the host qualname ``qualname`` (default ``new``), which CPython's argument errors name."""
    consts: list[object] = []
    changed = False
    # before 3.11 code objects have no qualname: the function's comes from the string
    # constant the enclosing code passes to MAKE_FUNCTION ("_mpt_outer.<locals>._mpt_fn")
    suffix = "." + old
    own_qualname = not hasattr(code, "co_qualname")
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            c2 = rename_code(c, old, new, qualname)
            changed = changed or c2 is not c
            consts.append(c2)
        elif own_qualname and type(c) is str and (c == old or c.endswith(suffix)):
            consts.append(qualname or new)
            changed = True
        else:
            consts.append(c)
    if changed:
        code = code.replace(co_consts=tuple(consts))
    if code.co_name == old:
        kw: dict[str, Any] = {"co_name": new}
        if hasattr(code, "co_qualname"):
            kw["co_qualname"] = qualname or new
        code = code.replace(**kw)
    return code


def rename_args(code: types.CodeType, fn_name: str, renames: dict) -> types.CodeType:
    """Give the parameters of the nested code object ``fn_name`` their exact guest names
    (names that could not appear in source: CPython would NFKC-normalise them)."""
    if not renames:
        return code
    consts = []
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            c = rename_args(c, fn_name, renames)
        consts.append(c)
    code = code.replace(co_consts=tuple(consts))
    if code.co_name == fn_name:
        code = code.replace(co_varnames=tuple(renames.get(n, n) for n in code.co_varnames))
    return code
