"""`mpt-micropython`: the unix port's ``micropython`` command line, running on the emulated board.

A drop-in for the unix binary (ports/unix/main.c), so that ``MICROPY_MICROPYTHON=mpt-micropython
tests/run-tests.py`` and scripts written for the unix port work unchanged::

    mpt-micropython [<opts>] [-X <implopt>] [-c <command> | -m <module> | <filename> | -] [args]

Options as the unix binary reads them: ``-h``, ``--version``, ``-i`` (the REPL after the
program), ``-v`` (repeatable; at exit the heap summary of ``micropython.mem_info()``),
``-O[N]`` / ``-OO...`` (optimisation level), ``-X compile-only``,
``-X emit={bytecode,native}`` (native: every function compiled on the board is native, as if
so decorated: checked by the board's native emitter, run as mpt runs such functions; the unix
port's ``emit=viper`` for whole programs is refused),
``-X heapsize=<n>[w][K|M]``. The guest sees the unix port's standard build (``sys.platform``
``linux``, its banner, heap and threads: the ``unix`` profile, mpt.runtime.board.ports.unix);
``-X board=NAME`` (or the ``MPT_BOARD`` variable) runs its language on a board profile instead.

The program is a file (``sys.argv`` from its name on, ``__file__`` its path as given,
``sys.path[0]`` its folder), ``-c CMD`` (``sys.argv[0] == '-c'``), ``-m MODULE`` (imported as
``__main__`` from ``sys.path``), ``-`` or a piped stdin (the program text, named ``<stdin>``).
No program with a terminal on stdin starts the board's REPL. ``sys.path`` is ``['']`` then
the ``MICROPYPATH`` entries (``:``-separated, ``~/`` expanded; default
``.frozen:~/.micropython/lib:/usr/lib/micropython``); folders in it are host folders.

The board's filesystem ("/" and its current directory) is the current folder, or the folder
``MPT_FLASH`` names. Invalid options print the unix binary's message and exit with 1; a
missing file exits with 2.
"""

from __future__ import annotations

import os
import sys

from mpt.errors import CompileError, InputFileError, MptError
from mpt.hostfiles import SOURCE, read_input

DEFAULT_PATH = ".frozen:~/.micropython/lib:/usr/lib/micropython"
EMITTERS = ("bytecode", "native")  # viper for whole modules: not yet
DROP_IN_PROFILE = "unix"  # the unix port's build, not a board
WORD_BYTES = 4  # the emulated boards are 32-bit: heapsize's "w" (words of 4 bytes) changes nothing


class InvalidArgs(Exception):
    """The command line is not one the unix binary accepts."""


class Settings:
    """What the command line asks for."""

    def __init__(self) -> None:
        self.compile_only = False
        self.heap_size: int | None = None
        self.board: str = os.environ.get("MPT_BOARD") or DROP_IN_PROFILE
        self.features = os.environ.get("MPT_UNIX_FEATURES") or "unix"
        self.inspect = False
        self.verbose = 0
        self.opt_level = 0
        self.emit = "bytecode"
        self.mode: str | None = None   # "file", "command", "module", "stdin"
        self.target = ""               # the file, command or module name
        self.argv: list[str] = []


def _heap_size(text: str) -> int:
    """``heapsize=`` as main.c reads it: strtol base 0, optional w, then K or M."""
    import re

    m = re.fullmatch(r"([+-]?(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*))([wW]?)([kKmM]?)", text)
    if m is None:
        raise InvalidArgs()
    digits = m[1]
    body = digits.lstrip("+-")
    size = int(body, 16) if body[:2].lower() == "0x" else int(body, 8) if (
        body.startswith("0") and len(body) > 1) else int(body)
    if digits.startswith("-"):
        size = -size
    if m[3]:
        size *= 1024 if m[3] in "kK" else 1024 * 1024
    if m[2]:
        size = size * WORD_BYTES // 4
    if size < 700:
        raise InvalidArgs()
    return size


def _implementation_option(option: str, settings: Settings) -> None:
    if option == "compile-only":
        settings.compile_only = True
    elif option.startswith("emit="):
        if option[5:] not in EMITTERS:
            raise InvalidArgs()
        settings.emit = option[5:]
    elif option.startswith("heapsize="):
        settings.heap_size = _heap_size(option[9:])
    elif option.startswith("board=") and option[6:]:
        settings.board = option[6:]
    else:
        raise InvalidArgs()


