"""DfuSe (.dfu) files: prefix, targets with elements, and a suffix ending in a CRC32."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from mpt.errors import FirmwareError
from mpt.firmware.memory import MemoryImage, Segment

PREFIX = struct.Struct("<5sBIB")          # "DfuSe", version, image size, target count
TARGET = struct.Struct("<6sBI255sII")     # "Target", alt setting, named, name, size, elements
ELEMENT = struct.Struct("<II")            # address, size
SUFFIX = struct.Struct("<HHHH3sBI")       # bcdDevice, idProduct, idVendor, bcdDFU, "UFD", len, crc

STM32_DFU_VID, STM32_DFU_PID = 0x0483, 0xDF11


@dataclass
class DfuTarget:
    alt_setting: int
    name: str
    elements: list[Segment]

    def memory(self) -> MemoryImage:
        return MemoryImage.from_pieces((e.address, e.data) for e in self.elements)


@dataclass
class DfuFile:
    targets: list[DfuTarget]
    vendor_id: int
    product_id: int
    device_version: int
    crc: int


def looks_like_dfuse(data: bytes) -> bool:
    return data.startswith(b"DfuSe")


def dfu_crc(data: bytes) -> int:
    return ~zlib.crc32(data) & 0xFFFFFFFF


def parse_dfuse(data: bytes) -> DfuFile:
    if len(data) < PREFIX.size + SUFFIX.size:
        raise FirmwareError("DfuSe file is truncated")
    signature, version, image_size, target_count = PREFIX.unpack_from(data, 0)
    if signature != b"DfuSe" or version != 1:
        raise FirmwareError("not a DfuSe file (wrong prefix)")
    device, product, vendor, bcd_dfu, ufd, length, crc = SUFFIX.unpack_from(data, len(data) - SUFFIX.size)
    if ufd != b"UFD" or length != SUFFIX.size:
        raise FirmwareError("DfuSe suffix is missing or damaged (file truncated?)")
    if dfu_crc(data[:-4]) != crc:
        raise FirmwareError(f"DfuSe CRC mismatch: stored 0x{crc:08x}, computed 0x{dfu_crc(data[:-4]):08x}")
    if image_size != len(data) - SUFFIX.size:
        raise FirmwareError(f"DfuSe prefix says {image_size} bytes, file holds {len(data) - SUFFIX.size}")
    offset = PREFIX.size
    targets = []
    for _ in range(target_count):
        if offset + TARGET.size > image_size:
            raise FirmwareError("DfuSe target header runs past the end of the image")
        tag, alt, named, raw_name, size, element_count = TARGET.unpack_from(data, offset)
        if tag != b"Target":
            raise FirmwareError(f"DfuSe target at offset 0x{offset:x} has a wrong signature")
        offset += TARGET.size
        body_end = offset + size
        if body_end > image_size:
            raise FirmwareError("DfuSe target data runs past the end of the image")
        elements = []
        for _ in range(element_count):
            address, element_size = ELEMENT.unpack_from(data, offset)
            offset += ELEMENT.size
            if offset + element_size > body_end:
                raise FirmwareError(f"DfuSe element at 0x{address:08x} runs past its target")
            elements.append(Segment(address, data[offset:offset + element_size]))
            offset += element_size
        if offset != body_end:
            raise FirmwareError("DfuSe target size does not match its elements")
        name = raw_name.split(b"\x00")[0].decode("latin-1") if named else ""
        targets.append(DfuTarget(alt, name, elements))
    if offset != image_size:
        raise FirmwareError("DfuSe file has unexpected bytes after its targets")
    return DfuFile(targets, vendor, product, device, crc)


def build_dfuse(memory: MemoryImage, vendor_id: int = STM32_DFU_VID, product_id: int = STM32_DFU_PID,
                device_version: int = 0x2200, target_name: str = "ST...") -> bytes:
    if not memory.segments:
        raise FirmwareError("nothing to write: the image holds no data")
    body = b"".join(ELEMENT.pack(s.address, len(s.data)) + s.data for s in memory.segments)
    target = TARGET.pack(b"Target", 0, 1, target_name.encode("latin-1"), len(body),
                         len(memory.segments)) + body
    image = PREFIX.pack(b"DfuSe", 1, PREFIX.size + len(target), 1) + target
    suffix = SUFFIX.pack(device_version, product_id, vendor_id, 0x011A, b"UFD", SUFFIX.size, 0)[:-4]
    data = image + suffix
    return data + struct.pack("<I", dfu_crc(data))
