"""UF2: 512-byte blocks, each carrying up to 476 bytes for one target address."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from mpt.errors import FirmwareError
from mpt.firmware.memory import MemoryImage

BLOCK_SIZE = 512
MAGIC_START0 = 0x0A324655
MAGIC_START1 = 0x9E5D5157
MAGIC_END = 0x0AB16F30
MAX_PAYLOAD = 476

FLAG_NOT_MAIN_FLASH = 0x00000001
FLAG_FILE_CONTAINER = 0x00001000
FLAG_FAMILY_ID = 0x00002000
FLAG_MD5 = 0x00004000
FLAG_EXTENSION_TAGS = 0x00008000

_HEADER = struct.Struct("<IIIIIIII")


@dataclass(frozen=True)
class Uf2Block:
    flags: int
    address: int
    payload: bytes
    block_no: int
    num_blocks: int
    family: int | None


@dataclass
class Uf2File:
    blocks: list[Uf2Block]

    @property
    def families(self) -> list[int]:
        seen: list[int] = []
        for block in self.blocks:
            if block.family is not None and block.family not in seen:
                seen.append(block.family)
        return seen

    def memory(self, family: int | None = None) -> MemoryImage:
        skip = FLAG_NOT_MAIN_FLASH | FLAG_FILE_CONTAINER
        pieces = [(b.address, b.payload) for b in self.blocks
                  if not b.flags & skip and (family is None or b.family == family)]
        return MemoryImage.from_pieces(pieces)


def looks_like_uf2(data: bytes) -> bool:
    return len(data) >= 32 and struct.unpack_from("<II", data, 0) == (MAGIC_START0, MAGIC_START1)


def parse_uf2(data: bytes) -> Uf2File:
    """Parse and check every block; any structural fault raises FirmwareError."""
    if len(data) == 0 or len(data) % BLOCK_SIZE:
        raise FirmwareError(f"UF2 file size {len(data)} is not a multiple of {BLOCK_SIZE}")
    blocks = []
    for index in range(len(data) // BLOCK_SIZE):
        offset = index * BLOCK_SIZE
        m0, m1, flags, address, size, block_no, num_blocks, family_or_size = \
            _HEADER.unpack_from(data, offset)
        (magic_end,) = struct.unpack_from("<I", data, offset + BLOCK_SIZE - 4)
        if (m0, m1, magic_end) != (MAGIC_START0, MAGIC_START1, MAGIC_END):
            raise FirmwareError(f"UF2 block {index} (file offset 0x{offset:x}) has a wrong magic number")
        if size > MAX_PAYLOAD:
            raise FirmwareError(f"UF2 block {index} claims a payload of {size} bytes (at most {MAX_PAYLOAD})")
        if block_no >= num_blocks:
            raise FirmwareError(f"UF2 block {index} is numbered {block_no} of {num_blocks}")
        payload = data[offset + 32:offset + 32 + size]
        family = family_or_size if flags & FLAG_FAMILY_ID else None
        blocks.append(Uf2Block(flags, address, payload, block_no, num_blocks, family))
    _check_numbering(blocks)
    return Uf2File(blocks)


def _check_numbering(blocks: list[Uf2Block]) -> None:
    # A file may be several UF2 files concatenated (one per family): numbering restarts at 0.
    expected = 0
    count = None
    for index, block in enumerate(blocks):
        if block.block_no == 0 and expected == count:
            expected, count = 0, None
        if count is None:
            count = block.num_blocks
        if block.block_no != expected or block.num_blocks != count:
            raise FirmwareError(
                f"UF2 block {index} is numbered {block.block_no}/{block.num_blocks}, "
                f"expected {expected}/{count} (missing or reordered blocks)")
        expected += 1
    if count is not None and expected != count:
        raise FirmwareError(f"UF2 file is truncated: {expected} of {count} blocks present")


def build_uf2(memory: MemoryImage, family: int | None, payload_size: int = 256) -> bytes:
    """Write the memory image as UF2 blocks of at most payload_size bytes.

    Blocks break at payload_size-aligned addresses so that bootloaders see whole pages; data is
    written exactly (a partial last block stays short) so that conversions back are lossless.
    """
    if not memory.segments:
        raise FirmwareError("nothing to write: the image holds no data")
    chunks = []
    for segment in memory.segments:
        address, data = segment.address, segment.data
        pos = 0
        while pos < len(data):
            room = payload_size - (address + pos) % payload_size
            chunks.append((address + pos, data[pos:pos + room]))
            pos += room
    flags = FLAG_FAMILY_ID if family is not None else 0
    out = bytearray()
    for number, (address, payload) in enumerate(chunks):
        header = _HEADER.pack(MAGIC_START0, MAGIC_START1, flags, address, len(payload),
                              number, len(chunks), family or 0)
        out += header + payload + b"\x00" * (MAX_PAYLOAD - len(payload)) + struct.pack("<I", MAGIC_END)
    return bytes(out)
