"""`mpt emulate`: serve the emulated board on a pseudo-terminal and/or a TCP port."""

from __future__ import annotations

import os
import signal
import stat
import sys
import threading

import click

from mpt.cli.board_options import romfs_options, size_in_bytes, trace_options

from mpt.errors import UsageError


@click.command("emulate")
@click.option("--pty", "use_pty", is_flag=True,
              help="Serve on a pseudo-terminal (default when --tcp is not given).")
@click.option("--tcp", "tcp", default=None, metavar="[HOST:]PORT",
              help="Serve on a TCP port (127.0.0.1 unless HOST is given; 0 picks a free port).")
@click.option("--socket-fd", "socket_fd", type=int, default=None, metavar="FD",
              help="Serve on this inherited, connected stream socket (for a program that "
                   "starts the emulator itself, as `mpt -p emu` does); ends when it closes.")
@click.option("--answer-fd", "answer_fd", type=int, default=None, hidden=True,
              help="(with --socket-fd) A pipe on which each Ctrl-C the board has dealt with "
                   "is answered, for the process that watches it (mpt.transport."
                   "emulator_process).")
@click.option("--board", "board", default=None, metavar="B", help="Board profile (rp2, esp32, "
              "pyboard, ...).")
@click.option("--flash", "flash", default=None, metavar="DIR",
              help="Host folder holding the board's flash (kept between runs).")
@click.option("--flash-image", "flash_image", default=None, metavar="FILE",
              type=click.Path(dir_okay=False),
              help="The board's flash as a real file-system image (`mpt fs image`), written "
                   "in place.")
@click.option("--virtual-time", is_flag=True, help="Sleeps and timers advance a virtual clock.")
@trace_options
@romfs_options
@click.option("--board-file", "board_file", default=None, metavar="TOML",
              type=click.Path(exists=True, dir_okay=False),
              help="Virtual peripherals and inputs for the board.")
@click.option("--net", "net", is_flag=True,
              help="Let the board's sockets (rp2w, esp32) reach beyond this machine's "
                   "loopback interface.")
def emulate_command(use_pty, tcp, socket_fd, answer_fd, board, flash, virtual_time, trace, vcd,
                    romfs_size, romfs, board_file, net, flash_image):
    """Serve the emulated board so other tools (mpremote, Thonny, mpt -p) connect to it.

    Prints each address on a line of its own, first thing: a pty path (/dev/pts/N), a
    socket://HOST:PORT URL, or socket-fd:FD. Runs until interrupted (Ctrl-C, SIGTERM) or,
    when stdin is a pipe, until that pipe is closed. On POSIX systems the board runs in a
    child process, which confines itself as `mpt run` does (see `mpt run --help`), and this
    one relays the bytes: a client's Ctrl-C that the guest has not taken within 1 s (it is
    stuck in host code) resets the board (a fresh child on the same flash), as a watchdog
    resets a real one. With --socket-fd the process serves and confines itself.
    """
    from mpt.runtime.board.setup import BoardOptions, create_board, finish_board
    from mpt.transport.emulated import open_endpoint
    from mpt.transport.serve import (Fanout, PtyServer, SocketServer, TcpServer,
                                     inherited_socket, parse_tcp_address)

    root = click.get_current_context().find_root().obj
    if isinstance(root, dict) and root.get("port"):
        raise UsageError("mpt emulate serves the emulated board; -p PORT does not apply to it "
                         "(connect to what it serves with -p instead)")
    if answer_fd is not None and socket_fd is None:
        raise UsageError("--answer-fd goes with --socket-fd")
    client = inherited_socket(socket_fd) if socket_fd is not None else None
    if not use_pty and tcp is None and client is None:
        if os.name != "posix":
            raise UsageError("pseudo-terminals need a POSIX system: use --tcp PORT")
        use_pty = True
    if client is None and os.name == "posix":
        size_in_bytes(romfs_size, "--romfs-size")
        _serve_watched(use_pty, tcp, _child_arguments(
            board=board, flash=flash, flash_image=flash_image, virtual_time=virtual_time,
            trace=trace, vcd=vcd, romfs_size=romfs_size, romfs=romfs, board_file=board_file,
            net=net))
        return
    stop = threading.Event()
    # Ctrl-C and SIGTERM only ask the main loop to stop: no KeyboardInterrupt can cut
    # through setup or shutdown
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    _stop_when_stdin_closes(stop)
    options = BoardOptions(board=board, flash=flash, virtual_time=virtual_time, trace=trace,
                           vcd=vcd, board_file=board_file,
                           romfs_size=size_in_bytes(romfs_size, "--romfs-size"),
                           romfs_image=romfs, net=net, flash_image=flash_image)
    the_board = create_board(options, trace_stream=sys.stderr)
    fanout = Fanout()
    endpoints = []   # the board's endpoint, once its guest may start
    ready = threading.Event()

    answers = []     # the watcher's answer pipe (--answer-fd)

    def send(data: bytes) -> None:
        ready.wait()
        endpoints[0].send(data)
        if answers:
            answers[0].fed(data)

    servers = []
    endpoint = None
    try:
        # the pty and the listening socket first: the confined process opens neither
        if use_pty:
            server = PtyServer(send, fanout)
            servers.append(server)
        if tcp is not None:
            host, port = parse_tcp_address(tcp)
            server = TcpServer(host, port, send, fanout)
            servers.append(server)
        if client is not None:
            servers.append(SocketServer(client, send, fanout, on_close=stop.set))
        _confine(the_board, vcd)
        endpoint = open_endpoint({}, fanout, board=the_board)
        endpoints.append(endpoint)
        if answer_fd is not None:
            from mpt.transport.ctrl_c_answers import CtrlCAnswers

            answers.append(CtrlCAnswers(answer_fd, endpoint.interrupt_unanswered))
        ready.set()
        for server in servers:
            click.echo(server.url if isinstance(server, TcpServer) else server.path)
        sys.stdout.flush()
        flash_shown = getattr(the_board.flash, "image_path", the_board.flash.root)
        click.echo(f"emulating {the_board.profile.machine}; flash: {flash_shown}; "
                   "Ctrl-C to stop", err=True)
        while not stop.is_set() and not endpoint.closed:
            stop.wait(0.5)
    finally:
        for server in servers:
            server.close()
        if endpoint is not None:
            endpoint.close()
        finish_board(the_board, options)