def usage(prog: str, board: str) -> str:
    from mpt.runtime.board.profiles import get_profile

    heap = get_profile(board).heap_bytes
    return (f"usage: {prog} [<opts>] [-X <implopt>] [-c <command> | -m <module> | <filename>]\n"
            "Options:\n"
            "--version : show version information\n"
            "-h : print this help message\n"
            "-i : enable inspection via REPL after running command/module/file\n"
            "-v : verbose (trace various operations); can be multiple\n"
            "-O[N] : apply bytecode optimizations of level N\n"
            "\n"
            "Implementation specific options (-X):\n"
            "  compile-only                 -- parse and compile only\n"
            "  emit={bytecode,native}       -- set the default code emitter\n"
            f"  heapsize=<n>[w][K|M] -- set the heap size for the GC (default {heap})\n"
            "  board=<name>                 -- an emulated board (default: $MPT_BOARD, else the "
            "unix build)\n")


def parse(args: list[str], prog: str, out) -> Settings | int:
    """Settings for ``args`` (the command line without the program name), or an exit status
    once -h / --version have printed their text."""
    settings = Settings()
    # first pass (pre_process_options): -h, --version and -X up to the program
    a = 0
    while a < len(args):
        arg = args[a]
        if not arg.startswith("-") or arg in ("-c", "-m", "-"):
            break
        if arg == "-h":
            out(usage(prog, settings.board))
            return 0
        if arg == "--version":
            from mpt.runtime.board.profiles import get_profile

            out(get_profile(settings.board).version_line + "\n")
            return 0
        if arg == "-X":
            if a + 1 >= len(args):
                raise InvalidArgs()
            _implementation_option(args[a + 1], settings)
            a += 1
        a += 1
    # second pass: the options that set up the run, then the program
    a = 0
    while a < len(args):
        arg = args[a]
        if arg == "-" or not arg.startswith("-"):
            settings.mode = "stdin" if arg == "-" else "file"
            settings.target = arg
            settings.argv = args[a:]
            break
        if arg == "-i":
            settings.inspect = True
        elif arg in ("-c", "-m"):
            if a + 1 >= len(args):
                raise InvalidArgs()
            settings.target = args[a + 1]
            if arg == "-c":
                settings.mode = "command"
                settings.argv = ["-c", *args[a + 2:]]
            else:
                settings.mode = "module"
                settings.argv = args[a + 1:]
            break
        elif arg == "-X":
            a += 1
        elif arg == "-v":
            settings.verbose += 1
        elif arg.startswith("-O"):
            if arg[2:3].isdigit():
                settings.opt_level = int(arg[2]) & 0xF
            else:
                settings.opt_level = len(arg[1:]) - len(arg[1:].lstrip("O"))
        else:
            raise InvalidArgs()
        a += 1
    return settings


def search_path() -> list[str]:
    """sys.path: '' then MICROPYPATH's entries (``~/`` expanded)."""
    text = os.environ.get("MICROPYPATH")
    if text is None:
        text = DEFAULT_PATH
    if text.startswith(":"):
        text = text[1:]
    path = [""]
    if not text:
        return path
    home = os.environ.get("HOME")
    for entry in text.split(":"):
        if entry.startswith("~/") and home is not None:
            entry = home + entry[1:]
        path.append(entry)
    return path


def _module_file(name: str, path: list[str]) -> str | None:
    """The host file ``-m name`` runs (a package's __main__.py), searched along ``path``."""
    parts = name.split(".")
    for entry in path:
        if entry == ".frozen":
            continue
        base = os.path.join(entry or ".", *parts)
        for candidate in (base + ".py", base + ".mpy", os.path.join(base, "__main__.py")):
            if os.path.isfile(candidate):
                return candidate
    return None


