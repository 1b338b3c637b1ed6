"""`mpt compile`: a drop-in for mpy-cross 1.29, plus a tree mode.

Single file (mpy-cross's own command line, parsed as mpy-cross parses it):

    mpt compile [-o OUT] [-s NAME] [-O[N] | -OO...] [-X OPT]... [-msmall-int-bits=N]
                [-march=ARCH] [-march-flags=F] [-v] [--] FILE.py|-

Tree mode, when --out-dir is given:

    mpt compile DIR_OR_FILE... --out-dir OUT [-j N] [--no-cache] [same compile options]
"""

from __future__ import annotations

import sys

from mpt.errors import UsageError

SINGLE_FILE_HELP = """\
Compile Python source to .mpy (drop-in for mpy-cross 1.29).

\b
Options (as mpy-cross):
  -o OUT                   output file ('-' for stdout; default: input with .py -> .mpy)
  -s NAME                  source file name to embed (default: the input path)
  -O[N], -OO, -OOO         optimisation level N (default 0)
  -X emit=EMITTER          bytecode (default), native or viper (these need -march)
  -X source-lines          include line numbers (default)
  -X no-source-lines       leave line numbers out
  -X heapsize=N            accepted and ignored
  -msmall-int-bits=N       bits in a small int (default 31)
  -march=ARCH              x86, x64, armv6, armv6m, armv7m, armv7em, armv7emsp, armv7emdp,
                           xtensa, xtensawin, rv32imc, rv64imc, host, debug
                           (debug: no machine code; the native emitter's operations
                           are printed on stdout)
  -march-flags=FLAGS       rv32imc extensions: a number or zba,zcmp
  -v                       accepted and ignored
  --version                version, in mpy-cross's format ("... emitting mpy v6.3")
  --                       end of options

\b
Tree mode:
  mpt compile DIR... --out-dir OUT [-j N] [--no-cache]
  compiles every .py under each DIR (in parallel, cached by content hash) to the same
  relative path under OUT, and prints "compiled N, cached M, failed K".
  -j N                     worker processes (default: one per CPU)
  --no-cache               compile everything (the cache is $MPT_CACHE_DIR, else
                           $XDG_CACHE_HOME/mpt/compile, else ~/.cache/mpt/compile)

Compile errors are printed exactly as mpy-cross prints them (exit status 1).
"""

_MARCH_FLAG_NAMES = {"zba": 1, "zcmp": 2}


class _Settings:
    def __init__(self):
        self.inputs: list[str] = []
        self.output: str | None = None
        self.source_name: str | None = None
        self.opt_level = 0
        self.emit = "bytecode"
        self.emit_source_lines = True
        self.small_int_bits = 31
        self.march: str | None = None
        self.march_flags: str | None = None
        self.out_dir: str | None = None
        self.jobs: int | None = None
        self.use_cache = True
        self.show_version = False


def _strtol(text: str) -> int | None:
    """C strtol(text, &end, 0) that must consume everything: decimal, 0x hex or 0 octal."""
    import re

    m = re.fullmatch(r"\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)", text)
    if m is None:
        return None
    digits = m.group(2)
    if digits[:2].lower() == "0x":
        value = int(digits[2:], 16)
    elif digits.startswith("0"):
        value = int(digits, 8)
    else:
        value = int(digits)
    return -value if m.group(1) == "-" else value


def _parse_arch_flags(text: str) -> int | None:
    import re

    m = re.fullmatch(r"(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)", text)
    if m:
        return int(text, 0) if not re.fullmatch(r"0[0-9]+", text) else int(text, 10)
    flags = 0
    for name in text.split(","):
        if name not in _MARCH_FLAG_NAMES:
            return None
        flags |= _MARCH_FLAG_NAMES[name]
    return flags or None


def _need_value(args: list[str], i: int, flag: str) -> str:
    if i + 1 >= len(args):
        raise UsageError(f"option {flag} needs a value")
    return args[i + 1]


