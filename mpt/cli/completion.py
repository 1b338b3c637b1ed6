"""Shell completion of option values (click completes commands and option names itself).

Enable it with `eval "$(_MPT_COMPLETE=bash_source mpt)"` (zsh_source, fish_source for other shells).
"""

from __future__ import annotations

TYPE_CHECKING = False  # (completion is rare: its imports wait until it runs)
if TYPE_CHECKING:
    from click.shell_completion import CompletionItem


def _matching(names, incomplete: str) -> list[CompletionItem]:
    prefix = incomplete.lower()
    from click.shell_completion import CompletionItem

    return [CompletionItem(name) for name in names if name.lower().startswith(prefix)]


def firmware_boards(ctx, param, incomplete: str) -> list[CompletionItem]:
    """MicroPython board ids (RPI_PICO, ESP32_GENERIC_S3, ...) and the emulated boards' names."""
    from mpt.firmware.chips import board_names

    return _matching(board_names(), incomplete)


def emulated_boards(ctx, param, incomplete: str) -> list[CompletionItem]:
    """The boards `mpt run` and `mpt emulate` emulate (rp2, rp2w, esp32, pyboard)."""
    from mpt.runtime.board.profiles import PROFILES

    return _matching(sorted(PROFILES), incomplete)


def chips(ctx, param, incomplete: str) -> list[CompletionItem]:
    """Chip and UF2 family names (esp32s3, rp2040, rp2350, ...)."""
    from mpt.firmware.chips import known_targets

    return _matching(known_targets() + ["rp2350"], incomplete)
