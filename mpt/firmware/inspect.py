"""Identify an image by its content and describe it: format, target, layout, checks, firmware."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field

from mpt.errors import FirmwareError
from mpt.hostfiles import FIRMWARE, read_input
from mpt.firmware import banner, dfuse, elf, esp_layout, ihex, uf2
from mpt.firmware.chips import ESP_CHIP_BY_NAME, UF2_FAMILY_NAMES
from mpt.firmware.memory import MemoryImage

FORMAT_NAMES = {
    "esp-merged": "ESP merged flash image (bootloader + partition table + application)",
    "esp-app": "ESP application image",
    "esp-bootloader": "ESP bootloader image",
    "esp-image": "ESP image",
    "esp8266": "ESP8266 firmware image",
    "uf2": "UF2",
    "dfuse": "DfuSe (.dfu)",
    "ihex": "Intel HEX",
    "universal-hex": "micro:bit universal hex",
    "elf": "ELF executable",
    "raw": "raw binary",
}

# MCU names in banners -> target keys of chips.py
_MCU_TARGETS = [("RP2040", "rp2040"), ("RP2350", "rp2350-arm-s"), ("ESP32S3", "esp32s3"),
                ("ESP32S2", "esp32s2"), ("ESP32C3", "esp32c3"), ("ESP32C6", "esp32c6"),
                ("ESP32C5", "esp32c5"), ("ESP32C2", "esp32c2"), ("ESP32P4", "esp32p4"),
                ("ESP32H2", "esp32h2"), ("ESP8266", "esp8266"), ("ESP32", "esp32"),
                ("STM32", "stm32"), ("SAMD21", "samd21"), ("SAMD51", "samd51"),
                ("NRF52840", "nrf52840"), ("NRF52833", "nrf52833"), ("NRF51", "nrf51")]


@dataclass
class ImageInfo:
    format: str
    size: int
    sha256: str
    target: str | None = None          # chip or family key (chips.py), None if unknown
    flash_offset: int | None = None    # where a flasher writes the file's first byte (ESP)
    entry: int | None = None
    memory: MemoryImage = field(default_factory=MemoryImage)
    flash: dict = field(default_factory=dict)
    checks: dict = field(default_factory=dict)     # name -> True/False
    details: dict = field(default_factory=dict)
    partitions: list = field(default_factory=list)
    identity: banner.FirmwareIdentity = field(default_factory=lambda: banner.FirmwareIdentity("unknown"))
    problems: list = field(default_factory=list)
    path: str | None = None
    # one entry per image a multi-target file holds (UF2 families, universal hex sections):
    # {"target": key or None, "source": where in the file, "identity": FirmwareIdentity}
    variants: list = field(default_factory=list)

    @property
    def all_targets(self) -> list[str]:
        """Every target the file holds an image for (the main target first)."""
        found = [self.target] if self.target else []
        for variant in self.variants:
            if variant["target"] and variant["target"] not in found:
                found.append(variant["target"])
        return found

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def format_description(self) -> str:
        return FORMAT_NAMES[self.format]

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "format_description": self.format_description,
            "size": self.size,
            "sha256": self.sha256,
            "target": self.target,
            "flash_offset": self.flash_offset,
            "entry": self.entry,
            "segments": [{"address": s.address, "size": len(s.data)} for s in self.memory.segments],
            "flash": self.flash,
            "checks": self.checks,
            "partitions": self.partitions,
            "details": self.details,
            **self.identity.as_dict(),
            "targets": [{"target": v["target"], "source": v["source"], **v["identity"].as_dict()}
                        for v in self.variants],
            "valid": self.valid,
            "problems": self.problems,
        }


def read_image(path) -> bytes:
    data = read_input(path, FIRMWARE)
    if not data:
        raise FirmwareError(f"{path}: file is empty")
    return data


def inspect_file(path) -> ImageInfo:
    info = inspect_bytes(read_image(path))
    info.path = str(path)
    return info


def inspect_bytes(data: bytes) -> ImageInfo:
    """Raises FirmwareError when the structure cannot be read at all; lesser faults go to .problems."""
    info = ImageInfo("raw", len(data), hashlib.sha256(data).hexdigest())
    if uf2.looks_like_uf2(data):
        _inspect_uf2(info, data)
    elif dfuse.looks_like_dfuse(data):
        _inspect_dfuse(info, data)
    elif elf.looks_like_elf(data):
        _inspect_elf(info, data)
    elif ihex.looks_like_hex(data):
        _inspect_hex(info, data)
    elif esp_layout.looks_like_esp(data):
        _inspect_esp(info, data)
    else:
        _inspect_raw(info, data)
    main = [v["identity"] for v in info.variants if v["target"] == info.target and info.target]
    info.identity = main[0] if main else banner.identify(_searchable(info, data))
    if info.target is None and info.identity.mcu:
        info.target = _target_from_mcu(info.identity.mcu)
    if info.format == "raw" and info.target in ESP_CHIP_BY_NAME:
        # the banner says ESP, but no ESP ROM boots a file that does not start with 0xe9
        info.problems.append(f"not an ESP image: it holds {ESP_CHIP_BY_NAME[info.target].display} firmware text but "
                             f"does not start with the ESP image magic byte 0xe9 (found 0x{data[0]:02x}): "
                             "an ESP ROM will not boot it")
    if not info.variants:
        info.variants = [{"target": info.target, "source": "whole file", "identity": info.identity}]
    return info


def _searchable(info: ImageInfo, data: bytes) -> bytes:
    if info.format in ("uf2", "dfuse", "ihex", "universal-hex", "elf"):
        return info.memory.content_text()
    return data


def _inspect_esp(info: ImageInfo, data: bytes) -> None:
    layout = esp_layout.analyse_esp(data)
    info.format = layout.kind
    info.target = layout.chip.name
    info.flash_offset = layout.flash_offset
    info.memory = MemoryImage.from_pieces([(layout.flash_offset or 0, data)])
    info.problems += layout.problems
    main = layout.application or layout.images[0].image
    info.entry = main.entry
    info.flash = {"mode": layout.images[0].image.flash_mode, "size": layout.images[0].image.flash_size,
                  "frequency": layout.images[0].image.flash_freq}
    images = []
    for placed in layout.images:
        image = placed.image
        images.append({
            "role": placed.role,
            "flash_offset": placed.flash_offset,
            "length": image.length,
            "entry": image.entry,
            "chip": image.chip.display,
            "min_chip_revision": image.min_chip_rev,
            "segments": [{"address": s.address, "size": len(s.data)} for s in image.segments],
            "checksum_ok": image.checksum_ok,
            "sha256_ok": image.sha256_ok,
            "app_description": image.app_desc,
        })
        info.checks[f"{placed.role} checksum"] = image.checksum_ok
        if image.sha256_ok is not None:
            info.checks[f"{placed.role} SHA-256"] = image.sha256_ok
    info.details["chip"] = layout.chip.display
    info.details["images"] = images
    info.details.update(layout.extra)
    if "md5_ok" in layout.extra:
        info.checks["firmware MD5"] = layout.extra["md5_ok"]
    if layout.partition_table is not None:
        info.partitions = [p.as_dict() for p in layout.partition_table.partitions]
        if layout.partition_table.md5_present:
            info.checks["partition table MD5"] = layout.partition_table.md5_ok


def _inspect_uf2(info: ImageInfo, data: bytes) -> None:
    info.format = "uf2"
    parsed = uf2.parse_uf2(data)
    info.details["blocks"] = len(parsed.blocks)
    families = []
    for sequence in parsed.sequences:
        memory = sequence.memory()
        entry = {"id": f"0x{sequence.family:08x}" if sequence.family is not None else None,
                 "name": UF2_FAMILY_NAMES.get(sequence.family, "unknown") if sequence.family is not None
                 else "none", "blocks": len(sequence.blocks)}
        if sequence.placeholder:
            entry["role"] = "placeholder, never written (RP2350-E10 workaround)"
        else:
            entry["role"] = "image"
            entry["start"], entry["end"] = memory.start, memory.end
        families.append(entry)
    info.details["families"] = families
    images = parsed.images
    keyed = [(s, UF2_FAMILY_NAMES.get(s.family) if s.family is not None else None) for s in images]
    # the chip families come first; the RP2350's absolute/data families hold no image of a chip
    chip = [(s, k) for s, k in keyed if k and k not in ("rp-absolute", "rp-data")]
    main = chip[0] if chip else (keyed[0] if keyed else None)
    info.target = main[1] if main else None
    info.memory = parsed.memory(main[0].family) if main and len(images) > 1 else parsed.memory()
    if len(images) > 1:
        for sequence, key in keyed:
            identity = banner.identify(parsed.memory(sequence.family).content_text())
            info.variants.append({"target": key, "source": uf2.family_label(sequence.family),
                                  "identity": identity})
    info.checks["UF2 blocks"] = True


def _inspect_dfuse(info: ImageInfo, data: bytes) -> None:
    info.format = "dfuse"
    parsed = dfuse.parse_dfuse(data)
    info.memory = MemoryImage.from_pieces((e.address, e.data) for t in parsed.targets for e in t.elements)
    info.details["usb_id"] = f"{parsed.vendor_id:04x}:{parsed.product_id:04x}"
    info.details["targets"] = [{"alt_setting": t.alt_setting, "name": t.name,
                                "elements": [{"address": e.address, "size": len(e.data)} for e in t.elements]}
                               for t in parsed.targets]
    info.checks["DfuSe CRC"] = True
    if (parsed.vendor_id, parsed.product_id) == (dfuse.STM32_DFU_VID, dfuse.STM32_DFU_PID) or \
            0x08000000 <= info.memory.start < 0x08200000:
        info.target = "stm32"
    info.entry = _vector_reset(info.memory)


def _inspect_hex(info: ImageInfo, data: bytes) -> None:
    parsed = ihex.parse_hex(data)
    info.format = "universal-hex" if parsed.universal else "ihex"
    info.entry = parsed.start_address
    info.checks["record checksums"] = True
    if parsed.universal:
        sections = []
        for section in parsed.sections:
            memory = section.memory()
            sections.append({"board_id": f"0x{section.board_id:04x}" if section.board_id is not None else None,
                             "board": (ihex.MICROBIT_BOARD_IDS.get(section.board_id, "unknown")
                                       if section.board_id is not None else "unknown"),
                             "segments": [{"address": s.address, "size": len(s.data)} for s in memory.segments],
                             "firmware": banner.identify(memory.content_text()).banner})
        info.details["sections"] = sections
        for section, described in zip(parsed.sections, sections):
            info.variants.append({"target": (_MICROBIT_TARGETS.get(section.board_id)
                                             if section.board_id is not None else None),
                                  "source": f"section {described['board_id']} ({described['board']})",
                                  "identity": banner.identify(section.memory().content_text())})
        # one memory image cannot hold both targets; searching text across them is still useful
        info.memory = MemoryImage([s for sec in parsed.sections for s in sec.memory().segments])
        targets = [v["target"] for v in info.variants if v["target"]]
        info.target = "nrf52833" if "nrf52833" in targets else (targets[0] if targets else None)
        info.details["targets"] = sorted(set(targets))
    else:
        info.memory = parsed.sections[0].memory() if parsed.sections else MemoryImage()
        if info.memory.segments and 0x08000000 <= info.memory.start < 0x08200000:
            info.target = "stm32"


_MICROBIT_TARGETS = {board_id: "nrf51" if "v1" in name else "nrf52833"
                     for board_id, name in ihex.MICROBIT_BOARD_IDS.items()}


def _inspect_elf(info: ImageInfo, data: bytes) -> None:
    info.format = "elf"
    parsed = elf.parse_elf(data)
    info.memory = parsed.memory()
    info.entry = parsed.entry
    info.details["machine"] = parsed.machine
    info.details["class"] = f"ELF{parsed.bits}"
    info.details["program_segments"] = [
        {"virtual_address": s.virtual_address, "load_address": s.physical_address,
         "file_size": s.file_size, "memory_size": s.memory_size} for s in parsed.segments]


def _inspect_raw(info: ImageInfo, data: bytes) -> None:
    info.memory = MemoryImage.from_pieces([(0, data)])
    reset = _vector_reset(info.memory)
    if reset is not None:
        info.details["note"] = "starts with an ARM Cortex-M vector table"
        info.entry = reset


def _vector_reset(memory: MemoryImage) -> int | None:
    """The reset handler if the data starts with a Cortex-M vector table (SP in SRAM, odd PC)."""
    if not memory.segments or len(memory.segments[0].data) < 8:
        return None
    stack, reset = struct.unpack_from("<II", memory.segments[0].data, 0)
    if 0x10000000 <= stack <= 0x30000000 and reset & 1 and reset < 0x20000000:
        return reset & ~1
    return None


def _target_from_mcu(mcu: str) -> str | None:
    key = mcu.upper().replace("-", "").replace("_", "")
    for prefix, target in _MCU_TARGETS:
        if prefix in key:
            return target
    return None


def esp_chip_display(target: str | None) -> str:
    if target in ESP_CHIP_BY_NAME:
        return ESP_CHIP_BY_NAME[target].display
    return target or "unknown"
