"""`mpt firmware`: inspect, verify, convert, store, download and flash MicroPython firmware."""

from __future__ import annotations

import json
import os

import click

from mpt.errors import UsageError


def _int(value: str | None, what: str) -> int | None:
    if value is None:
        return None
    try:
        return int(value, 0)
    except ValueError:
        raise UsageError(f"{what} must be a number such as 0x10000000, not {value!r}") from None


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
    if info.identity.is_micropython:
        click.echo(f"firmware:    MicroPython {info.identity.version or '(version not found)'}")
    elif info.identity.name == "CircuitPython":
        click.echo(f"firmware:    CircuitPython {info.identity.version} -- this is NOT MicroPython")
    else:
        click.echo("firmware:    not MicroPython (no MicroPython banner found: unknown application)")
    if info.identity.build_date:
        click.echo(f"build date:  {info.identity.build_date}")
    if info.identity.board:
        click.echo(f"board:       {info.identity.board} with {info.identity.mcu}")
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
                click.echo(f"{image['role']} image at {_hex(image['flash_offset'])}: {image['length']} bytes, "
                           f"{image['chip']}, entry {_hex(image['entry'])}")
                for segment in image["segments"]:
                    click.echo(f"    segment {_hex(segment['address'])} {segment['size']:>8} bytes")
                desc = image.get("app_description") or {}
                if desc.get("project_name"):
                    click.echo(f"    app: {desc['project_name']} {desc['version']} built "
                               f"{desc['date']} {desc['time']} with ESP-IDF {desc['idf_version']}")
        elif key in ("targets", "sections", "program_segments", "families"):
            click.echo(f"{key}:")
            for item in value:
                click.echo(f"    {_compact(item)}")
        else:
            click.echo(f"{key}: {_compact(value)}")
    if info.format not in ("esp-merged", "esp-app", "esp-bootloader", "esp-image", "esp8266"):
        click.echo("segments:")
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


def _compact(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={_compact(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "[" + "; ".join(_compact(v) for v in value) + "]"
    if isinstance(value, int) and not isinstance(value, bool) and value > 0xFFFF:
        return _hex(value)
    return str(value)


@click.group("firmware")
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
@click.option("--chip", help="The chip or UF2 family the image must be for (esp32s3, rp2040, ...).")
@click.option("--board", help="The MicroPython board id the image must fit (ESP32_GENERIC, RPI_PICO, ...).")
def verify_command(image, chip, board):
    """Check IMAGE's structure and checksums (and its target); exit 0 only if valid."""
    from mpt.firmware.inspect import esp_chip_display
    from mpt.firmware.verify import verify_file

    info = verify_file(image, chip=chip, board=board)
    what = info.identity.banner or f"{info.format_description}, not MicroPython"
    click.echo(f"{image}: valid {info.format_description} for {esp_chip_display(info.target)} ({what})")


@firmware_group.command("convert")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("target", type=click.Path(dir_okay=False))
@click.option("--format", "out_format", type=click.Choice(["bin", "uf2", "hex", "dfu"]),
              help="Output format (default: from TARGET's extension).")
@click.option("--family", help="UF2 family name or id (rp2040, rp2350, samd51, 0xE48BFF56, ...).")
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
