"""Convert between raw binary, UF2, Intel HEX and DfuSe, keeping every byte at its address."""

from __future__ import annotations

import os

from pathlib import Path

from mpt.errors import FirmwareError, UsageError
from mpt.firmware import dfuse, ihex, uf2
from mpt.firmware.chips import UF2_FAMILIES, normalise_target
from mpt.firmware.inspect import ImageInfo, inspect_bytes, read_image
from mpt.firmware.memory import MemoryImage

OUTPUT_FORMATS = ("bin", "uf2", "hex", "dfu")
ADDRESS_SPACE = 1 << 32      # every output format holds 32-bit addresses
_SUFFIXES = {".bin": "bin", ".uf2": "uf2", ".hex": "hex", ".ihex": "hex", ".dfu": "dfu"}


def format_from_suffix(path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise UsageError(f"cannot tell the output format from {Path(path).name!r}: "
                         f"use a .bin, .uf2, .hex or .dfu name or give --format")
    return _SUFFIXES[suffix]


def family_id(family: str | None, info: ImageInfo) -> int | None:
    """The UF2 family to write: the one named, else the image's own; 'none' writes none."""
    if family is None:
        if info.target in UF2_FAMILIES:
            return UF2_FAMILIES[info.target]
        raise UsageError(f"cannot tell which chip this {info.format_description} is for: give --family "
                         f"(rp2040, rp2350, samd51, ... or a number; 'none' for a family-less UF2, "
                         f"which most bootloaders refuse)")
    return parse_family(family)


def parse_family(family: str) -> int | None:
    if family.strip().lower() == "none":
        return None
    try:
        number = int(family, 0)
    except ValueError:
        pass
    else:
        if not 0 <= number <= 0xFFFFFFFF:
            raise UsageError(f"a UF2 family id is a 32-bit number, not {family}")
        return number
    key = normalise_target(family)
    if key not in UF2_FAMILIES:
        raise UsageError(f"no UF2 family id known for {family!r}")
    return UF2_FAMILIES[key]


def source_memory(info: ImageInfo, base: int | None) -> MemoryImage:
    if info.format == "universal-hex":
        raise FirmwareError("a universal hex holds images for several boards: it cannot be "
                            "converted into a single-target format")
    memory = info.memory
    if base is not None:
        if info.format != "raw" and not info.format.startswith("esp"):
            raise UsageError("--base applies only to raw binary (and ESP .bin) input")
        if not 0 <= base < ADDRESS_SPACE:
            raise UsageError(f"--base {base:#x} is not a 32-bit address")
        memory = MemoryImage.from_pieces([(base + s.address - memory.start, s.data) for s in memory.segments])
    if not memory.segments:
        raise FirmwareError("the input image holds no data")
    return memory


def _from_uf2(data: bytes, out_format: str, family: str | None, info: ImageInfo) -> bytes | MemoryImage:
    """UF2 input: UF2 output keeps every family; other formats take one family's image."""
    parsed = uf2.parse_uf2(data)
    wanted = parse_family(family) if family is not None else None
    if family is not None and parsed.families and wanted not in parsed.families:
        have = ", ".join(uf2.family_label(f) for f in parsed.families)
        raise UsageError(f"the UF2 file holds no blocks of {uf2.family_label(wanted)} (it has: {have})")
    if out_format == "uf2":
        if family is None or parsed.families == [wanted]:
            return data             # already what was asked for: every family, byte for byte
        if not parsed.families:     # a family-less file: give its blocks the family
            return uf2.build_uf2(parsed.memory(), wanted)
        return parsed.select({wanted, None})
    if family is None and len(parsed.images) > 1:
        have = ", ".join(uf2.family_label(s.family) for s in parsed.images)
        raise UsageError(f"the UF2 file holds several images ({have}): choose one with --family")
    return parsed.memory(wanted) if family is not None else info.memory


def convert_bytes(data: bytes, out_format: str, family: str | None = None, base: int | None = None,
                  fill: int = 0xFF) -> bytes:
    if out_format not in OUTPUT_FORMATS:
        raise UsageError(f"unknown output format {out_format!r} (one of {', '.join(OUTPUT_FORMATS)})")
    info = inspect_bytes(data)
    if info.problems:
        raise FirmwareError(f"input image is invalid: {info.problems[0]}")
    if info.format == "uf2":
        if base is not None:
            raise UsageError("--base applies only to raw binary (and ESP .bin) input")
        picked = _from_uf2(data, out_format, family, info)
        if isinstance(picked, bytes):
            return picked
        memory = picked
        if not memory.segments:
            raise FirmwareError("the input image holds no data")
    else:
        if info.format == "raw" and base is None and out_format != "bin":
            raise UsageError("a raw binary holds no load address: give --base (e.g. 0x10000000 for "
                             "RP2040/RP2350 flash, 0x08000000 for STM32)")
        memory = source_memory(info, base)
    if out_format == "bin":
        return memory.flatten(fill)
    if memory.end > ADDRESS_SPACE:
        raise FirmwareError(f"the data ends at {memory.end:#x}, beyond the 32-bit addresses a "
                            f"{out_format} file can hold")
    if out_format == "uf2":
        return uf2.build_uf2(memory, family_id(family, info))
    if out_format == "hex":
        return ihex.build_hex(memory, info.entry if info.format in ("ihex", "elf") else None)
    return dfuse.build_dfuse(memory)


def convert_file(source, target, out_format: str | None = None, family: str | None = None,
                 base: int | None = None) -> tuple[ImageInfo, ImageInfo]:
    """Convert, write atomically, and return (input info, output info)."""
    out_format = out_format or format_from_suffix(target)
    data = read_image(source)
    result = convert_bytes(data, out_format, family, base)
    write_atomically(Path(target), result)
    return inspect_bytes(data), inspect_bytes(result)


def write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target and rename over it: a failure leaves no half-written file.

    A target that exists but is no regular file (a pipe, /dev/stdout) is written in place: renaming
    over it would replace the device or pipe.
    """
    if os.path.isdir(target):  # (os.path: never raises on a too-long name)
        raise UsageError(f"cannot write {target}: it is a directory")
    if os.path.exists(target) and not os.path.isfile(target):
        try:
            with open(target, "wb") as out:
                out.write(data)
        except OSError as exc:
            raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
        return
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
