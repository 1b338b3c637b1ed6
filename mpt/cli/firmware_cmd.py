"""`mpt firmware`: inspect, verify, convert, store, download and flash MicroPython firmware."""

from __future__ import annotations

import json
import os
import sys

import click

from mpt.cli import completion
from mpt.cli.typos import SuggestingGroup
from mpt.errors import UsageError

TYPE_CHECKING = False  # (no typing import at start-up)
if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


def _int(value: str | None, what: str) -> int | None:
    if value is None:
        return None
    try:
        number = int(value, 0)
    except ValueError:
        number = -1
    if not 0 <= number <= 0xFFFFFFFF:
        raise UsageError(f"{what} must be a 32-bit address such as 0x10000000, not {value!r}")
    return number


def _hex(value) -> str:
    return f"0x{value:08x}" if isinstance(value, int) else "-"


def _size(value: int) -> str:
    return f"{value} bytes" if value < 10240 else f"{value} bytes ({value / 1024:.1f} KiB)"


def _echo_info(info) -> None:
    from mpt.firmware.inspect import esp_chip_display

    data = info.as_dict()
    click.echo(f"file:        {info.path}")
    click.echo(f"format:      {info.format_description}")
    click.echo(f"size:        {_size(info.size)}")
    click.echo(f"sha256:      {info.sha256}")
    click.echo(f"target:      {esp_chip_display(info.target)}")
    click.echo(f"firmware:    {_firmware_text(info.identity, short=True)}")
    if info.identity.build_date:
        click.echo(f"build date:  {info.identity.build_date}")
    if info.identity.board:
        click.echo(f"board:       {info.identity.board} with {info.identity.mcu}")
    if info.identity.board_id:
        click.echo(f"board id:    {info.identity.board_id}")
    if len(info.variants) > 1:
        click.echo("holds:")
        for variant in info.variants:
            click.echo(f"    {esp_chip_display(variant['target'])} ({variant['source']}): "
                       f"{_firmware_text(variant['identity'])}")
    if info.flash_offset is not None:
        click.echo(f"flash at:    {_hex(info.flash_offset)}")
    if info.entry is not None:
        click.echo(f"entry:       {_hex(info.entry)}")
    if info.flash:
        click.echo(f"flash mode:  {info.flash['mode']}, size {info.flash['size']}, "
                   f"frequency {info.flash['frequency']}")
    for key, value in info.details.items():
        if key == "images":
            for image in value:
                role = "image" if image["role"] == "image" else f"{image['role']} image"
                click.echo(f"{role} at {_hex(image['flash_offset'])}: {image['length']} bytes, "
                           f"{image['chip']}, entry {_hex(image['entry'])}")
                for segment in image["segments"]:
                    click.echo(f"    segment {_hex(segment['address'])} {segment['size']:>8} bytes")
                desc = image.get("app_description") or {}
                if desc.get("project_name"):
                    click.echo(f"    app: {desc['project_name']} {desc['version']} built "
                               f"{desc['date']} {desc['time']} with ESP-IDF {desc['idf_version']}")
        elif key == "chip":
            continue  # shown as the target
        elif key in ("targets", "sections", "program_segments", "families"):
            click.echo(f"{key}:")
            for item in value:
                click.echo(f"    {_compact(item)}")
        elif isinstance(value, int) and not isinstance(value, bool) and ("offset" in key or "address" in key):
            click.echo(f"{key}: {_hex(value)}")
        else:
            click.echo(f"{key}: {_compact(value)}")
    if info.format not in ("esp-merged", "esp-app", "esp-bootloader", "esp-image", "esp8266"):
        click.echo(f"segments of the {esp_chip_display(info.target)} image:" if len(info.variants) > 1
                   else "segments:")
        for segment in data["segments"]:
            click.echo(f"    {_hex(segment['address'])} {segment['size']:>8} bytes")
    if info.partitions:
        click.echo("partitions:")
        for p in info.partitions:
            click.echo(f"    {p['label']:<12} {p['type']:<5} {p['subtype']:<9} "
                       f"{_hex(p['offset'])} {p['size']:>9} bytes")
    for name, ok in info.checks.items():
        click.echo(f"check:       {name}: {'ok' if ok else 'BAD'}")
    if info.problems:
        for problem in info.problems:
            click.echo(f"INVALID:     {problem}")
    else:
        click.echo("valid:       yes")


def _firmware_text(identity, short: bool = False) -> str:
    if identity.is_micropython:
        if short or not identity.banner:
            return f"MicroPython {identity.version or '(version not found)'}"
        return identity.banner
    if identity.name == "CircuitPython":
        return f"CircuitPython {identity.version} -- this is NOT MicroPython"
    return "not MicroPython (no MicroPython banner found: unknown application)"


