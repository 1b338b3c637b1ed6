"""Facts about the targets mpt knows: ESP chips, UF2 families and MicroPython board ids."""

from __future__ import annotations

from dataclasses import dataclass

from mpt.errors import UsageError


@dataclass(frozen=True)
class EspChip:
    name: str            # as esptool spells it: "esp32s3"
    display: str         # "ESP32-S3"
    image_chip_id: int | None   # chip id in the image's extended header (None: ESP8266)
    bootloader_offset: int      # where the second-stage bootloader lives in flash
    flash_freqs: dict[int, str]


_COMMON_FREQS = {0xF: "80m", 0x0: "40m", 0x1: "26m", 0x2: "20m"}

ESP_CHIPS = [
    EspChip("esp8266", "ESP8266", None, 0x0, _COMMON_FREQS),
    EspChip("esp32", "ESP32", 0, 0x1000, _COMMON_FREQS),
    EspChip("esp32s2", "ESP32-S2", 2, 0x1000, _COMMON_FREQS),
    EspChip("esp32c3", "ESP32-C3", 5, 0x0, _COMMON_FREQS),
    EspChip("esp32s3", "ESP32-S3", 9, 0x0, _COMMON_FREQS),
    EspChip("esp32c2", "ESP32-C2", 12, 0x0, {0xF: "60m", 0x0: "30m", 0x1: "20m", 0x2: "15m"}),
    EspChip("esp32c6", "ESP32-C6", 13, 0x0, {0x0: "80m", 0x2: "20m"}),
    EspChip("esp32h2", "ESP32-H2", 16, 0x0, {0xF: "48m", 0x0: "24m", 0x1: "16m", 0x2: "12m"}),
    EspChip("esp32p4", "ESP32-P4", 18, 0x2000, _COMMON_FREQS),
    EspChip("esp32c61", "ESP32-C61", 20, 0x0, {0xF: "80m", 0x0: "40m", 0x2: "20m"}),
    EspChip("esp32c5", "ESP32-C5", 23, 0x2000, {0xF: "80m", 0x0: "40m", 0x2: "20m"}),
]

ESP_CHIP_BY_NAME = {c.name: c for c in ESP_CHIPS}
ESP_CHIP_BY_IMAGE_ID = {c.image_chip_id: c for c in ESP_CHIPS if c.image_chip_id is not None}

ESP_FLASH_MODES = {0: "qio", 1: "qout", 2: "dio", 3: "dout"}
ESP_FLASH_SIZES = {0: "1MB", 1: "2MB", 2: "4MB", 3: "8MB", 4: "16MB", 5: "32MB", 6: "64MB", 7: "128MB"}
ESP8266_FLASH_SIZES = {0: "512KB", 1: "256KB", 2: "1MB", 3: "2MB", 4: "4MB", 5: "2MB-c1",
                       6: "4MB-c1", 8: "8MB", 9: "16MB"}

UF2_FAMILIES = {
    "rp2040": 0xE48BFF56,
    "rp2350-arm-s": 0xE48BFF59,
    "rp2350-riscv": 0xE48BFF5A,
    "rp2350-arm-ns": 0xE48BFF5B,
    "rp-absolute": 0xE48BFF57,
    "rp-data": 0xE48BFF58,
    "samd21": 0x68ED2B88,
    "samd51": 0x55114460,
    "nrf52840": 0xADA52840,
    "nrf52833": 0x621E937A,
    "nrf52": 0x1B57745F,
    "stm32f4": 0x57755A57,
    "stm32wb": 0x70D16653,
    "mimxrt10xx": 0x4FB2D5BD,
    "esp32s2": 0xBFDD4EEE,
    "esp32s3": 0xC47E5767,
    "esp32c3": 0xD42BA06C,
}
UF2_FAMILY_NAMES = {v: k for k, v in UF2_FAMILIES.items()}

