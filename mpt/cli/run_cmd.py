"""`mpt run SCRIPT.py|FILE.mpy [ARGS]...`: run a program on the emulated board's VM."""

from __future__ import annotations

import click

from mpt.cli import completion
from mpt.cli.board_options import romfs_options, trace_options
from mpt.cli.typos import ScriptCommand, reject_option_as_argument
from mpt.errors import UsageError


@click.command("run", cls=ScriptCommand, context_settings={"ignore_unknown_options": True})
@click.option("--board", "board", default=None, metavar="B", shell_complete=completion.emulated_boards,
              help="Emulated board: rp2 (Raspberry Pi Pico, the default), rp2w (Pico W), "
                   "esp32, pyboard.")
@click.option("--flash", "flash", default=None, metavar="DIR",
              type=click.Path(file_okay=False),
              help="Host folder mounted as the board's / (default: .mpt/flash/<board>).")
@click.option("--flash-image", "flash_image", default=None, metavar="FILE",
              type=click.Path(dir_okay=False),
              help="The board's / as a real file-system image (`mpt fs image`: FAT for "
                   "pyboard, littlefs for the others), written in place.")
@click.option("--virtual-time", is_flag=True,
              help="Sleeps and timers advance a virtual clock instantly and deterministically.")
@trace_options
@romfs_options
@click.option("--board-file", "board_file", default=None, metavar="TOML",
              type=click.Path(dir_okay=False),
              help="Virtual peripherals around the board (inputs, ADC sources, I2C devices...).")
@click.option("--net", "net", is_flag=True,
              help="Let the board's sockets (rp2w, esp32) reach beyond this machine's "
                   "loopback interface, and resolve names through the host.")
@click.option("-p", "--port", "port", default=None, metavar="PORT",
              help="Run on this board instead of the emulated one (device path, URL, emu, "
                   "auto; the global -p works too).")
@click.argument("script", type=click.Path(dir_okay=False))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def run_command(script: str, args: tuple[str, ...], board, flash, virtual_time, trace, vcd,
                romfs_size, romfs, board_file, net, flash_image,
                port) -> None:
    """Run SCRIPT (.py source or .mpy) with MicroPython semantics; exit with its status.

    \b
    On Linux the emulated board's guest runs confined by the OS: files only in the
    flash folder (read-write) and what Python and the program's folder need (read-only),
    no new processes, no network but the loopback interface (for the sockets of a board
    with a radio, made by a broker process; anywhere with --net), no raising of limits,
    an empty environment, the address space capped (a runaway allocation is the guest's
    MemoryError). Without Landlock (Linux < 5.13) files are not confined; on Linux other
    than x86_64 and aarch64 processes and sockets are not; elsewhere only mpt's in-process
    filter keeps guest code from the host.
    """
    reject_option_as_argument(click.get_current_context(), script)
    from mpt.cli.board_session import mounted_settings

    root = click.get_current_context().find_root().obj
    mounted = mounted_settings()
    if port or (isinstance(root, dict) and root.get("port")) or mounted is not None:
        given = [name for name, value in (("--board", board), ("--flash", flash),
                                          ("--flash-image", flash_image),
                                          ("--virtual-time", virtual_time), ("--trace", trace),
                                          ("--vcd", vcd), ("--board-file", board_file),
                                          ("--romfs-size", romfs_size), ("--romfs", romfs),
                                          ("--net", net))
                 if value]
        if given:
            raise UsageError(
                f"{', '.join(given)} {'applies' if len(given) == 1 else 'apply'} only to the "
                "emulated board, not with -p PORT "
                "(for an emulated board on a port, use -p 'emu://BOARD?flash=DIR')")
        from mpt.cli.board_cmds import run_on_port  # a real (or served) board
        # after `mpt mount` in the same chain: on the board the folder is mounted on
        status = run_on_port(port, script, args, None if port else mounted)
        if status:
            raise click.exceptions.Exit(status)
        return  # a chain (`+`) goes on with its next command
    from mpt.cli.run_emulated import run_emulated

    from mpt.cli.board_options import size_in_bytes

    run_emulated(script, args, board=board, flash=flash, virtual_time=virtual_time, trace=trace,
                 vcd=vcd, board_file=board_file,
                 romfs_size=size_in_bytes(romfs_size, "--romfs-size"), romfs=romfs, net=net,
                 flash_image=flash_image)
