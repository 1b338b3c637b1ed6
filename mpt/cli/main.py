"""The `mpt` command group and the one place user errors become messages and exit codes."""

from __future__ import annotations

import sys

# This module is the `mpt` console script's entry point: it imports nothing else at module
# level, so that a Ctrl-C during start-up lands inside main(), which ends it quietly.
EXIT_INTERRUPTED = 130  # mpt.errors.EXIT_INTERRUPTED (tests/test_cli_startup.py checks)

# Subcommands are imported only when used, so that `mpt compile` starts fast.
# name -> "module:attribute"; a module not present in this build is not listed.
COMMANDS = {
    "compile": "mpt.cli.compile_cmd:compile_command",
    "disasm": "mpt.cli.disasm_cmd:disasm_command",
    "run": "mpt.cli.run_cmd:run_command",
    "emulate": "mpt.cli.emulate_cmd:emulate_command",
    "firmware": "mpt.cli.firmware_cmd:firmware_group",
    "fs": "mpt.cli.fs_cmd:fs_group",
    # talking to boards (board_cmds, files_cmd, repl_cmd, sync_cmd)
    "devs": "mpt.cli.board_cmds:devs_command",
    "exec": "mpt.cli.board_cmds:exec_command",
    "eval": "mpt.cli.board_cmds:eval_command",
    "repl": "mpt.cli.repl_cmd:repl_command",
    "info": "mpt.cli.board_cmds:info_command",
    "reset": "mpt.cli.board_cmds:reset_command",
    "bootloader": "mpt.cli.board_cmds:bootloader_command",
    "ls": "mpt.cli.files_cmd:ls_command",
    "cat": "mpt.cli.files_cmd:cat_command",
    "cp": "mpt.cli.files_cmd:cp_command",
    "rm": "mpt.cli.files_cmd:rm_command",
    "mkdir": "mpt.cli.files_cmd:mkdir_command",
    "rmdir": "mpt.cli.files_cmd:rmdir_command",
    "mv": "mpt.cli.files_cmd:mv_command",
    "touch": "mpt.cli.files_cmd:touch_command",
    "tree": "mpt.cli.files_cmd:tree_command",
    "sha256sum": "mpt.cli.files_cmd:sha256sum_command",
    "df": "mpt.cli.files_cmd:df_command",
    "sync": "mpt.cli.sync_cmd:sync_command",
    "mount": "mpt.cli.mount_cmd:mount_command",
    "deploy": "mpt.cli.sync_cmd:deploy_command",
    "mip": "mpt.cli.mip_cmd:mip_group",
    "romfs": "mpt.cli.romfs_cmd:romfs_group",
    "rtc": "mpt.cli.state_cmds:rtc_command",
    "soft-reset": "mpt.cli.state_cmds:soft_reset_command",
    "resume": "mpt.cli.state_cmds:resume_command",
    "edit": "mpt.cli.state_cmds:edit_command",
}


def _click_cli():
    """The click command group, built on first use: a plain `mpt compile` never needs click
    (which costs more start-up time than compiling a small file)."""
    global _CLI
    if _CLI is None:
        _CLI = _make_click_cli()
    return _CLI


_CLI = None


def _make_click_cli():
    import importlib
    import importlib.util

    import click

    from mpt import __version__
    from mpt.cli.typos import SuggestingGroup

    class LazyGroup(SuggestingGroup):
        def list_commands(self, ctx):
            names = set(super().list_commands(ctx))
            for name, target in COMMANDS.items():
                if importlib.util.find_spec(target.split(":")[0]) is not None:
                    names.add(name)
            return sorted(names)

        def get_command(self, ctx, name):
            command = super().get_command(ctx, name)
            if command is not None or name not in COMMANDS:
                return command
            module_name, attribute = COMMANDS[name].split(":")
            if importlib.util.find_spec(module_name) is None:
                return None
            return getattr(importlib.import_module(module_name), attribute)

    @click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, "--version", prog_name="mpt", message="%(prog)s %(version)s")
    @click.option("-p", "--port", default=None, metavar="PORT",
                  help="Board for the board commands (device, URL, emu, auto); also $MPT_PORT.")
    @click.option("-v", "--verbose", count=True,
                  help="Show what mpt does on stderr: -v commands and operations, -vv also the "
                       "bytes sent to and received from the board.")
    @click.pass_context
    def cli(ctx, port, verbose):
        """mpt: compile, run, deploy and flash MicroPython from one tool.

        Board commands can be chained with '+': mpt -p emu cp main.py : + exec "import main"
        """
        ctx.obj = {"port": port}
        if verbose:
            from mpt.cli.verbosity import configure_logging
            configure_logging(verbose)

    return cli


def __getattr__(name):
    if name == "cli":  # the group, for code that wants it as an attribute
        return _click_cli()
    raise AttributeError(name)