# The chip, UF2 family or MCU line of MicroPython's board ids (the names used on the download site).
# A board not listed here can still be handled by naming --chip.
BOARD_TARGETS = {
    "ESP8266_GENERIC": "esp8266",
    "ESP32_GENERIC": "esp32",
    "ESP32_GENERIC_S2": "esp32s2",
    "ESP32_GENERIC_S3": "esp32s3",
    "ESP32_GENERIC_C2": "esp32c2",
    "ESP32_GENERIC_C3": "esp32c3",
    "ESP32_GENERIC_C5": "esp32c5",
    "ESP32_GENERIC_C6": "esp32c6",
    "ESP32_GENERIC_P4": "esp32p4",
    "ESP32_GENERIC_H2": "esp32h2",
    "LOLIN_S2_MINI": "esp32s2",
    "LOLIN_C3_MINI": "esp32c3",
    "UM_TINYPICO": "esp32",
    "UM_FEATHERS3": "esp32s3",
    "ARDUINO_NANO_ESP32": "esp32s3",
    "M5STACK_ATOM": "esp32",
    "RPI_PICO": "rp2040",
    "RPI_PICO_W": "rp2040",
    "RPI_PICO2": "rp2350-arm-s",
    "RPI_PICO2_W": "rp2350-arm-s",
    "ADAFRUIT_FEATHER_RP2040": "rp2040",
    "SPARKFUN_PROMICRO": "rp2040",
    "WEACTSTUDIO": "rp2040",
    "ADAFRUIT_ITSYBITSY_M0_EXPRESS": "samd21",
    "SEEED_XIAO_SAMD21": "samd21",
    "ADAFRUIT_ITSYBITSY_M4_EXPRESS": "samd51",
    "ADAFRUIT_FEATHER_M4_EXPRESS": "samd51",
    "ARDUINO_NANO_33_BLE_SENSE": "nrf52840",
    "SEEED_XIAO_NRF52": "nrf52840",
    "PYBV10": "stm32",
    "PYBV11": "stm32",
    "PYBLITEV10": "stm32",
    "PYBD_SF2": "stm32",
    "PYBD_SF3": "stm32",
    "PYBD_SF6": "stm32",
    "NUCLEO_F401RE": "stm32",
    "NUCLEO_F411RE": "stm32",
    "BBC_MICROBIT": "nrf51",
    "BBC_MICROBIT_V2": "nrf52833",
}

_ALL_TARGETS = set(ESP_CHIP_BY_NAME) | set(UF2_FAMILIES) | {"stm32", "nrf51"}


def known_targets() -> list[str]:
    return sorted(_ALL_TARGETS)


def normalise_target(name: str) -> str:
    """'ESP32-S3' / 'esp32_s3' / 'RP2040' -> the key used in the tables above."""
    key = name.strip().lower().replace("_", "").replace("-", "")
    for target in _ALL_TARGETS:
        if target.replace("-", "") == key:
            return target
    if key == "rp2350":
        return "rp2350-arm-s"
    raise UsageError(f"unknown chip or family {name!r} (known: {', '.join(known_targets())})")


def target_of_board(board: str) -> str:
    """The chip/family of a MicroPython board id (with or without a variant suffix), or of the
    emulated board names `mpt run --board` takes (rp2, rp2w, esp32, pyboard and their aliases)."""
    base = board.strip().upper().split("-")[0]
    if base in BOARD_TARGETS:
        return BOARD_TARGETS[base]
    emulated = emulated_board_ids().get(board.strip().lower())
    if emulated is not None:
        return BOARD_TARGETS[emulated]
    raise UsageError(f"unknown board {board!r}: name its chip with --chip instead")


def emulated_board_ids() -> dict[str, str]:
    """Emulated board names and aliases -> the MicroPython board id their firmware is built as."""
    from mpt.runtime.board.profiles import ALIASES, PROFILES  # lazy (start-up): the runtime

    names = {key: profile.build_name for key, profile in PROFILES.items()}
    names.update({alias: PROFILES[key].build_name for alias, key in ALIASES.items()})
    return {name: board_id for name, board_id in names.items() if board_id.split("-")[0] in BOARD_TARGETS}


def board_names() -> list[str]:
    """The board names --board offers: MicroPython board ids and the emulated boards' names."""
    from mpt.runtime.board.profiles import PROFILES  # lazy (start-up): the runtime

    return sorted(BOARD_TARGETS) + sorted(PROFILES)


def targets_match(image_target: str, wanted: str) -> bool:
    if image_target == wanted:
        return True
    rp2350 = {"rp2350-arm-s", "rp2350-riscv", "rp2350-arm-ns"}
    return image_target in rp2350 and wanted in rp2350
