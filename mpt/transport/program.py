"""Running a user program on a board so that its exit status reaches the host.

A board's raw REPL does not report `sys.exit(n)`: the firmware swallows the SystemExit and
soft-resets. So the program is compiled and run by a small wrapper on the board, which keeps
the exit value for the host to collect. Tracebacks stay as the board prints them for the plain
program: the wrapper's own frame line is taken out, and the program's frames still say
`<stdin>` with their own line numbers.

Exit status rule (the same as `mpt run` on the emulated board): normal end 0; an uncaught
exception 1 (RemoteException); `sys.exit()`/`sys.exit(None)` 0; `sys.exit(n)` with an int n;
`sys.exit(obj)` prints obj and gives 1.
"""

from __future__ import annotations

from mpt.errors import RemoteException
from mpt.transport.base import OnOutput, Transport

WRAPPER_LINE = 4  # the line of the wrapper that calls the program (its traceback frame)
_WRAPPER = """\
_mpt_x = None
_mpt_c = compile({source}, '<stdin>', 'exec')
try:
    exec(_mpt_c, globals())
except SystemExit as _mpt_e:
    _mpt_x = _mpt_e.args[0] if _mpt_e.args else None
    if not (_mpt_x is None or isinstance(_mpt_x, int)):
        print(_mpt_x)
        _mpt_x = 1
finally:
    del _mpt_c
"""
_WRAPPER_FRAME = f'  File "<stdin>", line {WRAPPER_LINE}, in <module>\n'
_COLLECT = "globals().pop('_mpt_x', None)"


def wrap(source: bytes) -> bytes | None:
    """The wrapper that runs `source` and keeps its exit value; None when `source` cannot be
    carried as a string literal (not UTF-8), in which case it runs unwrapped."""
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return _WRAPPER.format(source=repr(text)).encode("utf-8")


def unwrap_traceback(text: str) -> str:
    """The traceback as the plain program would have printed it."""
    normal = text.replace("\r\n", "\n")
    if normal.startswith("Traceback (most recent call last):\n" + _WRAPPER_FRAME):
        normal = normal.replace(_WRAPPER_FRAME, "", 1)
        return normal if "\r\n" not in text else normal.replace("\n", "\r\n")
    return text


def run_program(transport: Transport, source: bytes, *, on_output: OnOutput,
                timeout: float | None = None) -> int:
    """Run `source` to its end, streaming its output; return its exit status (0 or the
    sys.exit value). Raises RemoteException (traceback as the plain program's) when it
    raised."""
    wrapped = wrap(source)
    if wrapped is None:
        transport.run_streaming(source, on_output=on_output, timeout=timeout)
        return 0
    try:
        transport.run_streaming(wrapped, on_output=on_output, timeout=timeout)
    except RemoteException as exc:
        raise RemoteException(unwrap_traceback(exc.traceback_text), exc.stdout) from None
    return exit_status(transport)


def exit_status(transport: Transport) -> int:
    """Collect the exit value the wrapper kept (0 when the program just ended)."""
    value = transport.eval(_COLLECT)
    return value if isinstance(value, int) else 0


def exit_guard(code: str) -> str:
    """`code` (host-made, e.g. an import of a copied .mpy) with its SystemExit kept for
    exit_status(), indented under the same handler the wrapper uses."""
    body = "".join("    " + line + "\n" for line in code.splitlines())
    return ("_mpt_x = None\ntry:\n" + body +
            "except SystemExit as _mpt_e:\n"
            "    _mpt_x = _mpt_e.args[0] if _mpt_e.args else None\n"
            "    if not (_mpt_x is None or isinstance(_mpt_x, int)):\n"
            "        print(_mpt_x)\n"
            "        _mpt_x = 1\n")
