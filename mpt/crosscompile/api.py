"""The cross-compiler's library API: Python source in, .mpy bytes (or a CompiledModule) out.

No disk access: callers read the source and write the result. Errors are CompileError (with
mpy-cross's traceback text) or UsageError/MptError for options that cannot be honoured.
"""

from __future__ import annotations

import sys

from mpt import logs
from mpt.errors import MptError, UsageError
from mpt.mpy.rawcode import CompiledModule

# mpy-cross's -march names -> the architecture number written in native .mpy headers.
MARCH_NAMES = {
    "x86": 1, "x64": 2, "armv6": 3, "armv6m": 4, "armv7m": 5, "armv7em": 6, "armv7emsp": 7,
    "armv7emdp": 8, "xtensa": 9, "xtensawin": 10, "rv32imc": 11, "rv64imc": 12, "debug": 13,
    "host": 2,  # mpy-cross on x86-64 resolves "host" to x64
}

EMITTERS = ("bytecode", "native", "viper")

# The parser and compiler recurse once per nesting level of the source, like mpy-cross's C
# code does; deeply nested sources are retried on a thread with room for that.
DEEP_STACK_BYTES = 512 * 1024 * 1024
DEEP_RECURSION_LIMIT = 250_000


def compile_to_module(source: bytes | str, filename: str, *, source_name: str | None = None,
                      opt_level: int = 0, emit_source_lines: bool = True,
                      small_int_bits: int = 31, march: str | None = None,
                      emit: str = "bytecode", arch_flags: int = 0,
                      input_kind: str = "file", tstrings: bool = True,
                      native_debug_sink=None, board_native: str | None = None,
                      float_bits: int = 64, board_asm: bool = False) -> CompiledModule:
    """Parse and compile ``source`` as mpy-cross 1.29 does.

    ``input_kind`` "eval" or "single" compiles an expression or a REPL statement, as
    MicroPython's compile() builtin does (mpy-cross itself only compiles files).
    ``tstrings`` False lexes as a firmware without t-strings does (``t'x'`` is a syntax error).

    ``filename`` is the name parse errors report (mpy-cross's input path); ``source_name`` is
    embedded in the module and named by compile errors (mpy-cross's ``-s``; defaults to
    ``filename``). ``march`` selects a native architecture as ``-march`` does: sources without
    native code still compile to plain bytecode, but code that needs the native emitter
    (``@micropython.native``/``viper``/``asm_*``) is emitted as machine code where mpt has a
    back end for ``march`` (see ``mpt.crosscompile.native.archs``) and raises MptError where it
    has none yet. ``emit`` "native" (mpy-cross's ``-X emit=native``) compiles every function
    of the module as native code, "viper" as viper code; both need ``march`` or
    ``board_native``. ``arch_flags`` (rv32imc's
    -march-flags) is recorded in the header as mpy-cross does, even for bytecode-only output.

    ``march`` "debug" emits no machine code but a listing of the native emitter's operations
    (mpy-cross prints it on stdout): ``native_debug_sink``, a callable, receives it line by
    line as each native function is emitted (lines of functions emitted before an error
    included); without one the listing is dropped.

    ``board_native`` (an architecture name, without ``march``) compiles for the emulated
    board whose firmware has that native emitter: ``@micropython.native``/``viper`` functions
    are checked by it and compiled to bytecode, viper ones with their typed operations noted
    for the VM (see ``mpt.crosscompile.native.board``). ``board_asm``: that firmware also
    has the inline assembler of its CPU; its ``@micropython.asm_*`` functions are assembled
    for ``board_native`` (their machine code runs in mpt.runtime.vm.asm_call).

    ``float_bits`` 32 compiles as a firmware with single-precision floats compiles on the
    board: float literals are parsed and constant expressions folded in binary32 (the
    module's ``float_bits`` says so to the VM).
    """
    if march is not None and march not in MARCH_NAMES:
        raise UsageError(f"unknown architecture {march!r} for -march "
                         f"(expected one of: {', '.join(MARCH_NAMES)})")
    if not 1 <= small_int_bits <= 63:
        # mpy-cross accepts any number here, but outside 1..63 its output comes from C
        # undefined behaviour (over-wide shifts), so there is nothing sound to match.
        raise UsageError(f"small int bits must be between 1 and 63, not {small_int_bits}")
    if emit not in EMITTERS:
        raise UsageError(f"unknown emitter {emit!r} (expected one of: {', '.join(EMITTERS)})")
    default_emit_opt = 0
    if emit != "bytecode":
        native_target = march or board_native
        if native_target is None:
            raise UsageError("arch not specified")
        from mpt.crosscompile.native.hooks import module_emit_options
        default_emit_opt = module_emit_options(native_target, emit)

    if source_name is None:
        source_name = filename

    def run() -> CompiledModule:
        # lazy (start-up): the compiler loads on the first compile, not with the API
        from mpt.crosscompile.compiler import compile_module
        from mpt.crosscompile.parser import parse
        from mpt.crosscompile.qstrpool import QstrPool

        # mpy-cross interns the -s name before parsing; it can decide whether a long string
        # literal becomes a qstr.
        pool = QstrPool([source_name.encode("utf-8", "surrogateescape")])
        tree = parse(source, filename, input_kind, small_int_bits=small_int_bits,
                     opt_level=opt_level, qstrs=pool, tstrings=tstrings,
                     float_bits=float_bits)
        return compile_module(tree, source_name, opt_level=opt_level,
                              emit_source_lines=emit_source_lines, small_int_bits=small_int_bits,
                              is_repl=input_kind == "single", march=march,
                              default_emit_opt=default_emit_opt, arch_flags=arch_flags,
                              native_debug_sink=native_debug_sink,
                              board_native=None if march else board_native,
                              board_asm=board_asm and not march)

    try:
        module = run()
    except RecursionError:
        module = _run_with_deep_stack(run)
    if arch_flags:
        module.arch_flags = arch_flags
    module.float_bits = float_bits
    return module


def _run_with_deep_stack(fn):
    import threading

    outcome: dict[str, object] = {}

    def target():
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(DEEP_RECURSION_LIMIT)
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # handed back to the calling thread
            outcome["error"] = exc
        finally:
            sys.setrecursionlimit(old_limit)

    old_size = threading.stack_size(DEEP_STACK_BYTES)
    try:
        worker = threading.Thread(target=target, name="mpt-deep-compile")
        worker.start()
    finally:
        threading.stack_size(old_size)
    worker.join()
    error = outcome.get("error")
    if isinstance(error, RecursionError):
        raise MptError("the source nests too deeply for mpt's compiler") from None
    if error is not None:
        raise error
    return outcome["value"]


def compile_source(source: bytes | str, filename: str, *, source_name: str | None = None,
                   opt_level: int = 0, emit_source_lines: bool = True, small_int_bits: int = 31,
                   march: str | None = None, emit: str = "bytecode",
                   arch_flags: int = 0, native_debug_sink=None) -> bytes:
    """Compile ``source`` to the bytes of a .mpy file, identical to mpy-cross 1.29's output
    (``native_debug_sink``: see compile_to_module)."""
    logs.info("mpt.crosscompile", "compiling %s to .mpy (-O%d)", filename, opt_level)
    from mpt.mpy.mpyfile import write_mpy  # lazy (start-up): only when writing a file

    return write_mpy(compile_to_module(
        source, filename, source_name=source_name, opt_level=opt_level,
        emit_source_lines=emit_source_lines, small_int_bits=small_int_bits, march=march,
        emit=emit, arch_flags=arch_flags, native_debug_sink=native_debug_sink))
