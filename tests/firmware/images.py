"""Test images in the real formats, built with mpt's own writers (and hand-made broken ones)."""

from __future__ import annotations

import hashlib
import struct

from mpt.firmware.chips import ESP_CHIP_BY_NAME
from mpt.firmware.elf import PT_LOAD
from mpt.firmware.esp_image import (APP_DESC_MAGIC, COMMON_HEADER, EXTENDED_HEADER, IMAGE_MAGIC,
                                    SEGMENT_HEADER, checksum)
from mpt.firmware.esp_partitions import ENTRY, ENTRY_MAGIC, MD5_MAGIC, TABLE_MAX_SIZE

DROM = {"esp32": 0x3F400020, "esp32s2": 0x3F000020, "esp32s3": 0x3C000020, "esp32c3": 0x3C000020,
        "esp32c6": 0x42800020}
MCU = {"esp32": "ESP32", "esp32s2": "ESP32S2", "esp32s3": "ESP32S3", "esp32c3": "ESP32C3",
       "esp32c6": "ESP32C6", "esp8266": "ESP8266"}


def build_esp_image(chip: str, segments: list[tuple[int, bytes]], entry: int,
                    flash_mode: int = 2, flash_size: int = 2, flash_freq: int = 0,
                    append_sha256: bool = True, min_chip_rev: int = 0) -> bytes:
    """Write an ESP image as the ROM and esptool expect it (the layout esp_image reads)."""
    spec = ESP_CHIP_BY_NAME[chip]
    out = bytearray(COMMON_HEADER.pack(IMAGE_MAGIC, len(segments), flash_mode,
                                       (flash_size << 4) | flash_freq, entry))
    if spec.image_chip_id is not None:
        out += EXTENDED_HEADER.pack(0xEE, 0, 0, 0, spec.image_chip_id, min_chip_rev, 0, 0xFFFF,
                                    b"\x00" * 4, 1 if append_sha256 else 0)
    else:
        append_sha256 = False
    for address, blob in segments:
        blob = bytes(blob) + b"\x00" * (-len(blob) % 4)
        out += SEGMENT_HEADER.pack(address, len(blob)) + blob
    out += b"\x00" * (15 - len(out) % 16)
    out.append(checksum(b for _, b in _padded(segments)))
    if append_sha256:
        out += hashlib.sha256(out).digest()
    return bytes(out)


def _padded(segments):
    for address, blob in segments:
        yield address, bytes(blob) + b"\x00" * (-len(blob) % 4)


def build_partition_table(entries: list[tuple[str, int, int, int, int]], with_md5: bool = True) -> bytes:
    """entries: (label, type, subtype, offset, size)."""
    out = b"".join(ENTRY.pack(ENTRY_MAGIC, t, s, o, n, label.encode(), 0) for label, t, s, o, n in entries)
    if with_md5:
        out += MD5_MAGIC + b"\xff" * 14 + hashlib.md5(out).digest()
    return out + b"\xff" * (TABLE_MAX_SIZE - len(out))


def build_elf32(machine: int, entry: int, segments: list[tuple[int, bytes]]) -> bytes:
    """A minimal little-endian ELF32 executable with one PT_LOAD per segment."""
    phoff = 52
    data_offset = phoff + 32 * len(segments)
    headers = b""
    body = b""
    for address, blob in segments:
        headers += struct.pack("<IIIIIIII", PT_LOAD, data_offset + len(body), address, address,
                               len(blob), len(blob), 5, 4)
        body += blob
    ident = b"\x7fELF" + bytes([1, 1, 1]) + b"\x00" * 9
    header = ident + struct.pack("<HHIIIIIHHHHHH", 2, machine, 1, entry, phoff, 0, 0, 52, 32,
                                 len(segments), 40, 0, 0)
    return header + headers + body


def banner_strings(version="v1.29.0", date="2026-04-30", board="Generic ESP32 module", mcu="ESP32"):
    # as the C compiler lays them out: separate NUL-terminated strings with other data between
    return (b"\x00MicroPython " + version.encode() + b" on " + date.encode() + b"\x00" + b"\x07" * 13 +
            b"\x00; " + board.encode() + b" with " + mcu.encode() + b"\x00")


def app_desc(version="v1.29.0", project="micropython") -> bytes:
    desc = struct.pack("<II8s", APP_DESC_MAGIC, 0, b"")
    desc += version.encode().ljust(32, b"\x00") + project.encode().ljust(32, b"\x00")
    desc += b"12:00:00".ljust(16, b"\x00") + b"Apr 30 2026".ljust(16, b"\x00")
    desc += b"v5.4.1".ljust(32, b"\x00") + bytes(32) + bytes(256 - 176)
    return desc


def esp_app(chip="esp32", version="v1.29.0", board="Generic ESP32 module", payload=4000,
            text: bytes | None = None) -> bytes:
    mcu = MCU[chip]
    text = banner_strings(version, board=board, mcu=mcu) if text is None else text
    drom = app_desc(version) + text + bytes(range(256)) * (payload // 256)
    iram = b"\x13\x37" * 600
    return build_esp_image(chip, [(DROM.get(chip, 0x3F400020), drom), (0x40080000, iram)], entry=0x40080400)


def esp_bootloader(chip="esp32") -> bytes:
    desc = bytes([0x50, 0, 0, 0]) + bytes(12) + b"v5.4.1".ljust(32, b"\x00") + bytes(32)
    return build_esp_image(chip, [(0x3FFF0000, desc + b"\x55" * 2000), (0x40078000, b"\xaa" * 3000)],
                           entry=0x40080600)


def esp_merged(chip="esp32", app: bytes | None = None, app_offset=0x10000, **kwargs) -> bytes:
    base = ESP_CHIP_BY_NAME[chip].bootloader_offset
    app = esp_app(chip, **kwargs) if app is None else app
    table = build_partition_table([("nvs", 1, 2, 0x9000, 0x6000), ("phy_init", 1, 1, 0xF000, 0x1000),
                                   ("factory", 0, 0, app_offset, 0x1F0000),
                                   ("vfs", 1, 0x81, app_offset + 0x1F0000, 0x200000)])
    out = bytearray(esp_bootloader(chip))
    out += b"\xff" * (0x8000 - base - len(out))
    out += table
    out += b"\xff" * (app_offset - base - len(out))
    return bytes(out + app)


def esp8266_firmware(version="v1.29.0", irom_size=20000) -> bytes:
    """MicroPython's esp8266 layout: image at 0, length word at 0x8ffc, irom0 at 0x9000, MD5 last."""
    first = build_esp_image("esp8266", [(0x40100000, b"\x11" * 3000), (0x3FFE8000, b"\x22" * 500)],
                            entry=0x40100004, flash_size=4)
    irom = banner_strings(version, board="ESP module", mcu="ESP8266") + bytes(range(256)) * (irom_size // 256)
    md5 = hashlib.md5()
    pad = b"\xff" * (0x9000 - len(first))
    length = struct.pack("<I", 0x9000 + len(irom))
    out = first + pad[:-4] + length + irom
    md5.update(out[4:])
    return out + md5.digest()


def cortex_m_binary(version="v1.29.0", board="Raspberry Pi Pico", mcu="RP2040", size=3000) -> bytes:
    vectors = struct.pack("<II", 0x20042000, 0x100001F7)
    return vectors + b"\x00" * 56 + banner_strings(version, board=board, mcu=mcu) + bytes(range(256)) * (size // 256)
