"""Flash STM32 boards (pyboard and friends) in their DfuSe USB bootloader (0483:df11) via pyusb.

The protocol: DFU class requests on interface 0; DfuSe commands go in block-0 downloads
(0x41 erase a page, 0x21 set the address pointer); data goes in blocks 2.. at the pointer;
a zero-length download then makes the bootloader leave DFU mode and run the new firmware.
"""

from __future__ import annotations

import logging
import re
import struct
import time
from dataclasses import dataclass
from typing import Callable, Protocol

from mpt.errors import ConnectionFailed, DeviceError, FirmwareError, UsageError
from mpt.firmware.dfuse import STM32_DFU_PID, STM32_DFU_VID, parse_dfuse
from mpt.firmware.inspect import ImageInfo
from mpt.firmware.memory import MemoryImage

log = logging.getLogger("mpt.firmware")

DNLOAD, UPLOAD, GETSTATUS, CLRSTATUS, GETSTATE, ABORT = 1, 2, 3, 4, 5, 6
OUT, IN = 0x21, 0xA1
STATE_IDLE, STATE_DNLOAD_SYNC, STATE_DNBUSY, STATE_DNLOAD_IDLE = 2, 3, 4, 5
STATE_MANIFEST_SYNC, STATE_MANIFEST, STATE_ERROR = 6, 7, 10
CMD_SET_ADDRESS, CMD_ERASE = 0x21, 0x41
TRANSFER_SIZE = 2048

Progress = Callable[[int, int], None]


class UsbControl(Protocol):
    def ctrl_transfer(self, request_type, request, value, index, data_or_length, timeout=None): ...


@dataclass
class DfuTarget:
    device: UsbControl
    interface: int
    memory_layout: str      # the alt setting's string, e.g. "@Internal Flash  /0x08000000/04*016Kg,..."


def parse_memory_layout(layout: str) -> list[tuple[int, int, int]]:
    """'@Internal Flash  /0x08000000/04*016Kg,01*064Kg' -> [(address, size, count), ...]"""
    parts = layout.split("/")
    if len(parts) < 3:
        return []
    address = int(parts[1], 16)
    regions = []
    for chunk in parts[2].split(","):
        match = re.match(r"\s*(\d+)\*(\d+)\s*([ KM])", chunk)
        if not match:
            continue
        count, size, unit = int(match.group(1)), int(match.group(2)), match.group(3)
        size *= {" ": 1, "K": 1024, "M": 1024 * 1024}[unit]
        regions.append((address, size, count))
        address += size * count
    return regions


def pages_to_erase(memory: MemoryImage, layout: list[tuple[int, int, int]]) -> list[int]:
    pages = []
    for region_start, size, count in layout:
        for index in range(count):
            start = region_start + index * size
            end = start + size
            if any(s.address < end and s.end > start for s in memory.segments):
                pages.append(start)
    return pages


def find_stm32_dfu() -> DfuTarget:
    try:
        import usb.core
        import usb.util
    except ImportError:
        raise UsageError("flashing over DFU needs pyusb: install it with  pip install 'mpt[dfu]'  "
                         "(or pip install pyusb)") from None
    try:
        device = usb.core.find(idVendor=STM32_DFU_VID, idProduct=STM32_DFU_PID)
    except usb.core.NoBackendError:
        raise UsageError("pyusb found no USB backend: install libusb") from None
    if device is None:
        raise ConnectionFailed("no STM32 in DFU mode (USB 0483:df11) found: put the board in its "
                               "bootloader (run machine.bootloader() or hold BOOT0/DFU while resetting)")
    try:
        device.set_configuration()
        interface = device.get_active_configuration()[(0, 0)]
        usb.util.claim_interface(device, 0)
        layout = usb.util.get_string(device, interface.iInterface) or ""
    except usb.core.USBError as exc:
        raise ConnectionFailed(f"cannot open the DFU device: {exc}") from None
    return DfuTarget(device, 0, layout)


