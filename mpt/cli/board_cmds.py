"""Commands that talk to a board: exec, eval, ls, cat, cp, rm, mkdir, sync, reset, info, ...

Board paths start with ':' (':main.py', ':lib/', ':' for the current folder). Exit codes:
0 success, 1 the code run on the board raised, 2 usage, 3 connection, 4 device error.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from mpt.cli.board_session import board_command, connect, connection_settings
from mpt.errors import RemoteException, UsageError


def _fs(settings):
    from mpt.fs.remote import BoardFS
    return BoardFS(connect(settings))


def _remote(argument: str) -> str:
    from mpt.fs.paths import strip_mark
    return strip_mark(argument)


def _missing(argument: str):
    from mpt.fs.remote import BoardFileError
    return BoardFileError(f"{argument}: no such file or directory on the board", "ENOENT")


def _write_stdout(data: bytes) -> None:
    out = sys.stdout.buffer
    out.write(data.replace(b"\r\n", b"\n"))
    out.flush()


class _Progress:
    """A one-line progress display on stderr when it is a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.label = ""
        self.started = time.monotonic()

    def file(self, source: str, target: str, size: int) -> None:
        self.label = f"{source} -> {target}"
        self.started = time.monotonic()
        if not self.enabled:
            click.echo(f"cp {source} {target}", err=True)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        percent = 100 * done // total if total else 100
        rate = done / max(time.monotonic() - self.started, 1e-6) / 1024
        click.echo(f"\r{self.label} {percent:3d}% {rate:7.1f} KiB/s", err=True, nl=done >= total)


# -- running code -----------------------------------------------------------------------------

@click.command("exec")
@click.argument("code", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False),
              help="Run this host file on the board instead of CODE.")
@click.option("--timeout", type=float, default=None,
              help="Give up if the board prints nothing for this many seconds.")
@click.option("--no-follow", is_flag=True,
              help="Start the code and return at once, leaving it running on the board.")
@board_command
def exec_command(settings, code, file, timeout, no_follow):
    """Run Python CODE (or a host file) on the board, streaming its output."""
    if (code is None) == (file is None):
        raise UsageError("give CODE (- reads it from stdin) or --file FILE")
    if file:
        source = Path(file).read_bytes()
    elif code == "-":
        source = sys.stdin.buffer.read()
    else:
        source = code.encode()
    transport = connect(settings)
    if no_follow:
        transport.start(source)
        return
    try:
        transport.run_streaming(source, on_output=_write_stdout, timeout=timeout)
    except RemoteException as exc:
        sys.stdout.flush()
        click.echo(exc.traceback_text.replace("\r\n", "\n"), err=True, nl=False)
        raise click.exceptions.Exit(1)


def run_on_port(port: str | None, script: str, args) -> int:
    """`mpt run -p PORT SCRIPT`: run a host .py or .mpy file on a board; return an exit status.

    A .mpy file is copied to the board as a temporary module and imported. The board's
    sys.argv is set to [SCRIPT, *ARGS] first.
    """
    settings = connection_settings(click.get_current_context(), port, 115200, None, None, None)
    transport = connect(settings)
    path = Path(script)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {script}: {exc.strerror}") from exc
    argv = [script, *args]
    transport.exec(f"import sys\ntry:\n    sys.argv[:] = {argv!r}\nexcept Exception:\n    pass")
    module = None
    if path.suffix == ".mpy":
        from mpt.fs.remote import BoardFS
        module = "_mpt_run"
        BoardFS(transport).write_file(f"/{module}.mpy", data)
        data = (f"import sys\ntry:\n    import {module}\nfinally:\n"
                f"    sys.modules.pop({module!r}, None)\n").encode()
    try:
        transport.run_streaming(data, on_output=_write_stdout)
    except RemoteException as exc:
        sys.stdout.flush()
        click.echo(exc.traceback_text.replace("\r\n", "\n"), err=True, nl=False)
        return 1
    finally:
        if module is not None:
            try:
                transport.exec(f"import os\nos.remove('/{module}.mpy')")
            except RemoteException:
                pass
    return 0