def error_line(message: str) -> str:
    return f"mpt: error: {message}"


def _is_plain_compile(argv: list[str]) -> bool:
    """`mpt compile ...` with no help asked and no chain: it takes mpy-cross's own command line,
    parsed without click."""
    return argv[:1] == ["compile"] and "--help" not in argv and "+" not in argv


# `mpt run` options taken without click, each with one value: option -> run_emulated keyword
_PLAIN_RUN_OPTIONS = {"--board": "board", "--flash": "flash"}


def _plain_run_options(argv: list[str]) -> dict[str, str] | None:
    """`mpt run [--board B] [--flash DIR] SCRIPT [ARGS]...` with no other option anywhere, no
    chain, no help, a readable SCRIPT file and (--flash) an existing folder: nothing that
    needs click's parsing or checks, so it runs without importing click; the options as
    run_emulated keywords.  Anything else (other options, --opt=value, a missing or unreadable
    SCRIPT, which click reports) goes through click: None."""
    if argv[:1] != ["run"] or "+" in argv:
        return None
    import os

    options: dict[str, str] = {}
    rest = argv[1:]
    while len(rest) >= 2 and rest[0] in _PLAIN_RUN_OPTIONS:
        keyword = _PLAIN_RUN_OPTIONS[rest[0]]
        if keyword in options or rest[1].startswith("-"):
            return None
        options[keyword] = rest[1]
        rest = rest[2:]
    if not rest or any(arg.startswith("-") for arg in rest):
        return None
    flash = options.get("flash")
    if flash is not None and not (os.path.isdir(flash) and os.access(flash, os.R_OK)):
        return None  # click's checks of the folder (file_okay=False), and its messages
    script = rest[0]
    if not (os.path.isfile(script) and os.access(script, os.R_OK)):
        return None
    return options


def _plain_run(argv: list[str], options: dict[str, str]) -> None:
    from mpt.cli.run_emulated import run_emulated

    rest = argv[1 + 2 * len(options):]
    try:
        run_emulated(rest[0], rest[1:], board=options.get("board"), flash=options.get("flash"))
    except (EOFError, KeyboardInterrupt):
        # as through click, which turns these into Abort
        sys.stderr.write("\n")
        sys.stderr.flush()
        sys.exit(EXIT_INTERRUPTED)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `mpt` console script.

    Everything it does, imports included, runs inside the one handler of KeyboardInterrupt:
    a Ctrl-C at any moment (start-up, a command, reporting an error) ends with the one line
    `mpt: error: interrupted` and exit status 130, never a traceback.
    """
    try:
        from mpt.errors import MptError

        argv = sys.argv[1:] if argv is None else list(argv)
        if _is_plain_compile(argv):
            from mpt.cli.compile_cmd import run_compile

            run_compile(argv[1:])
        elif (run_options := _plain_run_options(argv)) is not None:
            _plain_run(argv, run_options)
        else:
            _run_click(argv)
    except KeyboardInterrupt:  # first: MptError is unbound if Ctrl-C came during its import
        _exit_interrupted()
    except MptError as exc:
        try:
            _print_error(exc.message)
        except KeyboardInterrupt:
            _exit_interrupted()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(0)


def _exit_interrupted() -> None:
    try:
        _print_error("interrupted")
    except KeyboardInterrupt:
        pass  # a second Ctrl-C while it is said: still one line at most, and exit 130
    sys.exit(EXIT_INTERRUPTED)


def _print_error(message: str) -> None:
    sys.stdout.flush()
    sys.stderr.write(error_line(message) + "\n")
    sys.stderr.flush()


def _run_click(argv: list[str]) -> None:
    import click

    from mpt.cli.chain import set_remaining, split_chain
    from mpt.errors import EXIT_USAGE

    cli = _click_cli()
    # click >= 8.2 raises this for a group called without a command (older versions print the help)
    no_args_is_help = getattr(click.exceptions, "NoArgsIsHelpError", ())
    try:
        parts = split_chain(argv, COMMANDS)
        for index, command_line in enumerate(parts):
            set_remaining(len(parts) - index - 1)
            status = cli.main(args=command_line, prog_name="mpt", standalone_mode=False)
            if isinstance(status, int) and status:  # click returns Exit(n) codes here
                sys.exit(status)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except no_args_is_help as exc:  # bare `mpt` or `mpt firmware`: the help, not an error
        click.echo(exc.ctx.get_help())
        sys.exit(0)
    except click.exceptions.Abort:
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        hint = ""
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            hint = f" (see '{ctx.command_path} --help')"
        _print_error(exc.format_message() + hint)
        sys.exit(exc.exit_code if exc.exit_code else EXIT_USAGE)


if __name__ == "__main__":
    main()