def run(settings: Settings, prog: str, stdout, stderr, read_stdin) -> int:
    """Run the program the settings name on a fresh emulated board; the exit status."""
    path = search_path()
    cwd = os.getcwd()
    script = os.path.join(cwd, "<stdin>")  # -c, -m and stdin import from the current folder
    name = "<stdin>"
    program: bytes | None = None
    if settings.mode == "file":
        target = settings.target
        if not os.path.exists(target):
            import errno

            stderr(f"{prog}: can't open file '{target}': [Errno {errno.ENOENT}] "
                   f"{os.strerror(errno.ENOENT)}\n")
            return 2
        try:
            with open(target, "rb"):
                pass
        except OSError as exc:
            stderr(f"{prog}: can't open file '{target}': [Errno {exc.errno}] {exc.strerror}\n")
            return 2
        try:
            program = read_input(target, SOURCE)
        except InputFileError as exc:
            stderr(f"{prog}: {exc.message}\n")
            return 2
        script, name = os.path.abspath(target), target
        path[0] = os.path.dirname(script)
    elif settings.mode == "command":
        program = settings.target.encode("utf-8", "surrogateescape")
    elif settings.mode == "module":
        found = _module_file(settings.target, path)
        if found is None:
            stderr("Traceback (most recent call last):\n"
                   f"ImportError: no module named '{settings.target}'\n")
            return 1
        try:
            program = read_input(found, SOURCE)
        except InputFileError as exc:
            stderr(f"{prog}: {exc.message}\n")
            return 2
        name = found  # imports still look in the current folder first, as sys.path[0] is ''
    elif settings.mode == "stdin" or not settings.inspect and not sys.stdin.isatty():
        program = read_stdin()
    if settings.compile_only and program is not None:
        return _compile_only(program, name, settings, stderr)
    state: dict = {}

    def prepare(interpreter, main_globals=None) -> None:
        runtime = interpreter.runtime
        runtime.path[:] = path
        runtime.host_dirs = frozenset(e for e in path if e not in ("", ".frozen"))
        runtime.opt_level = settings.opt_level
        runtime.default_emit = settings.emit
        if main_globals is not None and settings.mode in ("file", "module"):
            main_globals["__file__"] = name
        if settings.heap_size is not None:
            from mpt.runtime.library.heap_model import GuestHeap

            profile = runtime.context.board.profile
            runtime.context.extra["guest_heap"] = GuestHeap(settings.heap_size, profile.platform)
        state["interpreter"] = interpreter

    try:
        if program is None or settings.inspect:
            from mpt.unix_repl import terminal_repl

            status = terminal_repl(_board_options(settings), prepare,
                                   None if program is None else (program, stderr),
                                   before_guest=lambda board: _confine(board, path))
        else:
            status = _run_on_board(script, settings, program, name, prepare, stdout, stderr,
                                   before_guest=lambda board: _confine(board, path))
    except MptError as exc:
        stderr(f"{prog}: {exc}\n")
        return 1
    if settings.verbose and "interpreter" in state:
        from mpt.runtime.library.heap_model import heap_for

        runtime = state["interpreter"].runtime
        stdout(heap_for(runtime.context).info_text(runtime.features.mem_stats))
    return status


def _board_options(settings: Settings):
    from mpt.errors import UsageError
    from mpt.runtime.board.setup import FEATURE_BUILDS, BoardOptions

    if settings.features not in FEATURE_BUILDS:
        raise UsageError(f"MPT_UNIX_FEATURES={settings.features}: not a build "
                         f"(choose from: {', '.join(sorted(FEATURE_BUILDS))})")
    # the language of the unix port's standard build (MPT_UNIX_FEATURES=unix-float: built
    # with single-precision floats), on the chosen board's hardware
    return BoardOptions(board=settings.board, flash=os.environ.get("MPT_FLASH") or os.getcwd(),
                        features=settings.features)


def _run_on_board(script, settings, program, name, prepare, stdout, stderr,
                  before_guest) -> int:
    """The one call into the board's run path (`mpt run` uses the same)."""
    from mpt.runtime.board.run import run_on_board

    return run_on_board(script, settings.argv, _board_options(settings), stdout=stdout,
                        stderr=stderr,
                        program=program, name=name, prepare=prepare, before_guest=before_guest,
                        interrupted_status=1)  # the unix port: an uncaught exception


def _confine(board, path: list[str]) -> None:
    """The OS boundary of `mpt run` (mpt.runtime.board.confine): the board's flash (the
    current folder, or $MPT_FLASH) read-write, the folders on the module path read-only."""
    from mpt.runtime.board.confine import confine_board_process

    folders = [os.path.abspath(entry) for entry in path if entry not in ("", ".frozen")]
    confine_board_process(board, read_only=[entry for entry in folders if os.path.isdir(entry)],
                          supervised=True)


def _compile_only(program: bytes, name: str, settings: Settings, stderr) -> int:
    """-X compile-only: compile as the board would, run nothing."""
    if name.endswith(".mpy"):
        return 0
    from mpt.crosscompile.api import compile_to_module

    try:
        compile_to_module(program.decode("utf-8", "replace"), name,
                          opt_level=settings.opt_level)
    except CompileError as exc:
        stderr(exc.traceback_text)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    prog = argv[0] if argv else "mpt-micropython"
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(errors="surrogatepass")

    def write(text: str) -> None:
        try:
            out.write(text)
            if "\n" in text:
                out.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
            raise SystemExit(0) from None

    def err(text: str) -> None:
        out.flush()
        sys.stderr.write(text)
        sys.stderr.flush()

    try:
        settings = parse(argv[1:], prog, write)
    except InvalidArgs:
        err("Invalid command line arguments. Use -h option for help.\n")
        return 1
    if isinstance(settings, int):
        return settings
    try:
        return run(settings, prog, write, err, sys.stdin.buffer.read)
    finally:
        out.flush()


def console_main() -> None:
    sys.exit(main())


if __name__ == "__main__":
    console_main()