@click.command("eval")
@click.argument("expression")
@click.option("--json", "as_json", is_flag=True, help="Print the value as JSON.")
@board_command
def eval_command(settings, expression, as_json):
    """Evaluate EXPRESSION on the board and print its value."""
    transport = connect(settings)
    if as_json:
        click.echo(json.dumps(transport.eval(expression), default=repr))
    else:
        text = transport.exec(f"print(repr({expression}))")
        _write_stdout(text)


@click.command("repl")
@click.option("--capture", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write everything the board prints to this file.")
@board_command
def repl_command(settings, capture):
    """Interactive REPL on the board (Ctrl-] exits)."""
    from mpt.transport.console import run_console

    transport = connect(settings)
    if transport.repl.in_raw_repl:
        transport.leave_raw_repl()
    capture_file = open(capture, "ab") if capture else None
    out = sys.stdout.buffer

    def show(data: bytes) -> None:
        out.write(data)
        out.flush()
        if capture_file is not None:
            capture_file.write(data)
            capture_file.flush()

    stdin_fd = sys.stdin.fileno()
    interactive = os.isatty(stdin_fd)
    if interactive:
        click.echo(f"Connected to {transport.name}; Ctrl-] to exit", err=True)
    saved = _raw_terminal(stdin_fd) if interactive else None
    try:
        transport.write(b"\r")  # a fresh prompt
        while True:
            reason = run_console(transport, stdin_fd, show, translate_newline=not interactive)
            if reason != "lost" or "://" in transport.device:
                break
            # unplugged or reset: wait for the same port, or the same USB serial number
            show(b"\r\n[mpt: board disconnected; waiting up to 30 s for it to return]\r\n")
            transport.reconnect(wait=30)
            show(f"[mpt: reconnected on {transport.device}]\r\n".encode())
    finally:
        if saved is not None:
            import termios
            termios.tcsetattr(stdin_fd, termios.TCSADRAIN, saved)
        if capture_file is not None:
            capture_file.close()
    if interactive:
        click.echo("", err=True)
    if reason == "lost":
        from mpt.errors import ConnectionFailed
        raise ConnectionFailed(f"lost the connection to {transport.name}")


def _raw_terminal(fd: int):
    import termios
    import tty
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    return saved


# -- resets -----------------------------------------------------------------------------------

@click.command("reset")
@click.option("--soft", is_flag=True, help="Soft reset (restart the interpreter; boot.py and "
                                          "main.py run) instead of a hard reset.")
@board_command
def reset_command(settings, soft):
    """Reset the board."""
    transport = connect(settings)
    if soft:
        transport.enter_raw_repl()
        transport.leave_raw_repl()
        transport.write(b"\x04")
    else:
        transport.hard_reset()


@click.command("bootloader")
@board_command
def bootloader_command(settings):
    """Restart the board into its bootloader (for flashing)."""
    from mpt.cli.board_session import forget
    transport = connect(settings)
    forget(transport)
    transport.enter_bootloader()


# -- information ------------------------------------------------------------------------------

INFO_CODE = """\
import sys, os, gc
i = {'platform': sys.platform, 'version': '.'.join(str(v) for v in sys.implementation[1][:3])}
try:
    u = os.uname()
    i['machine'] = u[4]
    i['release'] = u[2]
except Exception:
    pass
gc.collect()
try:
    i['mem_free'] = gc.mem_free()
    i['mem_alloc'] = gc.mem_alloc()
except Exception:
    pass
try:
    s = os.statvfs('/')
    i['fs_size'] = s[0] * s[2]
    i['fs_free'] = s[0] * s[4]
except Exception:
    pass
try:
    import machine
    i['freq'] = machine.freq() if not isinstance(machine.freq(), tuple) else machine.freq()[0]
    i['unique_id'] = ''.join('%02x' % b for b in machine.unique_id())
except Exception:
    pass
print(repr(i))
"""


@click.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@board_command
def info_command(settings, as_json):
    """What the board is: firmware, machine, memory, file system."""
    import ast
    transport = connect(settings)
    info = ast.literal_eval(transport.exec(INFO_CODE).decode().strip())
    info = {"port": transport.name, **info}
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    for key, value in info.items():
        click.echo(f"{key:10} {value}")


@click.command("devs")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def devs_command(as_json):
    """List serial ports; recognised MicroPython boards are marked."""
    from mpt.transport.ports import list_ports
    ports = list_ports()
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in ports], indent=2))
        return
    if not ports:
        click.echo("no serial ports found (the emulated board is always available: -p emu)")
    for port in ports:
        mark = "*" if port.board else " "
        click.echo(f"{mark} {port.device:20} {port.usb_id:9} {port.serial_number or '-':20} "
                   f"{port.board or port.description}")


