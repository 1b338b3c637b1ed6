"""ELF executables (firmware.elf): header, loadable segments, entry point."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from mpt.errors import FirmwareError
from mpt.firmware.memory import MemoryImage

MACHINES = {0x28: "ARM", 0x5E: "Xtensa", 0xF3: "RISC-V", 0x03: "x86", 0x3E: "x86-64", 0xB7: "AArch64"}
PT_LOAD = 1


@dataclass(frozen=True)
class ElfSegment:
    virtual_address: int
    physical_address: int
    file_size: int
    memory_size: int
    flags: int
    data: bytes


@dataclass
class ElfFile:
    bits: int
    little_endian: bool
    machine: str
    entry: int
    segments: list[ElfSegment]

    def memory(self) -> MemoryImage:
        """What a loader writes to flash: PT_LOAD file contents at their physical (load) address."""
        return MemoryImage.from_pieces((s.physical_address, s.data) for s in self.segments if s.data)


def looks_like_elf(data: bytes) -> bool:
    return data.startswith(b"\x7fELF")


def parse_elf(data: bytes) -> ElfFile:
    if len(data) < 52 or not looks_like_elf(data):
        raise FirmwareError("not an ELF file or truncated header")
    elf_class, encoding = data[4], data[5]
    if elf_class not in (1, 2) or encoding not in (1, 2):
        raise FirmwareError("ELF header has an invalid class or byte order")
    end = "<" if encoding == 1 else ">"
    if elf_class == 1:
        header = struct.unpack_from(end + "HHIIIIIHHHHHH", data, 16)
        phdr = struct.Struct(end + "IIIIIIII")
    else:
        if len(data) < 64:
            raise FirmwareError("ELF header is truncated")
        header = struct.unpack_from(end + "HHIQQQIHHHHHH", data, 16)
        phdr = struct.Struct(end + "IIQQQQQQ")
    _type, machine, _version, entry, phoff, _shoff, _flags, _ehsize, phentsize, phnum = header[:10]
    if phnum and phentsize < phdr.size:
        raise FirmwareError("ELF program header entries are too small")
    segments = []
    for index in range(phnum):
        where = phoff + index * phentsize
        if where + phdr.size > len(data):
            raise FirmwareError("ELF program headers run past the end of the file (truncated?)")
        fields = phdr.unpack_from(data, where)
        if elf_class == 1:
            p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, _align = fields
        else:
            p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, _align = fields
        if p_type != PT_LOAD:
            continue
        if p_offset + p_filesz > len(data):
            raise FirmwareError(f"ELF segment {index} runs past the end of the file (truncated?)")
        segments.append(ElfSegment(p_vaddr, p_paddr, p_filesz, p_memsz, p_flags,
                                   data[p_offset:p_offset + p_filesz]))
    return ElfFile(32 if elf_class == 1 else 64, encoding == 1,
                   MACHINES.get(machine, f"machine 0x{machine:x}"), entry, segments)
