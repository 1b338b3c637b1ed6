"""Intel HEX, including the micro:bit universal hex block records (0A-0E)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mpt.errors import FirmwareError
from mpt.firmware.memory import MemoryImage

DATA, EOF, EXT_SEGMENT, START_SEGMENT, EXT_LINEAR, START_LINEAR = range(6)
BLOCK_START, BLOCK_END, PADDED_DATA, CUSTOM_DATA, OTHER_DATA = 0x0A, 0x0B, 0x0C, 0x0D, 0x0E

MICROBIT_BOARD_IDS = {0x9900: "micro:bit v1 (nRF51822)", 0x9901: "micro:bit v1 (nRF51822)",
                      0x9903: "micro:bit v2 (nRF52833)", 0x9904: "micro:bit v2 (nRF52833)",
                      0x9905: "micro:bit v2 (nRF52833)", 0x9906: "micro:bit v2 (nRF52833)"}


@dataclass
class HexSection:
    """Data for one target; a plain hex file has one section with board_id None."""

    board_id: int | None
    pieces: list[tuple[int, bytes]] = field(default_factory=list)

    def memory(self) -> MemoryImage:
        return MemoryImage.from_pieces(self.pieces)


@dataclass
class HexFile:
    sections: list[HexSection]
    start_address: int | None
    record_count: int

    @property
    def universal(self) -> bool:
        return any(s.board_id is not None for s in self.sections)


def looks_like_hex(data: bytes) -> bool:
    head = data[:64].lstrip()
    return head.startswith(b":") and all(c in b"0123456789ABCDEFabcdef:\r\n" for c in head)


def parse_hex(data: bytes) -> HexFile:
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise FirmwareError("Intel HEX file contains non-ASCII bytes") from None
    sections = [HexSection(None)]
    base = 0
    start = None
    seen_eof = False
    count = 0
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if seen_eof:
            raise FirmwareError(f"Intel HEX line {number}: data after the end-of-file record")
        record_type, address, payload = _parse_record(line, number)
        count += 1
        if record_type in (DATA, CUSTOM_DATA):
            sections[-1].pieces.append((base + address, payload))
        elif record_type == EOF:
            # in a universal hex each section ends with its own EOF-less block end; one EOF closes all
            seen_eof = True
        elif record_type == EXT_SEGMENT:
            base = int.from_bytes(payload, "big") << 4
        elif record_type == EXT_LINEAR:
            base = int.from_bytes(payload, "big") << 16
        elif record_type in (START_SEGMENT, START_LINEAR):
            start = int.from_bytes(payload, "big")
        elif record_type == BLOCK_START:
            board = int.from_bytes(payload[:2], "big")
            if sections[-1].board_id == board:
                continue
            if sections[-1].pieces or sections[-1].board_id is not None:
                sections.append(HexSection(board))
            else:
                sections[-1].board_id = board
        elif record_type in (BLOCK_END, PADDED_DATA, OTHER_DATA):
            pass
        else:
            raise FirmwareError(f"Intel HEX line {number}: unknown record type {record_type:02X}")
    if not seen_eof:
        raise FirmwareError("Intel HEX file is truncated: no end-of-file record")
    merged: dict[int | None, HexSection] = {}
    for section in sections:
        if section.board_id in merged:
            merged[section.board_id].pieces.extend(section.pieces)
        else:
            merged[section.board_id] = section
    kept = [s for s in merged.values() if s.pieces or s.board_id is not None]
    for section in kept:
        section.memory()  # raises on overlapping records
    return HexFile(kept, start, count)


def _parse_record(line: str, number: int) -> tuple[int, int, bytes]:
    if not line.startswith(":"):
        raise FirmwareError(f"Intel HEX line {number}: does not start with ':'")
    try:
        raw = bytes.fromhex(line[1:])
    except ValueError:
        raise FirmwareError(f"Intel HEX line {number}: not hexadecimal") from None
    if len(raw) < 5 or len(raw) != raw[0] + 5:
        raise FirmwareError(f"Intel HEX line {number}: wrong record length")
    if sum(raw) & 0xFF:
        raise FirmwareError(f"Intel HEX line {number}: bad checksum")
    return raw[3], int.from_bytes(raw[1:3], "big"), raw[4:-1]


def _record(record_type: int, address: int, payload: bytes) -> str:
    raw = bytes([len(payload), (address >> 8) & 0xFF, address & 0xFF, record_type]) + payload
    return ":" + (raw + bytes([-sum(raw) & 0xFF])).hex().upper()


def build_hex(memory: MemoryImage, start_address: int | None = None, row: int = 16) -> bytes:
    lines = []
    upper = None
    for segment in memory.segments:
        pos = 0
        while pos < len(segment.data):
            address = segment.address + pos
            if address >> 16 != upper:
                upper = address >> 16
                lines.append(_record(EXT_LINEAR, 0, upper.to_bytes(2, "big")))
            # a record must not cross a 64 KiB boundary
            size = min(row, len(segment.data) - pos, 0x10000 - (address & 0xFFFF))
            lines.append(_record(DATA, address & 0xFFFF, segment.data[pos:pos + size]))
            pos += size
    if start_address is not None:
        lines.append(_record(START_LINEAR, 0, start_address.to_bytes(4, "big")))
    lines.append(_record(EOF, 0, b""))
    return ("\n".join(lines) + "\n").encode("ascii")
