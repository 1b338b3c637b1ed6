"""An image's content as the target sees it: byte runs at absolute addresses."""

from __future__ import annotations

from dataclasses import dataclass, field

from mpt.errors import FirmwareError


MAX_FLAT_SIZE = 128 << 20     # more than any MicroPython board's flash


@dataclass(frozen=True)
class Segment:
    address: int
    data: bytes

    @property
    def end(self) -> int:
        return self.address + len(self.data)


@dataclass
class MemoryImage:
    """Non-overlapping segments sorted by address; adjacent runs are joined."""

    segments: list[Segment] = field(default_factory=list)

    @classmethod
    def from_pieces(cls, pieces) -> "MemoryImage":
        """Build from (address, bytes) pieces; overlapping pieces are an error."""
        ordered = sorted(((a, bytes(d)) for a, d in pieces if d), key=lambda p: p[0])
        joined: list[list] = []
        for address, data in ordered:
            if joined:
                last_address, last_data = joined[-1]
                last_end = last_address + len(last_data)
                if address < last_end:
                    raise FirmwareError(
                        f"overlapping data at 0x{address:08x} (already filled up to 0x{last_end:08x})")
                if address == last_end:
                    last_data.extend(data)
                    continue
            joined.append([address, bytearray(data)])
        return cls([Segment(a, bytes(d)) for a, d in joined])

    @property
    def start(self) -> int:
        return self.segments[0].address if self.segments else 0

    @property
    def end(self) -> int:
        return self.segments[-1].end if self.segments else 0

    @property
    def data_size(self) -> int:
        return sum(len(s.data) for s in self.segments)

    def flatten(self, fill: int = 0xFF) -> bytes:
        """All content from the lowest to the highest address, gaps filled."""
        span = self.end - self.start
        if span > MAX_FLAT_SIZE:
            raise FirmwareError(f"the data spans {span} bytes (0x{self.start:08x} to 0x{self.end:08x}): "
                                f"too large for a flat binary (at most {MAX_FLAT_SIZE >> 20} MiB)")
        out = bytearray([fill]) * (self.end - self.start)
        for segment in self.segments:
            offset = segment.address - self.start
            out[offset:offset + len(segment.data)] = segment.data
        return bytes(out)

    def content_text(self) -> bytes:
        """Bytes to search for strings in: segments joined with a NUL between them."""
        return b"\x00".join(s.data for s in self.segments)
