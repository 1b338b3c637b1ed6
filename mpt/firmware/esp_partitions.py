"""The ESP partition table (at flash 0x8000): 32-byte entries, an optional MD5 entry."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

from mpt.errors import FirmwareError

TABLE_OFFSET = 0x8000
TABLE_MAX_SIZE = 0xC00
ENTRY = struct.Struct("<2sBBII16sI")
ENTRY_MAGIC = b"\xaa\x50"
MD5_MAGIC = b"\xeb\xeb"

TYPES = {0: "app", 1: "data"}
APP_SUBTYPES = {0x00: "factory", 0x20: "test", **{0x10 + n: f"ota_{n}" for n in range(16)}}
DATA_SUBTYPES = {0x00: "ota", 0x01: "phy", 0x02: "nvs", 0x03: "coredump", 0x04: "nvs_keys",
                 0x05: "efuse", 0x06: "undefined", 0x80: "esphttpd", 0x81: "fat", 0x82: "spiffs",
                 0x83: "littlefs"}


@dataclass(frozen=True)
class Partition:
    label: str
    type: str
    subtype: str
    offset: int
    size: int
    flags: int

    def as_dict(self) -> dict:
        return {"label": self.label, "type": self.type, "subtype": self.subtype,
                "offset": self.offset, "size": self.size, "flags": self.flags}


@dataclass
class PartitionTable:
    partitions: list[Partition]
    md5_present: bool
    md5_ok: bool | None

    def app_partition(self) -> Partition | None:
        """The partition the bootloader starts first: factory, else ota_0, else the first app."""
        apps = [p for p in self.partitions if p.type == "app"]
        for wanted in ("factory", "ota_0"):
            for p in apps:
                if p.subtype == wanted:
                    return p
        return apps[0] if apps else None


def looks_like_partition_table(data: bytes) -> bool:
    return data[:2] == ENTRY_MAGIC


def parse_partition_table(data: bytes) -> PartitionTable:
    partitions = []
    md5_present, md5_ok = False, None
    for offset in range(0, min(len(data), TABLE_MAX_SIZE), ENTRY.size):
        raw = data[offset:offset + ENTRY.size]
        if len(raw) < ENTRY.size:
            raise FirmwareError("partition table is truncated")
        if raw[:2] == MD5_MAGIC:
            md5_present = True
            md5_ok = raw[16:32] == hashlib.md5(data[:offset]).digest()
            continue
        if raw == b"\xff" * ENTRY.size:
            break
        magic, ptype, subtype, p_offset, size, label, flags = ENTRY.unpack(raw)
        if magic != ENTRY_MAGIC:
            raise FirmwareError(f"partition table entry {offset // ENTRY.size} has a wrong magic")
        type_name = TYPES.get(ptype, f"0x{ptype:02x}")
        names = APP_SUBTYPES if ptype == 0 else DATA_SUBTYPES if ptype == 1 else {}
        partitions.append(Partition(label.split(b"\x00")[0].decode("latin-1"), type_name,
                                    names.get(subtype, f"0x{subtype:02x}"), p_offset, size, flags))
    if not partitions:
        raise FirmwareError("partition table is empty")
    return PartitionTable(partitions, md5_present, md5_ok)


def problems(table: PartitionTable, flash_bytes: int | None = None) -> list[str]:
    found = []
    if table.md5_ok is False:
        found.append("partition table MD5 does not match its entries")
    ordered = sorted(table.partitions, key=lambda p: p.offset)
    for before, after in zip(ordered, ordered[1:]):
        if before.offset + before.size > after.offset:
            found.append(f"partitions {before.label!r} and {after.label!r} overlap")
    for p in ordered:
        if p.type == "app" and p.offset % 0x10000:
            found.append(f"app partition {p.label!r} at 0x{p.offset:x} is not 64 KiB aligned")
        if flash_bytes is not None and p.offset + p.size > flash_bytes:
            found.append(f"partition {p.label!r} ends past the {flash_bytes // 0x100000} MB flash")
    return found
