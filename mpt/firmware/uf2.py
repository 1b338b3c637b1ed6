"""UF2: 512-byte blocks, each carrying up to 476 bytes for one target address.

A file may hold several images, one per family (files of several families can simply be
concatenated). Blocks are numbered per family: a reader takes the blocks of its own family
(and blocks without a family id) and disregards every other block, numbering included.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from mpt.errors import FirmwareError
from mpt.firmware.memory import MemoryImage
from mpt.firmware.chips import UF2_FAMILY_NAMES

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

# Extension tags (after the payload, 4-byte aligned: 1 size byte then a 3-byte type)
TAG_IGNORE_BLOCK = 0x9957E3    # Raspberry Pi: "this block is not part of the image" (RP2350-E10)
TAG_NAMES = {0x9FC7BC: "version", 0x650D9D: "device", 0x0BE9F7: "page size", 0xB46DB0: "sha2",
             0xC8A729: "device type", TAG_IGNORE_BLOCK: "rp2 ignore block"}

RP_ABSOLUTE_FAMILY = 0xE48BFF57
E10_ADDRESS = 0x10FFFF00

_HEADER = struct.Struct("<IIIIIIII")


@dataclass(frozen=True)
class Uf2Block:
    flags: int
    address: int
    payload: bytes
    block_no: int
    num_blocks: int
    family: int | None
    tags: tuple[int, ...] = ()
    index: int = 0              # position in the file
    raw: bytes = field(default=b"", repr=False, compare=False)   # the block's 512 bytes

    @property
    def ignored(self) -> bool:
        """A block no bootloader writes: a placeholder such as picotool's RP2350-E10 block.

        picotool tags it with the ignore-block extension; some other generators write the same
        block (absolute family, 0x10ffff00, "0 of 2") without the tag.
        """
        return TAG_IGNORE_BLOCK in self.tags or (
            self.family == RP_ABSOLUTE_FAMILY and self.address == E10_ADDRESS
            and (self.block_no, self.num_blocks) == (0, 2))

    @property
    def is_data(self) -> bool:
        return not (self.flags & (FLAG_NOT_MAIN_FLASH | FLAG_FILE_CONTAINER) or self.ignored)


@dataclass
class Uf2Sequence:
    """The blocks of one family (or of no family: family None), in file order."""

    family: int | None
    blocks: list[Uf2Block] = field(default_factory=list)

    @property
    def placeholder(self) -> bool:
        """Every block is an ignore-block: the run is not an image of its own."""
        return all(b.ignored for b in self.blocks)

    def memory(self) -> MemoryImage:
        return MemoryImage.from_pieces((b.address, b.payload) for b in self.blocks if b.is_data)


@dataclass
class Uf2File:
    blocks: list[Uf2Block]
    sequences: list[Uf2Sequence] = field(default_factory=list)

    @property
    def families(self) -> list[int]:
        return [s.family for s in self.sequences if s.family is not None]

    @property
    def images(self) -> list[Uf2Sequence]:
        """The sequences that are images (placeholders left out)."""
        return [s for s in self.sequences if not s.placeholder]

    def sequence(self, family: int | None) -> Uf2Sequence | None:
        return next((s for s in self.sequences if s.family == family), None)

    def memory(self, family: int | None = None) -> MemoryImage:
        """What a bootloader of `family` writes: that family's blocks and the family-less ones.

        Without a family: the whole file's data, which is only well defined for one image.
        """
        pieces = [(b.address, b.payload) for b in self.blocks
                  if b.is_data and (family is None or b.family in (family, None))]
        return MemoryImage.from_pieces(pieces)

    def select(self, families: set[int | None]) -> bytes:
        """The file's blocks of these families, byte for byte (numbering is per family)."""
        return b"".join(b.raw for b in self.blocks if b.family in families)


def looks_like_uf2(data: bytes) -> bool:
    return len(data) >= 32 and struct.unpack_from("<II", data, 0) == (MAGIC_START0, MAGIC_START1)


def _tags(data: bytes, offset: int, size: int) -> tuple[int, ...]:
    """The extension tags of the block at offset (payload of `size` bytes)."""
    tags = []
    pos = offset + 32 + ((size + 3) & ~3)
    limit = offset + BLOCK_SIZE - 4
    while pos + 4 <= limit:
        (word,) = struct.unpack_from("<I", data, pos)
        length = word & 0xFF
        if word == 0 or length < 4:
            break
        tags.append(word >> 8)
        pos += (length + 3) & ~3
    return tuple(tags)


def parse_uf2(data: bytes) -> Uf2File:
    """Parse and check every block and each family's numbering; any fault raises FirmwareError."""
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
        tags = _tags(data, offset, size) if flags & FLAG_EXTENSION_TAGS else ()
        blocks.append(Uf2Block(flags, address, payload, block_no, num_blocks, family, tags, index,
                               data[offset:offset + BLOCK_SIZE]))
    parsed = Uf2File(blocks, _sequences(blocks))
    for sequence in parsed.sequences:
        _check_numbering(sequence)
    return parsed


def _sequences(blocks: list[Uf2Block]) -> list[Uf2Sequence]:
    by_family: dict[int | None, Uf2Sequence] = {}
    for block in blocks:
        by_family.setdefault(block.family, Uf2Sequence(block.family)).blocks.append(block)
    return list(by_family.values())


def family_label(family: int | None) -> str:
    if family is None:
        return "no family id"
    return f"family {UF2_FAMILY_NAMES.get(family, 'unknown')} 0x{family:08x}"


def _check_numbering(sequence: Uf2Sequence) -> None:
    """Within one family blocks run 0..N-1 (a file may repeat a family: numbering restarts at 0)."""
    if sequence.placeholder:
        return  # ignore-blocks say "0 of 2" on purpose, so that no bootloader ever completes them
    what = family_label(sequence.family)
    expected, count = 0, None
    for block in sequence.blocks:
        if block.block_no == 0 and expected == count:
            expected, count = 0, None
        if count is None:
            count = block.num_blocks
        if block.block_no != expected or block.num_blocks != count:
            raise FirmwareError(
                f"UF2 block {block.index} ({what}) is numbered {block.block_no}/{block.num_blocks}, "
                f"expected {expected}/{count} (missing or reordered blocks)")
        expected += 1
    if count is not None and expected != count:
        raise FirmwareError(f"UF2 file is truncated: {expected} of {count} blocks present ({what})")


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
