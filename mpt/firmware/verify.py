"""Decide whether an image is whole and fits the named target."""

from __future__ import annotations

from mpt.errors import FirmwareError, UsageError
from mpt.firmware.chips import ESP_CHIP_BY_NAME, normalise_target, target_of_board, targets_match
from mpt.firmware.inspect import ImageInfo, esp_chip_display, inspect_file


def wanted_target(chip: str | None = None, board: str | None = None) -> str | None:
    if chip and board:
        raise UsageError("give --chip or --board, not both")
    if chip:
        return normalise_target(chip)
    if board:
        return target_of_board(board)
    return None


def check_target(info: ImageInfo, target: str) -> None:
    # ESP ROMs boot only ESP images (a UF2 is fine too: TinyUF2 bootloaders on S2/S3 take it)
    if target in ESP_CHIP_BY_NAME and not info.format.startswith("esp") and info.format != "uf2":
        raise FirmwareError(f"not an ESP image: an {ESP_CHIP_BY_NAME[target].display} boots only images "
                            f"starting with magic byte 0xe9 (this is a {info.format_description})")
    if info.target is None:
        raise FirmwareError(f"cannot tell which chip this {info.format_description} is for, "
                            f"so it cannot be checked against {esp_chip_display(target)}")
    if not any(targets_match(found, target) for found in info.all_targets):
        raise FirmwareError(f"image is built for {esp_chip_display(info.target)}, "
                            f"not {esp_chip_display(target)}")


def looks_like_firmware(info: ImageInfo) -> bool:
    """A raw binary counts as firmware only with a MicroPython banner or a Cortex-M vector table."""
    return info.format != "raw" or info.identity.is_micropython or info.entry is not None


def verify_info(info: ImageInfo, target: str | None = None) -> ImageInfo:
    if not looks_like_firmware(info):
        raise FirmwareError("not a firmware image: no known image format, no MicroPython banner "
                            "and no vector table")
    if len(info.problems) == 1:
        raise FirmwareError(info.problems[0])
    if info.problems:
        raise FirmwareError(f"{len(info.problems)} problems: " + "; ".join(info.problems))
    if target is not None:
        check_target(info, target)
    return info


def verify_file(path, chip: str | None = None, board: str | None = None) -> ImageInfo:
    target = wanted_target(chip, board)
    return verify_info(inspect_file(path), target)