# -- file system ------------------------------------------------------------------------------

@click.command("ls")
@click.argument("paths", nargs=-1)
@click.option("-l", "long", is_flag=True, help="Show sizes and modification times.")
@click.option("-r", "recursive", is_flag=True, help="List sub-folders too.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@board_command
def ls_command(settings, paths, long, recursive, as_json):
    """List board folders (default ':', the current folder)."""
    fs = _fs(settings)
    results = {}
    for argument in paths or (":",):
        path = _remote(argument)
        if recursive:
            kind, entries = fs.walk(path)
            if kind is None:
                raise _missing(argument)
        else:
            kind, entries = fs.list(path)
            if kind is None:
                raise _missing(argument)
        results[argument] = entries
    if as_json:
        listing = {arg: [{"name": e.name, "type": "dir" if e.is_dir else "file",
                          "size": e.size, "mtime": e.mtime} for e in entries]
                   for arg, entries in results.items()}
        click.echo(json.dumps(listing if len(listing) > 1 else next(iter(listing.values())),
                              indent=2))
        return
    for argument, entries in results.items():
        if len(results) > 1:
            click.echo(f"{argument}:")
        for entry in entries:
            name = entry.name + ("/" if entry.is_dir else "")
            if long:
                click.echo(f"{entry.size:>10} {_time_text(entry.mtime)} {name}")
            else:
                click.echo(name)


def _time_text(mtime: int) -> str:
    if not mtime:
        return " " * 16
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(mtime))


@click.command("cat")
@click.argument("paths", nargs=-1, required=True)
@board_command
def cat_command(settings, paths):
    """Print board files."""
    fs = _fs(settings)
    for argument in paths:
        data = fs.read_file(_remote(argument))
        sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@click.command("cp")
@click.argument("arguments", nargs=-1, required=True)
@click.option("-r", "recursive", is_flag=True, help="Copy folders.")
@click.option("-q", "--quiet", is_flag=True, help="Do not report each file.")
@board_command
def cp_command(settings, arguments, recursive, quiet):
    """Copy files: SOURCE... DEST, board paths marked with ':'.

    \b
    mpt cp main.py :            host -> board folder
    mpt cp -r lib :lib          folder, recursively
    mpt cp :data.csv .          board -> host
    """
    from mpt.fs.copy import copy
    if len(arguments) < 2:
        raise UsageError("cp needs SOURCE... DEST")
    progress = _Progress(not quiet)
    copy(_fs(settings), list(arguments[:-1]), arguments[-1], recursive=recursive,
         on_file=None if quiet else progress.file, on_progress=progress)


@click.command("rm")
@click.argument("paths", nargs=-1, required=True)
@click.option("-r", "recursive", is_flag=True, help="Remove folders and what they hold.")
@board_command
def rm_command(settings, paths, recursive):
    """Remove board files (folders with -r)."""
    fs = _fs(settings)
    for argument in paths:
        fs.remove(_remote(argument), recursive=recursive)


@click.command("mkdir")
@click.argument("paths", nargs=-1, required=True)
@click.option("-p", "--parents", is_flag=True, help="Make parent folders too; no error if "
                                                     "the folder exists.")
@board_command(short_port=False)
def mkdir_command(settings, paths, parents):
    """Make board folders."""
    fs = _fs(settings)
    for argument in paths:
        fs.mkdir(_remote(argument), parents=parents)