def parse_args(args: list[str]) -> _Settings:
    """mpy-cross's option parsing (mpy-cross/main.c), plus the tree-mode options."""
    from mpt.crosscompile.api import MARCH_NAMES

    s = _Settings()
    parsing = True
    i = 0
    while i < len(args):
        arg = args[i]
        if parsing and arg.startswith("-") and arg != "-":
            if arg == "-X":
                value = _need_value(args, i, arg)
                if value.startswith("emit="):
                    s.emit = value[5:]
                    if s.emit not in ("bytecode", "native", "viper"):
                        raise UsageError(f"unknown -X option {value!r}")
                elif value == "source-lines":
                    s.emit_source_lines = True
                elif value == "no-source-lines":
                    s.emit_source_lines = False
                elif not value.startswith("heapsize="):
                    raise UsageError(f"unknown -X option {value!r}")
                i += 1
            elif arg == "--version":
                s.show_version = True  # mpy-cross prints it and stops right here
                return s
            elif arg == "-v":
                pass
            elif arg.startswith("-O"):
                if len(arg) > 2 and arg[2].isdigit():
                    s.opt_level = ord(arg[2]) & 0xF
                else:
                    s.opt_level = len(arg[1:]) - len(arg[1:].lstrip("O"))
            elif arg == "-o":
                s.output = _need_value(args, i, arg)
                i += 1
            elif arg == "-s":
                s.source_name = _need_value(args, i, arg).replace("\\", "/")
                i += 1
            elif arg.startswith("-msmall-int-bits="):
                bits = _strtol(arg[len("-msmall-int-bits="):])
                if bits is None:
                    raise UsageError(f"invalid value in {arg!r}")
                s.small_int_bits = bits
            elif arg.startswith("-march="):
                s.march = arg[len("-march="):]
                if s.march not in MARCH_NAMES:
                    raise UsageError(f"unknown architecture in {arg!r} "
                                     f"(expected one of: {', '.join(MARCH_NAMES)})")
            elif arg.startswith("-march-flags="):
                s.march_flags = arg[len("-march-flags="):]
            elif arg == "--out-dir" or arg.startswith("--out-dir="):
                if arg == "--out-dir":
                    s.out_dir = _need_value(args, i, arg)
                    i += 1
                else:
                    s.out_dir = arg[len("--out-dir="):]
            elif arg in ("-j", "--jobs"):
                value = _need_value(args, i, arg)
                if not value.isdigit() or int(value) < 1:
                    raise UsageError(f"{arg} needs a positive number, not {value!r}")
                s.jobs = int(value)
                i += 1
            elif arg == "--no-cache":
                s.use_cache = False
            elif arg == "--":
                parsing = False
            else:
                raise UsageError(f"unknown option {arg!r}")
        else:
            s.inputs.append(arg.replace("\\", "/"))
        i += 1
    return s


def _arch_flags(s: _Settings) -> int:
    if s.march_flags is None or s.march is None:
        return 0  # mpy-cross ignores -march-flags without -march
    flags = _parse_arch_flags(s.march_flags) if s.march == "rv32imc" else None
    if flags is None or flags & ~3:
        raise UsageError("unrecognised arch flags")
    return flags


def _default_output(input_path: str) -> str:
    # mpy-cross drops the last two characters and appends "mpy" (x.py -> x.mpy).
    return input_path[:-2] + "mpy"


def _compile_single(s: _Settings) -> None:
    from mpt.crosscompile.api import compile_source
    from mpt.errors import CompileError, InternalError, MptError
    from mpt.hostfiles import SOURCE, read_input

    if not s.inputs:
        raise UsageError("no input file")
    if len(s.inputs) > 1:
        raise UsageError("multiple input files")
    path = s.inputs[0]
    arch_flags = _arch_flags(s)
    if s.emit != "bytecode" and s.march is None:
        raise UsageError("arch not specified")
    source = read_input(path, SOURCE, folder_hint="use --out-dir OUT to compile a tree")
    filename = "<stdin>" if path == "-" else path
    listing = None
    if s.march == "debug":
        # mpy-cross -march=debug prints the native emitter's operations on stdout as it goes
        def listing(line: str) -> None:
            sys.stdout.buffer.write(line.encode("utf-8", "surrogateescape"))
    try:
        mpy = compile_source(source, filename, source_name=s.source_name,
                             opt_level=s.opt_level, emit_source_lines=s.emit_source_lines,
                             small_int_bits=s.small_int_bits, march=s.march, emit=s.emit,
                             arch_flags=arch_flags, native_debug_sink=listing)
    except CompileError as exc:
        sys.stdout.flush()
        sys.stderr.write(exc.traceback_text)
        sys.stderr.flush()
        sys.exit(1)
    except MptError:
        raise
    except Exception as exc:  # a bug in mpt: say so in one line rather than a Python traceback
        raise InternalError(f"internal error compiling {path}: "
                            f"{type(exc).__name__}: {exc}") from exc

    sys.stdout.flush()
    output = s.output if s.output is not None else ("-" if path == "-" else _default_output(path))
    if output == "-":
        stdout = sys.stdout.buffer
        stdout.write(mpy)
        stdout.flush()
        return
    from mpt.crosscompile.atomicfile import write_atomically

    try:
        write_atomically(output, mpy)
    except OSError as exc:
        raise MptError(f"cannot write {output}: {exc.strerror}") from None


