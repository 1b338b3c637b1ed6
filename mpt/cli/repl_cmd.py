"""`mpt repl`: an interactive terminal to the board's friendly REPL."""

from __future__ import annotations

import os
import sys

import click

from mpt.cli.board_session import board_command, connect


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
    after_output = _remount_after_soft_reset(transport, show)
    try:
        transport.write(b"\r")  # a fresh prompt
        while True:
            reason = run_console(transport, stdin_fd, show, translate_newline=not interactive,
                                 after_output=after_output)
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


def _remount_after_soft_reset(transport, show):
    """With `mpt mount` active: once a soft-reset board is back at its prompt, mount the
    folder again (the soft reset wiped the board's side)."""
    if not getattr(transport, "before_code", None):
        return None
    recent = bytearray()

    def after_output(data: bytes) -> None:
        recent.extend(data)
        del recent[:-64]
        if recent.endswith(b">>> ") and _soft_reset_pending(transport):
            recent.clear()
            if transport.prepare():
                transport.leave_raw_repl()
                show(b"[mpt: the folder is mounted again at /remote]\r\n")

    return after_output


def _soft_reset_pending(transport) -> bool:
    return any(getattr(getattr(hook, "__self__", None), "needs_remount", False)
               for hook in transport.before_code)


def _raw_terminal(fd: int):
    import termios
    import tty
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    return saved