def _compact(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={_compact(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "[" + "; ".join(_compact(v) for v in value) + "]"
    if isinstance(value, int) and not isinstance(value, bool) and value > 0xFFFF:
        return _hex(value)
    return str(value)


@click.group("firmware", cls=SuggestingGroup)
def firmware_group():
    """Inspect, verify, convert, store, download and flash MicroPython firmware."""


@firmware_group.command("info")
@click.argument("image", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the description as JSON.")
def info_command(image, as_json):
    """Describe IMAGE: format, chip, layout, checks and the MicroPython build inside."""
    from mpt.firmware.inspect import inspect_file

    info = inspect_file(image)
    if as_json:
        click.echo(json.dumps(info.as_dict(), indent=2))
    else:
        _echo_info(info)


@firmware_group.command("verify")
@click.argument("image", type=click.Path(dir_okay=False))
@click.option("--chip", shell_complete=completion.chips,
              help="The chip or UF2 family the image must be for (esp32s3, rp2040, ...).")
@click.option("--board", shell_complete=completion.firmware_boards,
              help="The MicroPython board id the image must fit (ESP32_GENERIC, RPI_PICO, ...; "
                   "or an emulated board name: rp2, esp32, ...).")
def verify_command(image, chip, board):
    """Check IMAGE's structure and checksums (and its target); exit 0 only if valid."""
    from mpt.firmware.inspect import esp_chip_display
    from mpt.firmware.verify import verify_file

    info = verify_file(image, chip=chip, board=board)
    what = info.identity.banner or f"{info.format_description}, not MicroPython"
    targets = ", ".join(esp_chip_display(t) for t in info.all_targets) or "an unknown target"
    click.echo(f"{image}: valid {info.format_description} for {targets} ({what})")
    if len(info.variants) > 1:
        for variant in info.variants:
            click.echo(f"    {variant['source']}: {_firmware_text(variant['identity'])}")


@firmware_group.command("convert")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("target", type=click.Path(dir_okay=False))
@click.option("--format", "out_format", type=click.Choice(["bin", "uf2", "hex", "dfu"]),
              help="Output format (default: from TARGET's extension).")
@click.option("--family", shell_complete=completion.chips,
              help="UF2 family name or id (rp2040, rp2350, samd51, 0xE48BFF56, ..., or none). Needed "
                   "for UF2 output when the input does not tell its chip; with UF2 input, picks one "
                   "family's image (default: UF2 output keeps every family).")
@click.option("--base", help="Load address of a raw binary input (e.g. 0x10000000).")
def convert_command(source, target, out_format, family, base):
    """Convert SOURCE to TARGET between bin, UF2, Intel HEX and DfuSe."""
    from mpt.firmware.convert import convert_file

    before, after = convert_file(source, target, out_format, family, _int(base, "--base"))
    start = after.memory.start if after.format != "raw" else before.memory.start
    click.echo(f"{source} ({before.format_description}) -> {target} ({after.format_description}), "
               f"{after.memory.data_size} data bytes from {_hex(start)}")
    if after.format == "raw" and start:
        click.echo(f"note: a .bin keeps no address: convert it back with --base {_hex(start)}")


# --- the local store and downloads -------------------------------------------------------------

cache_dir_option = click.option(
    "--cache-dir", type=click.Path(file_okay=False),
    help="Folder of the firmware store (default: $MPT_CACHE_DIR or the user cache folder).")


def _store(cache_dir):
    from mpt.firmware.store import FirmwareStore

    return FirmwareStore(cache_dir)


class _ByteProgress:
    """A click progress bar driven by (done, total) callbacks; silent when stderr is not a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.bar: ProgressBar[int] | None = None
        self.shown = 0

    def __call__(self, done: int, total: int | None) -> None:
        stream = sys.stderr
        if total is None:
            # no Content-Length: a running byte count instead of a bar
            if stream.isatty():
                click.echo(f"\r{self.label}: {done / 1024:.0f} KiB", nl=False, err=True)
                self.counting = True
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=stream)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    counting = False

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        if self.counting:
            click.echo("", err=True)
            self.counting = False


@firmware_group.command("list")
@cache_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the store's index as JSON.")
def list_command(cache_dir, as_json):
    """List the firmware images in the local store."""
    store = _store(cache_dir)
    entries = store.list()
    if as_json:
        click.echo(json.dumps([e.as_dict() for e in entries], indent=2))
        return
    if not entries:
        click.echo(f"no firmware stored in {store.folder}")
        return
    for e in entries:
        click.echo(f"{e.name:<48} {e.board or '-':<22} {e.target or '-':<10} {e.version or 'not MicroPython':<24} "
                   f"{e.size:>9}")


@firmware_group.command("add")
@click.argument("image", type=click.Path(dir_okay=False))
@click.option("--board", shell_complete=completion.firmware_boards,
              help="The board id this image is for (default: from a site-style file name).")
@cache_dir_option
def add_command(image, board, cache_dir):
    """Add IMAGE to the local store (it must be a valid image)."""
    entry, _ = _store(cache_dir).add(image, board=board)
    click.echo(f"added {entry.name} ({entry.format}, {entry.target or 'unknown target'}, "
               f"{entry.version or 'not MicroPython'})")


@firmware_group.command("remove")
@click.argument("name")
@click.option("--version", help="With a board id: which version to remove.")
@cache_dir_option
def remove_command(name, version, cache_dir):
    """Remove a stored image, by file name or board id."""
    entry = _store(cache_dir).remove(name, version)
    click.echo(f"removed {entry.name}")


@firmware_group.command("path")
@click.argument("name")
@click.option("--version", help="With a board id: which version.")
@cache_dir_option
def path_command(name, version, cache_dir):
    """Print the path of a stored image (by file name, or the newest for a board id)."""
    click.echo(str(_store(cache_dir).path(name, version)))


@firmware_group.command("download")
@click.argument("board", shell_complete=completion.firmware_boards)
@click.option("--version", help="A release such as 1.29.0, 'preview' for the newest preview, default latest stable.")
@click.option("--variant", help="Board variant such as SPIRAM or OTA (default: the plain build).")
@click.option("--format", "extension", type=click.Choice(["uf2", "bin", "dfu", "hex"]),
              help="File kind when the board offers several.")
@click.option("--site", envvar="MPT_FIRMWARE_SITE", show_envvar=True,
              help="Base URL of the download site (default https://micropython.org).")
@click.option("--list", "list_only", is_flag=True, help="Only list the files the site offers for BOARD.")
@cache_dir_option
def download_command(board, version, variant, extension, site, list_only, cache_dir):
    """Download BOARD's firmware into the local store (verified before it is kept)."""
    from mpt.firmware.download import download_to_store, list_firmware

    if list_only:
        for link in list_firmware(board, site):
            kind = "preview" if link.preview else "release"
            click.echo(f"{link.version:<36} {link.date}  {link.variant or '-':<12} .{link.extension:<4} {kind:<8} "
                       f"{link.url}")
        return

    progress = _ByteProgress(f"downloading {board}")
    try:
        link, entry, info, sha256 = download_to_store(_store(cache_dir), board, version, variant, extension,
                                                      site, progress)
    finally:
        progress.close()
    click.echo(f"downloaded {link.url}")
    click.echo(f"stored {entry.name}: {info.format_description}, {entry.version}, sha256 {sha256}")
    click.echo(f"path: {_store(cache_dir).folder / entry.name}")


# --- flashing ------------------------------------------------------------------------------------

def _resolve_image(image: str, cache_dir) -> str:
    """A path, or else the name or board id of an image in the store."""
    if os.path.exists(image):
        return image
    from mpt.firmware.store import FirmwareStore

    try:
        return str(FirmwareStore(cache_dir).path(image))
    except UsageError:
        raise UsageError(f"{image}: no such file, nor a firmware in the store") from None


class _BlockProgress:
    def __init__(self, label):
        self.label = label
        self.bar = None
        self.shown = 0

    def __call__(self, done, total):
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        if done < self.shown:   # a new pass (e.g. another region)
            self.shown = 0
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _report_banner(port: str) -> None:
    from mpt.firmware.board_report import read_banner

    banner = read_banner(port)
    if banner:
        click.echo(f"the board now reports: {banner}")


@firmware_group.command("flash")
@click.argument("image")
@click.option("-p", "--port", help="Serial port of the board (ESP: the bootloader's port).")
@click.option("--chip", default="auto", show_default=True, help="ESP chip (esp32, esp32s3, ...) or auto-detect.")
@click.option("--erase", is_flag=True, help="Erase the whole flash first (ESP, DFU).")
@click.option("--baud", default=460800, show_default=True, type=int, help="ESP transfer baud rate.")
@click.option("--offset", help="ESP: flash address to write at (default: from the image).")
@click.option("--no-stub", is_flag=True, help="ESP: talk to the ROM bootloader only (no flasher stub).")
@click.option("--before", default="default-reset", show_default=True,
              type=click.Choice(["default-reset", "usb-reset", "no-reset", "no-reset-no-sync"]),
              help="ESP: how to get the chip into its bootloader.")
@click.option("--after", default="hard-reset", show_default=True,
              type=click.Choice(["hard-reset", "soft-reset", "no-reset", "no-reset-stub"]),
              help="ESP: what to do after writing.")
@click.option("--drive", type=click.Path(file_okay=False),
              help="UF2: the bootloader drive's folder (micro:bit: the DAPLink drive).")
@click.option("--enter", "entry", type=click.Choice(["touch", "repl"]), default="touch", show_default=True,
              help="UF2: how to put a running board into its bootloader: the 1200-baud touch, or "
                   "machine.bootloader() over the raw REPL (DFU boards always get the latter).")
@click.option("--timeout", default=30.0, show_default=True, type=float,
              help="UF2, DFU, micro:bit: seconds to wait for the bootloader (drive or USB device) and "
                   "for the board to come back.")
@click.option("-v", "--verbose", is_flag=True, help="ESP: show esptool's messages.")
@cache_dir_option
def flash_command(image, port, chip, erase, baud, offset, no_stub, before, after, drive, entry, timeout,
                  verbose, cache_dir):
    """Flash IMAGE (a file, or a stored firmware's name or board id) to a board.

    The method follows from the image: ESP images through esptool, UF2 files by copying to the
    bootloader drive, DfuSe/HEX for STM32 over USB DFU, micro:bit hex files to the DAPLink drive.
    """
    from mpt.firmware.flash import flash_method
    from mpt.firmware.inspect import inspect_file, read_image

    path = _resolve_image(image, cache_dir)
    info = inspect_file(path)
    data = read_image(path)
    method = flash_method(info)
    progress = _BlockProgress("writing")
    try:
        if method == "esp":
            if port is None:
                raise UsageError("flashing an ESP board needs its serial port: -p PORT")
            _flash_esp(info, data, port, progress, chip=chip, baud=baud, erase=erase, before=before,
                       after=after, stub=not no_stub, offset=_int(offset, "--offset"), verbose=verbose)
        elif method == "uf2":
            _flash_uf2(info, data, port, drive, entry, timeout, progress)
        elif method == "daplink":
            from mpt.firmware.flash_daplink import flash_daplink

            result = flash_daplink(info, data, drive=drive, timeout=timeout, progress=progress)
            progress.close()
            click.echo(f"copied {result.size} bytes to {result.drive}; the micro:bit was programmed")
        else:
            _flash_dfu(info, data, port, erase, timeout, progress)
    finally:
        progress.close()


def _flash_esp(info, data, port, progress, verbose, **options):
    from mpt.firmware.flash_esp import flash_esp

    echo_message = (lambda line: click.echo(f"esptool: {line}", err=True)) if verbose else None
    result = flash_esp(info, data, port, progress=progress, on_message=echo_message, **options)
    progress.close()
    click.echo(f"wrote {result.size} bytes at 0x{result.offset:x} to the {result.chip} on {port}")
    if result.offset_source not in ("image", "--offset"):
        click.echo(f"offset 0x{result.offset:x}: {result.offset_source}")
    if result.banner:
        click.echo(f"the board now reports: {result.banner}")
    elif not result.reset and options["after"] in ("hard-reset", "soft-reset"):
        click.echo("the board could not be reset from this port: press its reset button")


def _flash_uf2(info, data, port, drive, entry, timeout, progress):
    from mpt.firmware.bootloader_entry import entry_method
    from mpt.firmware.flash_uf2 import flash_uf2

    result = flash_uf2(info, data, port=port, drive=drive, progress=progress, timeout=timeout,
                       enter_bootloader=entry_method(entry))
    progress.close()
    click.echo(f"copied {result.size} bytes to {result.drive} ({result.board_id or 'UF2 bootloader'})")
    if not result.drive_gone:
        click.echo("the drive is still mounted: the bootloader may not have accepted the image")
    elif result.port_back:
        click.echo(f"the board restarted and {port} is back")
        _report_banner(port)
    elif result.port_back is False:
        click.echo(f"the board left its bootloader but {port} did not come back within {timeout:g} s")


def _flash_dfu(info, data, port, erase, timeout, progress):
    from mpt.firmware.board_report import wait_for_port
    from mpt.firmware.bootloader_entry import entry_method
    from mpt.firmware.flash_dfu import flash_dfu

    result = flash_dfu(info, data, erase=erase, progress=progress, port=port,
                       enter_bootloader=entry_method("repl"), timeout=timeout)
    progress.close()
    click.echo(f"wrote {result.size} bytes from 0x{result.start:08x} over DFU; the board is restarting")
    if port is not None and wait_for_port(port, timeout):
        _report_banner(port)