@click.command("rmdir")
@click.argument("paths", nargs=-1, required=True)
@board_command
def rmdir_command(settings, paths):
    """Remove empty board folders."""
    fs = _fs(settings)
    for argument in paths:
        fs.rmdir(_remote(argument))


@click.command("mv")
@click.argument("source")
@click.argument("target")
@board_command
def mv_command(settings, source, target):
    """Rename or move a board file or folder."""
    fs = _fs(settings)
    destination = _remote(target)
    if target.endswith("/") or fs.is_dir(destination):
        from mpt.fs.paths import basename, join
        destination = join(destination, basename(_remote(source)))
    fs.rename(_remote(source), destination)


@click.command("touch")
@click.argument("paths", nargs=-1, required=True)
@board_command
def touch_command(settings, paths):
    """Create empty board files (existing ones are left as they are)."""
    fs = _fs(settings)
    for argument in paths:
        fs.touch(_remote(argument))


@click.command("tree")
@click.argument("path", default=":")
@board_command
def tree_command(settings, path):
    """Show a board folder and everything below it."""
    fs = _fs(settings)
    kind, entries = fs.walk(_remote(path))
    if kind is None:
        raise _missing(path)
    click.echo(path)
    children: dict[str, list] = {}
    for entry in entries:
        head = entry.name.rsplit("/", 1)[0] if "/" in entry.name else ""
        children.setdefault(head, []).append(entry)

    def show(folder: str, indent: str) -> None:
        items = sorted(children.get(folder, []), key=lambda e: e.name)
        for index, entry in enumerate(items):
            last = index == len(items) - 1
            name = entry.name.rsplit("/", 1)[-1]
            size = "" if entry.is_dir else f" ({entry.size})"
            click.echo(f"{indent}{'└── ' if last else '├── '}{name}{'/' if entry.is_dir else ''}{size}")
            if entry.is_dir:
                show(entry.name, indent + ("    " if last else "│   "))

    if kind == "dir":
        show("", "")


@click.command("sha256sum")
@click.argument("paths", nargs=-1, required=True)
@board_command
def sha256sum_command(settings, paths):
    """SHA-256 of board files, computed on the board."""
    import hashlib
    fs = _fs(settings)
    for argument in paths:
        digest = fs.sha256(_remote(argument))
        if digest is None:  # firmware without hashlib: hash a downloaded copy
            digest = hashlib.sha256(fs.read_file(_remote(argument))).hexdigest()
        click.echo(f"{digest}  {argument}")


@click.command("df")
@click.argument("path", default=":/")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@board_command
def df_command(settings, path, as_json):
    """Size and free space of the board's file system."""
    usage = _fs(settings).df(_remote(path) or "/")
    if as_json:
        click.echo(json.dumps(usage))
        return
    click.echo(f"{'size':>10} {'used':>10} {'free':>10} mounted on")
    click.echo(f"{usage['size']:>10} {usage['used']:>10} {usage['free']:>10} {usage['path']}")


@click.command("sync")
@click.argument("local", type=click.Path(exists=True, file_okay=False))
@click.argument("remote", default=":")
@click.option("--delete", is_flag=True, help="Remove board files that are not on the host.")
@click.option("-n", "--dry-run", is_flag=True, help="Only show what would change.")
@click.option("-x", "--exclude", multiple=True, metavar="PATTERN",
              help="Skip paths matching PATTERN (repeatable; __pycache__, *.pyc, .git are "
                   "always skipped).")
@board_command
def sync_command(settings, local, remote, delete, dry_run, exclude):
    """Make board folder REMOTE (default ':') match host folder LOCAL; copy only changes."""
    from mpt.fs.sync import DEFAULT_EXCLUDES, plan_sync
    fs = _fs(settings)
    plan = plan_sync(fs, Path(local), _remote(remote), delete=delete,
                     excludes=(*DEFAULT_EXCLUDES, *exclude))
    report_sync(fs, plan, dry_run)


