"""ESP application/bootloader images: header, extended header, segments, checksum, SHA-256."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field

from mpt.errors import FirmwareError
from mpt.firmware.chips import (ESP8266_FLASH_SIZES, ESP_CHIP_BY_IMAGE_ID, ESP_CHIP_BY_NAME,
                                ESP_FLASH_MODES, ESP_FLASH_SIZES, EspChip)

IMAGE_MAGIC = 0xE9
CHECKSUM_SEED = 0xEF
APP_DESC_MAGIC = 0xABCD5432
BOOTLOADER_DESC_MAGIC = 0x50
COMMON_HEADER = struct.Struct("<BBBBI")
EXTENDED_HEADER = struct.Struct("<BBBBHBHH4sB")
SEGMENT_HEADER = struct.Struct("<II")
MAX_SEGMENTS = 16


@dataclass(frozen=True)
class EspSegment:
    address: int
    file_offset: int   # of the segment's data, relative to the image start
    data: bytes


@dataclass
class EspImage:
    chip: EspChip
    flash_mode: str
    flash_size: str
    flash_freq: str
    entry: int
    segments: list[EspSegment]
    length: int                   # bytes from the magic to the end of checksum (and digest)
    checksum_stored: int
    checksum_computed: int
    sha256_appended: bool = False
    sha256_stored: bytes = b""
    sha256_computed: bytes = b""
    min_chip_rev: int = 0
    app_desc: dict = field(default_factory=dict)
    kind: str = "application"     # "application" or "bootloader"

    @property
    def checksum_ok(self) -> bool:
        return self.checksum_stored == self.checksum_computed

    @property
    def sha256_ok(self) -> bool | None:
        return self.sha256_stored == self.sha256_computed if self.sha256_appended else None

    def problems(self) -> list[str]:
        found = []
        if not self.checksum_ok:
            found.append(f"ESP image checksum mismatch: stored 0x{self.checksum_stored:02x}, "
                         f"computed 0x{self.checksum_computed:02x}")
        if self.sha256_ok is False:
            found.append("ESP image SHA-256 digest does not match its content")
        return found


def checksum(segment_data) -> int:
    value = CHECKSUM_SEED
    for blob in segment_data:
        for byte in blob:
            value ^= byte
    return value


def _read_segments(data: bytes, offset: int, count: int, start: int) -> tuple[list[EspSegment], int]:
    segments = []
    for index in range(count):
        if offset + SEGMENT_HEADER.size > len(data):
            raise FirmwareError(f"ESP image truncated in the header of segment {index}")
        address, size = SEGMENT_HEADER.unpack_from(data, offset)
        offset += SEGMENT_HEADER.size
        if offset + size > len(data):
            raise FirmwareError(f"ESP image truncated in segment {index} "
                                f"(needs {size} bytes at 0x{offset - start:x}, file ends at 0x{len(data) - start:x})")
        segments.append(EspSegment(address, offset - start, data[offset:offset + size]))
        offset += size
    return segments, offset


def parse_esp_image(data: bytes, offset: int = 0, chip_hint: str | None = None) -> EspImage:
    """Parse the image at data[offset:]; structure faults raise, checksum faults are recorded."""
    if len(data) - offset < COMMON_HEADER.size:
        raise FirmwareError("ESP image is truncated (no header)")
    magic, count, mode, size_freq, entry = COMMON_HEADER.unpack_from(data, offset)
    if magic != IMAGE_MAGIC:
        raise FirmwareError(f"not an ESP image (magic 0x{magic:02x}, expected 0xe9)")
    if count == 0 or count > MAX_SEGMENTS:
        raise FirmwareError(f"ESP image claims {count} segments")
    if chip_hint == "esp8266" or (chip_hint is None and not _has_extended_header(data, offset)):
        return _parse_esp8266(data, offset, count, mode, size_freq, entry)
    fields = EXTENDED_HEADER.unpack_from(data, offset + COMMON_HEADER.size)
    chip_id, min_rev, hash_appended = fields[4], fields[5], fields[9]
    chip = ESP_CHIP_BY_IMAGE_ID.get(chip_id)
    if chip is None:
        raise FirmwareError(f"ESP image is for an unknown chip id {chip_id}")
    if hash_appended not in (0, 1):
        raise FirmwareError(f"ESP image has an invalid hash-appended flag 0x{hash_appended:02x}")
    segments, end = _read_segments(data, offset + 24, count, offset)
    image = _finish(data, offset, end, chip, mode, size_freq, entry, segments, ESP_FLASH_SIZES)
    image.min_chip_rev = min_rev
    if hash_appended:
        image.sha256_appended = True
        digest_end = offset + image.length
        if digest_end + 32 > len(data):
            raise FirmwareError("ESP image truncated: the SHA-256 digest is missing")
        image.sha256_stored = data[digest_end:digest_end + 32]
        image.sha256_computed = hashlib.sha256(data[offset:digest_end]).digest()
        image.length += 32
    _describe(image)
    return image


def _has_extended_header(data: bytes, offset: int) -> bool:
    """ESP8266 images have none: their first segment header follows the 8-byte header."""
    if len(data) - offset < 24:
        return False
    fields = EXTENDED_HEADER.unpack_from(data, offset + COMMON_HEADER.size)
    if fields[8] != b"\x00" * 4 or fields[9] not in (0, 1):
        return False
    first_segment_address = struct.unpack_from("<I", data, offset + COMMON_HEADER.size)[0]
    return not 0x3FFE8000 <= first_segment_address < 0x40110000


def _parse_esp8266(data, offset, count, mode, size_freq, entry) -> EspImage:
    segments, end = _read_segments(data, offset + COMMON_HEADER.size, count, offset)
    image = _finish(data, offset, end, ESP_CHIP_BY_NAME["esp8266"], mode, size_freq, entry,
                    segments, ESP8266_FLASH_SIZES)
    _describe(image)
    return image


def _finish(data, offset, end, chip, mode, size_freq, entry, segments, sizes) -> EspImage:
    # the checksum is the last byte of the 16-byte block after the segments
    checksum_at = end + 15 - (end - offset) % 16
    if checksum_at >= len(data):
        raise FirmwareError("ESP image truncated: the checksum byte is missing")
    return EspImage(
        chip=chip,
        flash_mode=ESP_FLASH_MODES.get(mode, f"unknown ({mode})"),
        flash_size=sizes.get(size_freq >> 4, f"unknown ({size_freq >> 4})"),
        flash_freq=chip.flash_freqs.get(size_freq & 0xF, f"unknown ({size_freq & 0xF})"),
        entry=entry,
        segments=segments,
        length=checksum_at + 1 - offset,
        checksum_stored=data[checksum_at],
        checksum_computed=checksum(s.data for s in segments),
    )


def _describe(image: EspImage) -> None:
    """Read the ESP-IDF app or bootloader description at the start of the first segment."""
    first = image.segments[0].data
    if len(first) >= 256 and struct.unpack_from("<I", first, 0)[0] == APP_DESC_MAGIC:
        def text(start, size):
            return first[start:start + size].split(b"\x00")[0].decode("latin-1")
        image.app_desc = {
            "version": text(16, 32),
            "project_name": text(48, 32),
            "time": text(80, 16),
            "date": text(96, 16),
            "idf_version": text(112, 32),
        }
    elif len(first) >= 80 and first[0] == BOOTLOADER_DESC_MAGIC:
        image.kind = "bootloader"
        image.app_desc = {"idf_version": first[16:48].split(b"\x00")[0].decode("latin-1")}
