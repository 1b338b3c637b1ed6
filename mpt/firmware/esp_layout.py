"""How an ESP file is laid out in flash: a lone image, a merged flash image, or ESP8266's two parts."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field

from mpt.firmware.chips import ESP_CHIP_BY_NAME, EspChip
from mpt.firmware.esp_image import IMAGE_MAGIC, EspImage, parse_esp_image
from mpt.firmware.esp_partitions import (TABLE_MAX_SIZE, TABLE_OFFSET, PartitionTable,
                                         looks_like_partition_table, parse_partition_table)
from mpt.firmware.esp_partitions import problems as partition_problems

DEFAULT_APP_OFFSET = 0x10000
ESP8266_IROM_FLASH_OFFSET = 0x9000     # MicroPython's esp8266 makeimg.py layout
ESP8266_IROM_MAP_BASE = 0x40200000


@dataclass
class PlacedImage:
    role: str            # "bootloader", "application", "image"
    flash_offset: int | None   # None: where the image belongs is not known
    image: EspImage


@dataclass
class EspLayout:
    kind: str            # "esp-merged", "esp-app", "esp-bootloader", "esp-image", "esp8266"
    chip: EspChip
    flash_offset: int | None   # where the file's first byte goes in flash (None if unknown)
    images: list[PlacedImage]
    partition_table: PartitionTable | None = None
    extra: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def application(self) -> EspImage | None:
        for placed in self.images:
            if placed.role == "application":
                return placed.image
        return None


def looks_like_esp(data: bytes) -> bool:
    if data[:1] == bytes([IMAGE_MAGIC]):
        return True
    # a dump from flash address 0 of a chip whose bootloader sits at 0x1000 or 0x2000
    return any(len(data) > gap and data[:gap] == b"\xff" * gap and data[gap] == IMAGE_MAGIC
               for gap in (0x1000, 0x2000))


def analyse_esp(data: bytes) -> EspLayout:
    start = 0
    if data[:1] != bytes([IMAGE_MAGIC]):
        start = next(gap for gap in (0x1000, 0x2000) if data[:gap] == b"\xff" * gap)
    first = parse_esp_image(data, start)
    if first.chip.name == "esp8266":
        return _analyse_esp8266(data, first)
    chip = first.chip
    # Where does the file begin in flash? If it holds the bootloader, at the chip's bootloader offset.
    base = chip.bootloader_offset - start
    table_at = TABLE_OFFSET - base
    if base >= 0 and 0 <= table_at < len(data) and looks_like_partition_table(data[table_at:]):
        return _analyse_merged(data, first, chip, base, start, table_at)
    problems = list(first.problems())
    if start:
        problems.append("ESP bootloader found at file offset 0x%x but no partition table after it" % start)
    if first.kind == "bootloader":
        return EspLayout("esp-bootloader", chip, chip.bootloader_offset,
                         [PlacedImage("bootloader", chip.bootloader_offset, first)], problems=problems)
    if first.app_desc:
        layout = EspLayout("esp-app", chip, DEFAULT_APP_OFFSET,
                           [PlacedImage("application", DEFAULT_APP_OFFSET, first)], problems=problems)
    else:
        # neither an app nor a bootloader description: where it belongs is not known
        layout = EspLayout("esp-image", chip, None, [PlacedImage("image", None, first)], problems=problems)
    _note_trailing(layout, data, first.length)
    return layout


def _analyse_merged(data, bootloader, chip, base, start, table_at) -> EspLayout:
    table = parse_partition_table(data[table_at:table_at + TABLE_MAX_SIZE])
    problems = [f"bootloader: {p}" for p in bootloader.problems()]
    if bootloader.length + start > table_at:
        problems.append("bootloader overlaps the partition table")
    images = [PlacedImage("bootloader", base + start, bootloader)]
    problems += partition_problems(table, _flash_bytes(bootloader.flash_size))
    app_partition = table.app_partition()
    if app_partition is None:
        problems.append("partition table has no app partition")
    else:
        app_at = app_partition.offset - base
        if app_at + 1 > len(data) or data[app_at] != IMAGE_MAGIC:
            problems.append(f"no application image at flash 0x{app_partition.offset:x} "
                            f"(partition {app_partition.label!r})")
        else:
            app = parse_esp_image(data, app_at)
            if app.chip != chip:
                problems.append(f"application is built for {app.chip.display} but the bootloader "
                                f"for {chip.display}")
            if app.length > app_partition.size:
                problems.append(f"application ({app.length} bytes) is larger than its partition "
                                f"{app_partition.label!r} ({app_partition.size} bytes)")
            problems += [f"application: {p}" for p in app.problems()]
            images.append(PlacedImage("application", app_partition.offset, app))
    return EspLayout("esp-merged", chip, base, images, table, problems=problems)


def _flash_bytes(size: str) -> int | None:
    if size.endswith("MB") and size[:-2].isdigit():
        return int(size[:-2]) * 0x100000
    return None


def _analyse_esp8266(data: bytes, first: EspImage) -> EspLayout:
    chip = ESP_CHIP_BY_NAME["esp8266"]
    problems = list(first.problems())
    images = [PlacedImage("image", 0, first)]
    layout = EspLayout("esp8266", chip, 0, images, problems=problems)
    irom_at = ESP8266_IROM_FLASH_OFFSET
    if len(data) <= irom_at:
        _note_trailing(layout, data, first.length)
        return layout
    if first.length > irom_at - 4:
        problems.append("ESP8266 first part runs into the irom0 area at 0x9000")
        return layout
    (total,) = struct.unpack_from("<I", data, irom_at - 4)
    layout.extra["irom0_flash_offset"] = irom_at
    layout.extra["irom0_address"] = ESP8266_IROM_MAP_BASE + irom_at
    if total == len(data) - 16:
        # MicroPython's makeimg.py layout: length word before irom0, MD5 of bytes 4.. at the end
        layout.extra["irom0_size"] = total - irom_at
        layout.extra["md5_ok"] = hashlib.md5(data[4:-16]).digest() == data[-16:]
        if not layout.extra["md5_ok"]:
            problems.append("ESP8266 firmware MD5 (last 16 bytes) does not match its content")
    elif total == len(data):
        layout.extra["irom0_size"] = total - irom_at
    else:
        problems.append(f"ESP8266 firmware length word says {total} bytes, the file holds {len(data)} "
                        "(truncated or damaged)")
    return layout


def _note_trailing(layout: EspLayout, data: bytes, used: int) -> None:
    trailing = data[used:]
    if trailing.strip(b"\xff\x00"):
        layout.extra["trailing_bytes"] = len(trailing)
