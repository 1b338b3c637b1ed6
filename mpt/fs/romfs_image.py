"""The ROMFS image format (extmod/vfs_rom.c): records of varuint kind, varuint length, payload.

An image is one record of kind FILESYSTEM (encoded d2 cd 31, "RM1") whose payload holds
directory and file records; a directory record holds its name and then its entries' records,
a file record its name and a verbatim-data record. The whole image is padded to an even size
by a redundant 0x80 byte in front of its length (a varuint may carry any number of them).
"""

from __future__ import annotations

KIND_DATA_VERBATIM = 2
KIND_DIRECTORY = 4
KIND_FILE = 5
FILESYSTEM_HEADER = b"\xd2\xcd\x31"  # the varuint of kind 0x14a6b1


def varuint(value: int) -> bytes:
    """Big-endian groups of 7 bits, the high bit set on every byte but the last."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def record(kind: int, payload: bytes) -> bytes:
    return varuint(kind) + varuint(len(payload)) + payload


def _named(name: str) -> bytes:
    encoded = name.encode("ascii")
    return varuint(len(encoded)) + encoded


def file_record(name: str, data: bytes) -> bytes:
    return record(KIND_FILE, _named(name) + record(KIND_DATA_VERBATIM, data))


def directory_record(name: str, entries: bytes) -> bytes:
    return record(KIND_DIRECTORY, _named(name) + entries)


def filesystem(entries: bytes) -> bytes:
    """The whole image around the top directory's records."""
    length = varuint(len(entries))
    if (len(FILESYSTEM_HEADER) + len(length) + len(entries)) % 2:
        length = b"\x80" + length
    return FILESYSTEM_HEADER + length + entries


def image_size(head: bytes) -> int | None:
    """The size the image's header declares (its payload length), or None when ``head`` does
    not start with a ROMFS header."""
    if not head.startswith(FILESYSTEM_HEADER):
        return None
    size = 0
    for byte in head[len(FILESYSTEM_HEADER):]:
        size = (size << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return size
    return None
