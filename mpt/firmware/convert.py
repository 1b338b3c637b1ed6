"""Convert between raw binary, UF2, Intel HEX and DfuSe, keeping every byte at its address."""

from __future__ import annotations

from pathlib import Path

from mpt.errors import FirmwareError, UsageError
from mpt.firmware import dfuse, ihex, uf2
from mpt.firmware.chips import UF2_FAMILIES, normalise_target
from mpt.firmware.inspect import ImageInfo, inspect_bytes, read_image
from mpt.firmware.memory import MemoryImage

OUTPUT_FORMATS = ("bin", "uf2", "hex", "dfu")
_SUFFIXES = {".bin": "bin", ".uf2": "uf2", ".hex": "hex", ".ihex": "hex", ".dfu": "dfu"}


def format_from_suffix(path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise UsageError(f"cannot tell the output format from {Path(path).name!r}: "
                         f"use a .bin, .uf2, .hex or .dfu name or give --format")
    return _SUFFIXES[suffix]


def family_id(family: str | None, info: ImageInfo) -> int | None:
    if family is None:
        if info.format == "uf2" and info.details.get("families"):
            return int(info.details["families"][0]["id"], 16)
        if info.target in UF2_FAMILIES:
            return UF2_FAMILIES[info.target]
        return None
    try:
        return int(family, 0)
    except ValueError:
        pass
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
        memory = MemoryImage.from_pieces([(base + s.address - memory.start, s.data) for s in memory.segments])
    if not memory.segments:
        raise FirmwareError("the input image holds no data")
    return memory


def convert_bytes(data: bytes, out_format: str, family: str | None = None, base: int | None = None,
                  fill: int = 0xFF) -> bytes:
    info = inspect_bytes(data)
    if info.problems:
        raise FirmwareError(f"input image is invalid: {info.problems[0]}")
    memory = source_memory(info, base)
    if out_format == "bin":
        return memory.flatten(fill)
    if out_format == "uf2":
        return uf2.build_uf2(memory, family_id(family, info))
    if out_format == "hex":
        return ihex.build_hex(memory, info.entry if info.format in ("ihex", "elf") else None)
    if out_format == "dfu":
        return dfuse.build_dfuse(memory)
    raise UsageError(f"unknown output format {out_format!r} (one of {', '.join(OUTPUT_FORMATS)})")


def convert_file(source, target, out_format: str | None = None, family: str | None = None,
                 base: int | None = None) -> tuple[ImageInfo, ImageInfo]:
    """Convert, write atomically, and return (input info, output info)."""
    out_format = out_format or format_from_suffix(target)
    data = read_image(source)
    result = convert_bytes(data, out_format, family, base)
    target = Path(target)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(result)
    partial.replace(target)
    return inspect_bytes(data), inspect_bytes(result)
