"""An STM32 system bootloader in DfuSe mode, at the level of USB control transfers."""

from __future__ import annotations

import struct

from mpt.firmware.flash_dfu import parse_memory_layout

F405_LAYOUT = "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg"
IDLE, DNLOAD_SYNC, DNBUSY, DNLOAD_IDLE, MANIFEST_SYNC, MANIFEST, ERROR = 2, 3, 4, 5, 6, 7, 10


class FakeStm32Dfu:
    def __init__(self, layout: str = F405_LAYOUT, fail_writes: bool = False):
        self.sectors = []
        for start, size, count in parse_memory_layout(layout):
            self.sectors += [(start + i * size, size) for i in range(count)]
        self.flash = {}
        self.state = IDLE
        self.status = 0
        self.pointer = 0
        self.pending = None
        self.erased_sectors = []
        self.left_dfu_at = None
        self.fail_writes = fail_writes
        self.requests = []

    def read(self, address: int, size: int) -> bytes:
        return bytes(self.flash.get(address + i, 0xFF) for i in range(size))

    def ctrl_transfer(self, request_type, request, value, index, data_or_length, timeout=None):
        self.requests.append((request_type, request, value))
        if request_type == 0x21 and request == 1:           # DNLOAD
            self.pending = (value, bytes(data_or_length))
            self.state = DNLOAD_SYNC
            return len(data_or_length)
        if request_type == 0xA1 and request == 3:           # GETSTATUS
            if self.state == DNLOAD_SYNC:
                self._execute()
            elif self.state == DNBUSY:
                self.state = DNLOAD_IDLE
            return bytes([self.status, 0, 0, 0, self.state, 0])
        if request == 4:                                    # CLRSTATUS
            self.state, self.status = IDLE, 0
            return 0
        if request == 6:                                    # ABORT
            self.state = IDLE
            return 0
        raise AssertionError(f"unexpected request {request_type:#x}/{request}")

    def _execute(self):
        value, data = self.pending
        self.state = DNBUSY
        if value == 0 and not data:                         # leave DFU: run the firmware
            self.left_dfu_at = self.pointer
            self.state = MANIFEST
        elif value == 0 and data[0] == 0x21:
            (self.pointer,) = struct.unpack("<I", data[1:5])
        elif value == 0 and data[0] == 0x41:
            if len(data) == 1:
                self.flash.clear()
                self.erased_sectors.append("all")
            else:
                (address,) = struct.unpack("<I", data[1:5])
                for start, size in self.sectors:
                    if start <= address < start + size:
                        for a in range(start, start + size):
                            self.flash.pop(a, None)
                        self.erased_sectors.append(start)
        elif value >= 2:
            address = self.pointer + (value - 2) * len(data)
            if self.fail_writes:
                self.state, self.status = ERROR, 0x03       # errWRITE
                return
            for i, byte in enumerate(data):
                self.flash[address + i] = self.flash.get(address + i, 0xFF) & byte
