"""Time `mpt firmware` on a MicroPython-sized ESP32 image: inspect, and flash into the emulated
ESP bootloader (esptool's real protocol over a pty) with and without the flasher stub.

    python bench/firmware_flash.py [IMAGE.bin]

Without an argument a 1.5 MB merged ESP32 image is generated (its application part is random
data, so it compresses about as badly as real code does).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mpt.firmware.flash_esp import flash_esp  # noqa: E402
from mpt.firmware.inspect import inspect_bytes  # noqa: E402
from tests.firmware import images  # noqa: E402
from tests.firmware.esp_rom_emulator import EspRomEmulator, PtyEspBoard  # noqa: E402


def main() -> None:
    if len(sys.argv) > 1:
        data = Path(sys.argv[1]).read_bytes()
    else:
        app = images.esp_app("esp32", text=images.banner_strings() + os.urandom(1_400_000))
        data = images.esp_merged("esp32", app=app)
    start = time.perf_counter()
    info = inspect_bytes(data)
    print(f"image: {len(data)} bytes, {info.format}, {info.target}; inspect took "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")
    for stub in (True, False):
        emulator = EspRomEmulator(info.target)
        with PtyEspBoard(emulator) as board:
            start = time.perf_counter()
            flash_esp(info, data, board.port, stub=stub, before="no-reset", after="no-reset")
            took = time.perf_counter() - start
        offset = info.flash_offset
        assert emulator.flash[offset:offset + len(data)] == data
        print(f"flash {'with stub' if stub else 'ROM only'}: {took:.2f} s "
              f"({len(data) / took / 1024:.0f} KiB/s of image through esptool and the emulator)")


if __name__ == "__main__":
    main()