class DfuSession:
    def __init__(self, target: DfuTarget, timeout_ms: int = 5000):
        self.target = target
        self.timeout = timeout_ms

    def _out(self, value: int, data: bytes) -> None:
        self.target.device.ctrl_transfer(OUT, DNLOAD, value, self.target.interface, data, self.timeout)

    def status(self) -> tuple[int, int, int]:
        raw = bytes(self.target.device.ctrl_transfer(IN, GETSTATUS, 0, self.target.interface, 6, self.timeout))
        poll_ms = raw[1] | raw[2] << 8 | raw[3] << 16
        return raw[0], raw[4], poll_ms

    def clear(self) -> None:
        for _ in range(3):
            _status, state, _ = self.status()
            if state == STATE_IDLE:
                return
            if state == STATE_ERROR:
                self.target.device.ctrl_transfer(OUT, CLRSTATUS, 0, self.target.interface, b"", self.timeout)
            else:
                self.target.device.ctrl_transfer(OUT, ABORT, 0, self.target.interface, b"", self.timeout)
        raise DeviceError("the DFU bootloader does not return to its idle state")

    def _wait_done(self, what: str, final_states=(STATE_DNLOAD_IDLE,)) -> int:
        for _ in range(200):
            status, state, poll_ms = self.status()
            if status != 0 or state == STATE_ERROR:
                raise DeviceError(f"the DFU bootloader reported error {status} while {what}")
            if state in final_states:
                return state
            time.sleep(poll_ms / 1000)
        raise DeviceError(f"the DFU bootloader did not finish {what}")

    def command(self, command: int, address: int | None, what: str) -> None:
        payload = bytes([command]) + (struct.pack("<I", address) if address is not None else b"")
        self._out(0, payload)
        self._wait_done(what)

    def write(self, address: int, data: bytes, progress=None, done_before=0, total=0) -> None:
        for pos in range(0, len(data), TRANSFER_SIZE):
            block_address = address + pos
            self.command(CMD_SET_ADDRESS, block_address, f"setting the address 0x{block_address:08x}")
            self._out(2, data[pos:pos + TRANSFER_SIZE])
            self._wait_done(f"writing at 0x{block_address:08x}")
            if progress:
                progress(done_before + min(pos + TRANSFER_SIZE, len(data)), total)

    def leave(self, address: int) -> None:
        """Point at the firmware start and send an empty download: the bootloader runs the firmware."""
        self.command(CMD_SET_ADDRESS, address, "setting the start address")
        self._out(0, b"")
        try:
            self.status()
        except Exception:
            pass  # the device may already be gone: that is success


@dataclass
class DfuFlashResult:
    pages_erased: int
    size: int
    start: int


def wait_for_dfu(port: str | None, enter_bootloader, timeout: float, find=None) -> DfuTarget:
    """The DFU device; if none is there and a port is known, ask the board to enter DFU first."""
    find = find or find_stm32_dfu
    try:
        return find()
    except ConnectionFailed:
        if port is None or enter_bootloader is None:
            raise
    enter_bootloader(port)
    deadline = time.monotonic() + timeout
    while True:
        time.sleep(0.5)
        try:
            return find()
        except ConnectionFailed:
            if time.monotonic() >= deadline:
                raise ConnectionFailed(f"the board on {port} did not show up in DFU mode within {timeout:g} s") \
                    from None


def flash_dfu(info: ImageInfo, data: bytes, target: DfuTarget | None = None, erase: bool = False,
              progress: Progress | None = None, port: str | None = None, enter_bootloader=None,
              timeout: float = 30.0) -> DfuFlashResult:
    log.info("flashing %d bytes of %s over DFU", len(data), info.format_description)
    if info.problems:
        raise FirmwareError(f"refusing to flash an invalid image: {info.problems[0]}")
    if info.format == "dfuse":
        parsed = parse_dfuse(data)
        others = sorted({t.alt_setting for t in parsed.targets if t.alt_setting != 0})
        if others:
            raise FirmwareError(f"the .dfu file also targets alternate setting(s) {others} (option bytes or "
                                "other memories): only internal flash (alt 0) is written by mpt")
        memory = MemoryImage.from_pieces((e.address, e.data) for t in parsed.targets for e in t.elements)
    elif info.format in ("ihex", "elf"):
        memory = info.memory
    elif info.format == "raw":
        raise FirmwareError("a raw .bin carries no load address: convert it to .dfu first "
                            "(mpt firmware convert IN.bin OUT.dfu --base 0x08000000)")
    else:
        raise FirmwareError(f"a {info.format_description} cannot be flashed over DfuSe")
    if info.target not in (None, "stm32"):
        raise FirmwareError(f"image is built for {info.target}, not an STM32; nothing was written")
    if not 0x08000000 <= memory.start < 0x08400000:
        raise FirmwareError(f"image starts at 0x{memory.start:08x}, outside STM32 internal flash")
    target = target or wait_for_dfu(port, enter_bootloader, timeout)
    session = DfuSession(target)
    session.clear()
    layout = parse_memory_layout(target.memory_layout)
    if erase:
        session.command(CMD_ERASE, None, "erasing the whole flash")
        pages = []
    else:
        pages = pages_to_erase(memory, layout)
        if not pages:
            raise DeviceError(f"the bootloader's memory layout {target.memory_layout!r} does not cover the image")
        for page in pages:
            session.command(CMD_ERASE, page, f"erasing the page at 0x{page:08x}")
    total = memory.data_size
    done = 0
    for segment in memory.segments:
        session.write(segment.address, segment.data, progress, done, total)
        done += len(segment.data)
    session.leave(memory.start)
    return DfuFlashResult(len(pages), total, memory.start)
