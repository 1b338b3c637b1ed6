"""`mpt emulate`: serve the emulated board on a pseudo-terminal and/or a TCP port."""

from __future__ import annotations

import os
import signal
import sys
import threading

import click

from mpt.cli.board_options import trace_options

from mpt.errors import UsageError


@click.command("emulate")
@click.option("--pty", "use_pty", is_flag=True,
              help="Serve on a pseudo-terminal (default when --tcp is not given).")
@click.option("--tcp", "tcp", default=None, metavar="[HOST:]PORT",
              help="Serve on a TCP port (127.0.0.1 unless HOST is given; 0 picks a free port).")
@click.option("--board", "board", default=None, metavar="B", help="Board profile (rp2, esp32, "
              "pyboard, ...).")
@click.option("--flash", "flash", default=None, metavar="DIR",
              help="Host folder holding the board's flash (kept between runs).")
@click.option("--virtual-time", is_flag=True, help="Sleeps and timers advance a virtual clock.")
@trace_options
@click.option("--board-file", "board_file", default=None, metavar="TOML",
              type=click.Path(exists=True, dir_okay=False),
              help="Virtual peripherals and inputs for the board.")
def emulate_command(use_pty, tcp, board, flash, virtual_time, trace, vcd, board_file):
    """Serve the emulated board so other tools (mpremote, Thonny, mpt -p) connect to it.

    Prints each address on a line of its own, first thing: a pty path (/dev/pts/N) or a
    socket://HOST:PORT URL. Runs until interrupted.
    """
    from mpt.runtime.board.setup import BoardOptions, create_board, finish_board
    from mpt.transport.emulated import open_endpoint
    from mpt.transport.serve import Fanout, PtyServer, TcpServer, parse_tcp_address

    if not use_pty and tcp is None:
        if os.name != "posix":
            raise UsageError("pseudo-terminals need a POSIX system: use --tcp PORT")
        use_pty = True
    options = BoardOptions(board=board, flash=flash, virtual_time=virtual_time, trace=trace,
                           vcd=vcd, board_file=board_file)
    the_board = create_board(options, trace_stream=sys.stderr)
    fanout = Fanout()
    endpoint = open_endpoint({}, fanout, board=the_board)
    servers = []
    try:
        if use_pty:
            server = PtyServer(endpoint.send, fanout)
            servers.append(server)
            click.echo(server.path)
        if tcp is not None:
            host, port = parse_tcp_address(tcp)
            server = TcpServer(host, port, endpoint.send, fanout)
            servers.append(server)
            click.echo(server.url)
        sys.stdout.flush()
        click.echo(f"emulating {the_board.profile.machine}; flash: {the_board.flash.root}; "
                   "Ctrl-C to stop", err=True)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        while not stop.is_set() and not endpoint.closed:
            stop.wait(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.close()
        endpoint.close()
        finish_board(the_board, options)
