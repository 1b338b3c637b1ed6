"""`mpt sync` and `mpt deploy`: bring a board's files in line with a host folder or project."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from mpt.cli.board_session import (Progress, board_command, board_fs, connect,
                                   connection_settings, remote_path)


@click.command("sync")
@click.argument("local", type=click.Path(exists=True, file_okay=False))
@click.argument("remote", default=":")
@click.option("--delete", is_flag=True, help="Remove board files that are not on the host.")
@click.option("-n", "--dry-run", is_flag=True, help="Only show what would change.")
@click.option("-x", "--exclude", multiple=True, metavar="PATTERN",
              help="Skip paths matching PATTERN (repeatable; __pycache__, *.pyc, .git are "
                   "always skipped).")
@click.option("-w", "--watch", is_flag=True,
              help="Keep watching LOCAL and sync again after every change (Ctrl-C stops).")
@board_command
def sync_command(settings, local, remote, delete, dry_run, exclude, watch):
    """Make board folder REMOTE (default ':') match host folder LOCAL; copy only changes."""
    from mpt.fs.sync import DEFAULT_EXCLUDES, plan_sync, tree_state, wait_for_change
    fs = board_fs(settings)
    excludes = (*DEFAULT_EXCLUDES, *exclude)
    state = tree_state(Path(local), excludes) if watch else None
    while True:
        plan = plan_sync(fs, Path(local), remote_path(remote), delete=delete, excludes=excludes)
        if not watch or not plan.is_empty:
            report_sync(fs, plan, dry_run)
        if not watch:
            return
        click.echo(f"watching {local} (Ctrl-C to stop)", err=True)
        state = wait_for_change(Path(local), excludes, state)


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
                   on_progress=Progress(True))
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
@click.option("--init", is_flag=True, help="Write a commented mpt.toml here and stop.")
@click.pass_context
def deploy_command(ctx, ports, config_file, dry_run, compile_, reset, init):
    """Deploy the project: compile, copy what changed, reset ([deploy] in mpt.toml)."""
    from concurrent.futures import ThreadPoolExecutor

    from mpt.fs.deploy import build_contents, load_config, plan_deploy, write_template
    if init:
        return click.echo(f"wrote {write_template(Path.cwd())}")
    from mpt.fs.remote import BoardFS
    from mpt.fs.sync import apply_sync

    config = load_config(Path.cwd(), Path(config_file) if config_file else None)
    if compile_ is not None:
        config.compile = compile_
    if reset is not None:
        config.reset = reset
    contents = build_contents(config)
    targets = list(ports) or config.ports or [None]
    lock = threading.Lock()

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
    for port, error in failures:
        click.echo(f"mpt: error: [{port}] {error}", err=True)
    if failures:
        raise click.exceptions.Exit(max(getattr(e, "exit_code", 1) for _, e in failures))
