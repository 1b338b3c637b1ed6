"""UF2 files written by hand, block by block, as the Pico SDK / picotool and uf2conv lay them out.

Independent of mpt's UF2 writer so that the reader is tested against the format, not itself.
"""

from __future__ import annotations

import struct

from tests.firmware import images

RP2040 = 0xE48BFF56
RP_ABSOLUTE = 0xE48BFF57
RP2350_ARM_S = 0xE48BFF59
RP2350_RISCV = 0xE48BFF5A
SAMD51 = 0x55114460
IGNORE_BLOCK_TAG = 0x9957E3      # picotool: UF2_EXTENSION_RP2_IGNORE_BLOCK


def block(address: int, payload: bytes, number: int, count: int, family: int | None,
          flags: int = 0, tags: tuple[int, ...] = ()) -> bytes:
    if family is not None:
        flags |= 0x2000
    if tags:
        flags |= 0x8000
    head = struct.pack("<8I", 0x0A324655, 0x9E5D5157, flags, address, len(payload), number, count,
                       family if family is not None else 0)
    body = payload + b"\x00" * (-len(payload) % 4)
    for tag in tags:
        body += struct.pack("<I", (tag << 8) | 4)
    return head + body.ljust(476, b"\x00") + struct.pack("<I", 0x0AB16F30)


def family_run(data: bytes, base: int, family: int | None, page: int = 256) -> bytes:
    """One image as consecutive blocks 0..N-1 of one family."""
    pages = [data[i:i + page] for i in range(0, len(data), page)]
    return b"".join(block(base + i * page, p, i, len(pages), family) for i, p in enumerate(pages))


def e10_block(tagged: bool = True) -> bytes:
    """picotool's RP2350-E10 workaround: one absolute-family block 'numbered 0 of 2', never written."""
    return block(0x10FFFF00, b"\xef" * 256, 0, 2, RP_ABSOLUTE, tags=(IGNORE_BLOCK_TAG,) if tagged else ())


def pico2_binary(version="v1.29.0", size=20000) -> bytes:
    return images.cortex_m_binary(version=version, board="Raspberry Pi Pico2", mcu="RP2350", size=size)


def rp2350_sdk_uf2(binary: bytes | None = None, tagged: bool = True) -> bytes:
    """How the Pico SDK 2.x lays out an RP2350 UF2 (MicroPython 1.29's RPI_PICO2 build):
    the E10 block first, then the image's own blocks (family rp2350-arm-s, 0..N-1)."""
    binary = pico2_binary() if binary is None else binary
    return e10_block(tagged) + family_run(binary, 0x10000000, RP2350_ARM_S)


def rp2040_and_rp2350_uf2() -> bytes:
    """One file for both Picos: an RP2040 image and an RP2350 image concatenated."""
    pico = images.cortex_m_binary(size=6000)
    return family_run(pico, 0x10000000, RP2040) + rp2350_sdk_uf2(pico2_binary(version="v1.28.0", size=6000))