def report_sync(fs, plan, dry_run: bool) -> None:
    from mpt.fs.sync import apply_sync
    if dry_run:
        for folder in plan.mkdirs:
            click.echo(f"mkdir   :{plan.remote_root}/{folder}".rstrip("/"))
        for upload in plan.uploads:
            click.echo(f"{upload.reason:7} :{plan.remote_root.rstrip('/')}/{upload.relative}")
        for relative in plan.deletes:
            click.echo(f"delete  :{plan.remote_root.rstrip('/')}/{relative}")
    else:
        apply_sync(fs, plan, on_action=lambda kind, path: click.echo(f"{kind:7} :{path}"),
                   on_progress=_Progress(True))
    sent = sum(u.size for u in plan.uploads)
    click.echo(f"{len(plan.uploads)} file(s) {'to copy' if dry_run else 'copied'} ({sent} bytes), "
               f"{len(plan.deletes)} {'to delete' if dry_run else 'deleted'}, "
               f"{plan.unchanged} unchanged", err=True)


@click.command("deploy")
@click.option("-p", "--port", "ports", multiple=True, metavar="PORT",
              help="Board to deploy to; repeat for several boards (deployed in parallel). "
                   "Default: the config's ports, else the global -p / $MPT_PORT / auto.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              default=None, help="mpt.toml or pyproject.toml to read (default: nearest one).")
@click.option("-n", "--dry-run", is_flag=True, help="Only show what would change.")
@click.option("--compile/--no-compile", "compile_", default=None,
              help="Compile .py to .mpy (boot.py and main.py stay source).")
@click.option("--reset/--no-reset", default=None, help="Soft-reset the board afterwards.")
@click.pass_context
def deploy_command(ctx, ports, config_file, dry_run, compile_, reset):
    """Deploy the project: compile, copy what changed, reset ([deploy] in mpt.toml)."""
    from concurrent.futures import ThreadPoolExecutor

    from mpt.cli.board_session import connection_settings
    from mpt.fs.deploy import build_contents, load_config, plan_deploy
    from mpt.fs.remote import BoardFS
    from mpt.fs.sync import apply_sync

    config = load_config(Path.cwd(), Path(config_file) if config_file else None)
    if compile_ is not None:
        config.compile = compile_
    if reset is not None:
        config.reset = reset
    contents = build_contents(config)
    targets = list(ports) or config.ports or [None]
    lock = __import__("threading").Lock()

    def say(port_name, message):
        with lock:
            prefix = f"[{port_name}] " if len(targets) > 1 else ""
            click.echo(prefix + message)

    def deploy_one(port):
        settings = connection_settings(ctx, port, 115200, None, None, None)
        transport = connect(settings)
        fs = BoardFS(transport)
        plan = plan_deploy(fs, config, contents)
        name = transport.name
        if dry_run:
            for upload in plan.uploads:
                say(name, f"{upload.reason:7} :{plan.remote_root.rstrip('/')}/{upload.relative}")
            for relative in plan.deletes:
                say(name, f"delete  :{plan.remote_root.rstrip('/')}/{relative}")
        else:
            apply_sync(fs, plan, on_action=lambda kind, path: say(name, f"{kind:7} :{path}"))
            if config.reset:
                transport.enter_raw_repl()
                transport.leave_raw_repl()
                transport.write(b"\x04")
        sent = sum(u.size for u in plan.uploads)
        say(name, f"{len(plan.uploads)} file(s) {'to copy' if dry_run else 'copied'} "
                  f"({sent} bytes), {len(plan.deletes)} "
                  f"{'to delete' if dry_run else 'deleted'}, {plan.unchanged} unchanged"
                  f"{', reset' if config.reset and not dry_run else ''}")

    if len(targets) == 1:
        deploy_one(targets[0])
        return
    failures = []
    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        futures = {pool.submit(deploy_one, port): port for port in targets}
        for future, port in futures.items():
            try:
                future.result()
            except Exception as exc:  # report every board, then fail
                failures.append((port, exc))
    for port, exc in failures:
        click.echo(f"mpt: error: [{port}] {exc}", err=True)
    if failures:
        raise click.exceptions.Exit(max(getattr(e, "exit_code", 1) for _, e in failures))