class _ProgressBar:
    """`compiling [#####     ] 120/507` on one line of a terminal, for builds that take a
    while: it appears after SHOW_AFTER seconds, is redrawn at most every REDRAW seconds and
    is erased at the end. Nothing is drawn when the stream is not a terminal."""

    SHOW_AFTER = 0.5
    REDRAW = 0.1
    WIDTH = 30

    def __init__(self, stream):
        import time

        self.stream = stream
        self.clock = time.monotonic
        self.enabled = stream.isatty()
        self.started = self.clock()
        self.drawn_at = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or done >= total:
            return
        now = self.clock()
        if now - self.started < self.SHOW_AFTER:
            return
        if self.drawn_at is not None and now - self.drawn_at < self.REDRAW:
            return
        self.drawn_at = now
        filled = self.WIDTH * done // total if total else self.WIDTH
        bar = "#" * filled + " " * (self.WIDTH - filled)
        self.stream.write(f"\rcompiling [{bar}] {done}/{total}")
        self.stream.flush()

    def close(self) -> None:
        if self.drawn_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn_at = None


def _compile_tree(s: _Settings, out_dir: str) -> None:
    from mpt.crosscompile.tree import CompileOptions, compile_tree

    if not s.inputs:
        raise UsageError("no input directory")
    if s.output is not None or s.source_name is not None:
        raise UsageError("-o and -s apply to single files, not to --out-dir tree mode")
    if "-" in s.inputs:
        raise UsageError("stdin ('-') cannot be compiled in tree mode")
    if s.emit != "bytecode" and s.march is None:
        raise UsageError("arch not specified")
    from mpt.cli.output_paths import check_output_folder
    check_output_folder(out_dir, "--out-dir")
    options = CompileOptions(opt_level=s.opt_level, emit_source_lines=s.emit_source_lines,
                             small_int_bits=s.small_int_bits, march=s.march, emit=s.emit,
                             arch_flags=_arch_flags(s))
    progress = _ProgressBar(sys.stderr)
    try:
        result = compile_tree(s.inputs, out_dir, options, jobs=s.jobs, use_cache=s.use_cache,
                              on_progress=progress)
    finally:
        progress.close()
    for failure in result.failed:
        text = failure.message
        if not text.startswith("Traceback"):
            text = f"{failure.source.path}: {text}"
        sys.stderr.write(text)
    sys.stderr.flush()
    print(result.summary(), flush=True)
    if result.failed:
        sys.exit(1)


def run_compile(args: list[str]) -> None:
    """`mpt compile ARGS`: mpy-cross's command line (or tree mode); exits 1 on compile errors,
    raises MptError for everything else."""
    settings = parse_args(list(args))
    if settings.show_version:
        from mpt import __version__
        from mpt.mpy.rawcode import MPY_SUB_VERSION, MPY_VERSION

        # Tools parse "mpy-cross emitting mpy vX.Y" out of mpy-cross --version.
        print(f"mpt {__version__} (MicroPython v1.29.0 compatible); "
              f"mpy-cross emitting mpy v{MPY_VERSION}.{MPY_SUB_VERSION}", flush=True)
        return
    if settings.out_dir is not None:
        _compile_tree(settings, settings.out_dir)
    else:
        if settings.jobs is not None or not settings.use_cache:
            raise UsageError("-j and --no-cache apply to --out-dir tree mode only")
        # One file, few reference cycles: the cycle collector would only cost time.
        import gc

        collecting = gc.isenabled()
        gc.disable()
        try:
            _compile_single(settings)
        finally:
            if collecting:
                gc.enable()


def _make_click_command():
    import click

    @click.command("compile", help=SINGLE_FILE_HELP, context_settings={
        "ignore_unknown_options": True, "allow_interspersed_args": False,
        "help_option_names": ["--help"]})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def compile_command(args: tuple[str, ...]) -> None:
        run_compile(list(args))

    return compile_command


def __getattr__(name):
    # The click command is made only when the click command group asks for it (`mpt compile
    # --help`, chains); a plain `mpt compile` runs run_compile() without importing click.
    if name == "compile_command":
        command = _make_click_command()
        globals()["compile_command"] = command
        return command
    raise AttributeError(name)