def _stop_when_stdin_closes(stop: threading.Event) -> None:
    """A parent process that drives the emulator through a pipe on stdin ends it by closing
    the pipe (or by dying). Anything sent on that pipe is ignored. /dev/null and terminals
    are left alone, so `mpt emulate &` keeps running."""
    try:
        if not stat.S_ISFIFO(os.fstat(0).st_mode):
            return
    except OSError:  # no stdin at all
        return

    def watch() -> None:
        try:
            while os.read(0, 4096):
                pass
        except OSError:
            pass
        stop.set()

    threading.Thread(target=watch, daemon=True, name="mpt-stdin-watch").start()


def _confine(board, vcd: str | None) -> None:
    """The OS boundary around the guest (issue 9): see mpt.runtime.board.confine."""
    from mpt.runtime.board.confine import confine_board_process

    from mpt.cli.output_paths import created_outputs

    confine_board_process(board, writable=created_outputs(vcd))


# `mpt emulate` options passed on to the child that runs the board (flags have no value)
_CHILD_OPTIONS = {"board": "--board", "flash": "--flash", "flash_image": "--flash-image",
                  "virtual_time": "--virtual-time", "trace": "--trace", "vcd": "--vcd",
                  "romfs_size": "--romfs-size", "romfs": "--romfs",
                  "board_file": "--board-file", "net": "--net"}


def _child_arguments(**values) -> list[str]:
    arguments: list[str] = []
    for key, value in values.items():
        if value is True:
            arguments.append(_CHILD_OPTIONS[key])
        elif value not in (None, False):
            arguments += [_CHILD_OPTIONS[key], str(value)]
    return arguments


def _serve_watched(use_pty: bool, tcp: str | None, arguments: list[str]) -> None:
    """Serve a board that runs in a watched child (mpt.transport.emulator_process): this
    process owns the pty and the TCP port and relays the bytes, so it sees every Ctrl-C
    even while the child's guest is stuck in host code."""
    from serial.serialutil import SerialException

    from mpt.errors import ConnectionFailed
    from mpt.transport.emulator_process import start_board_process
    from mpt.transport.serve import Fanout, PtyServer, TcpServer, parse_tcp_address

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    _stop_when_stdin_closes(stop)

    # the addresses are the first lines out (run-tests.py's execpty reads the pty path from
    # the first line of stdout and stderr together): the child's lines wait for them
    held: list[bytes] | None = []
    held_lock = threading.Lock()

    def child_said(line: bytes) -> None:  # its banner, warnings and --trace lines
        with held_lock:
            if held is not None:
                held.append(line)
                return
            sys.stderr.buffer.write(line)
            sys.stderr.buffer.flush()

    def release_held() -> None:
        nonlocal held
        with held_lock:
            sys.stderr.buffer.write(b"".join(held or ()))
            sys.stderr.buffer.flush()
            held = None

    def reset() -> None:
        click.echo("mpt emulate: the board did not take a Ctrl-C within 1 s (stuck in host "
                   "code): it was reset, its flash is kept", err=True)

    address = parse_tcp_address(tcp) if tcp is not None else None  # (its errors first)
    try:
        board = start_board_process(arguments, "", stderr_sink=child_said, on_reset=reset)
    except BaseException:
        release_held()  # (what the child said about it)
        raise
    board.timeout = 0.5  # how often the relay looks at `stop`
    fanout = Fanout()
    ended = threading.Event()  # the child ended on its own

    def send(data: bytes) -> None:
        try:
            board.write(data)
        except SerialException as exc:
            raise ConnectionFailed(str(exc)) from exc

    def relay() -> None:
        while not stop.is_set():
            try:
                data = board.read(4096)
            except SerialException:
                if not stop.is_set():
                    ended.set()
                    stop.set()
                return
            if data:
                fanout(data)

    servers: list = []
    try:
        if use_pty:
            servers.append(PtyServer(send, fanout))
        if address is not None:
            servers.append(TcpServer(*address, send, fanout))
        threading.Thread(target=relay, daemon=True, name="mpt-relay").start()
        for server in servers:
            click.echo(server.url if isinstance(server, TcpServer) else server.path)
        sys.stdout.flush()
        release_held()
        while not stop.is_set():
            stop.wait(0.5)
    finally:
        release_held()
        stop.set()
        for server in servers:
            server.close()
        board.close()
    if ended.is_set():
        raise ConnectionFailed("the emulated board ended")
