"""The guest's compile(), exec() and eval(), and the code objects compile() returns.

As in MicroPython (py/builtinevex.c): the source is parsed when the builtin is called, as a
file ("exec"), an expression ("eval") or one REPL statement ("single", whose expression
statements print their value through ``__repl_print__``). Compile errors become the guest
exceptions MicroPython raises (see mpt.runtime.vm.compile_errors). The code runs with the given
globals dict, its module-level names in the given locals dict; without them, in the caller's
context: its module's globals, or the class namespace when called in a class body (a
function's local variables are not reachable, as on MicroPython).
"""

from __future__ import annotations

import sys

from mpt.errors import CompileError
from mpt.runtime.vm.compile_errors import guest_compile_error
from mpt.runtime.vm.objects import mp_repr

_MODES = {"exec": "file", "eval": "eval", "single": "single"}


class CodeObject:
    """What compile() returns: a compiled module body, run by exec() or eval()."""

    __slots__ = ("_compiled",)

    def __init__(self, compiled):
        self._compiled = compiled

    def __repr__(self) -> str:
        return "<code>"


CodeObject.__module__ = "builtins"
CodeObject.__name__ = CodeObject.__qualname__ = "code"


def _str_arg(value) -> str:
    """mp_obj_str_get_qstr: only a str will do."""
    if type(value) is not str:
        raise TypeError(f"can't convert '{type(value).__name__}' object to str implicitly")
    return value


def _source_text(source) -> str:
    if type(source) is str:
        return source
    try:
        data = memoryview(source).tobytes()
    except TypeError:
        raise TypeError("object with buffer protocol required") from None
    return data.decode("utf-8", "replace")


def _check_arg_count(args: tuple, kwargs: dict, low: int, high: int) -> None:
    if kwargs:
        raise TypeError("function doesn't take keyword arguments")
    if len(args) < low:
        raise TypeError(f"function missing {low - len(args)} required positional arguments")
    if len(args) > high:
        raise TypeError(f"function expected at most {high} arguments, got {len(args)}")


def eval_exec_builtins(runtime, caller_locals) -> dict:
    """compile, exec, eval and __repl_print__ for ``runtime``'s builtins.

    ``caller_locals()``, called from these builtins, gives the names exec and eval take when
    none are given: those of the innermost class body or module-level code running (the
    caller's, or the one that called it: MicroPython's mp_locals), else None (the caller's
    globals).
    """

    def compile_code(source: str, filename: str, input_kind: str):
        try:
            return runtime.compile_source(source, filename, input_kind=input_kind)
        except CompileError as exc:
            raise guest_compile_error(exc) from None

    def compile_(*args, **kwargs):
        _check_arg_count(args, kwargs, 3, 6)
        source, filename, mode = args[:3]
        if type(source) is not bytes:
            _str_arg(source)
        filename = _str_arg(filename)
        input_kind = _MODES.get(_str_arg(mode))
        if input_kind is None:
            raise ValueError("bad compile mode")
        return CodeObject(compile_code(_source_text(source), filename, input_kind))

    def run(args: tuple, kwargs: dict, input_kind: str, names):
        _check_arg_count(args, kwargs, 1, 3)
        caller = sys._getframe(2)
        globals_dict = caller.f_globals
        locals_dict = names
        for i, given in enumerate(args[1:3]):
            if given is not None:
                if type(given) is not dict:
                    raise TypeError()
                locals_dict = given
                if i == 0:
                    globals_dict = given
        source = args[0]
        if type(source) is CodeObject:
            compiled = source._compiled
        else:
            compiled = compile_code(_source_text(source), "<string>", input_kind)
        guest_value = globals_dict.get("__builtins__", runtime.builtins)
        if guest_value is runtime.builtins:
            return runtime.exec_compiled(compiled, globals_dict, locals_dict)
        # MicroPython ignores a "__builtins__" entry; the host would take it for the builtins
        globals_dict["__builtins__"] = runtime.builtins
        try:
            return runtime.exec_compiled(compiled, globals_dict, locals_dict)
        finally:
            globals_dict["__builtins__"] = guest_value

    def exec_(*args, **kwargs):
        return run(args, kwargs, "file", caller_locals())

    def eval_(*args, **kwargs):
        return run(args, kwargs, "eval", caller_locals())

    def execfile_(*args, **kwargs):
        # (MICROPY_PY_BUILTINS_EXECFILE: the file read through the guest's file system, run
        # as exec() runs source)
        _check_arg_count(args, kwargs, 1, 3)
        filename = _str_arg(args[0])
        reader = runtime.vfs.open(filename, "rb")
        try:
            data = reader.read()
        finally:
            reader.close()
        code = CodeObject(compile_code(_source_text(data), filename, "file"))
        return run((code,) + args[1:], kwargs, "file", caller_locals())

    def repl_print(value):
        if value is not None:
            runtime.interpreter.write_stdout(mp_repr(value) + "\n")
            runtime.builtins["_"] = value

    return {"compile": compile_, "exec": exec_, "eval": eval_, "execfile": execfile_,
            "__repl_print__": repl_print}
